using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Compilation;
using GuidelineEngine.Engine.Runtime;

namespace GuidelineEngine.Engine.Screening;

/// <summary>
/// The intake facts that stand between an item and an outcome: the unknown facts of every undetermined outcome rule —
/// only those of undetermined parts of an undetermined whole, as <see cref="ConditionExplainer"/> reports them — traced
/// back through the derivations to facts a department can answer. Built once per rule set; it builds no text, which is
/// what keeps the questions of a screening and the interview's probe cheap. One walker serves both.
/// </summary>
internal sealed class MissingFacts
{
    private readonly CompiledRuleSet _rules;
    private readonly List<RuleDefinition> _outcomeRules;
    private readonly Dictionary<string, RuleDefinition> _outcomeRulesById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Condition>> _derivations = new(StringComparer.Ordinal);

    public MissingFacts(CompiledRuleSet rules)
    {
        _rules = rules;
        _outcomeRules = rules.Definition.Rules.Where(r => r.Then is ConcludeOutcome).ToList();
        foreach (var rule in _outcomeRules)
        {
            _outcomeRulesById.TryAdd(rule.Id, rule);
        }
        foreach (var rule in rules.Definition.Rules)
        {
            if (rule.Then is AssertFact assert)
            {
                (_derivations.TryGetValue(assert.Fact, out var list) ? list : _derivations[assert.Fact] = []).Add(rule.When);
            }
        }
    }

    /// <summary>The intake facts (item and task facts by name) whose answer could decide an item the session left undecided.</summary>
    public List<string> Find(FactFrame frame)
    {
        var walk = new Walk(this, frame);
        var unknown = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in _outcomeRules)
        {
            var (value, facts) = walk.Holds(rule);
            if (value == Truth.Unknown)
            {
                walk.Expand(facts, unknown, seen);
            }
        }
        // A follow-up (the statute's kind and name, consent to provision abroad, the approval of subcontracting) means
        // something only once its trigger has the answer it follows: until then the trigger is asked, not the follow-up.
        unknown.RemoveAll(name => _rules.Layout.Definition(name).Follows is { } trigger
            && !(_rules.Layout.Contains(trigger.Fact) && frame.Item[_rules.Layout[trigger.Fact].Slot] is bool given && given == trigger.Value));
        return unknown;
    }

    // One walk over an item's facts. What the compiled outcome condition inlines (an outcome rule and, negated, each
    // exception it names, recursively) is walked once per rule here, and a category test once per target: both are pure
    // functions of the facts, so the result is the same as walking the inlined condition, only without walking it a dozen times.
    // Unknown facts go onto one list; a part whose value is not unknown, or a whole that is not, takes its own back off
    // (the explainer's rule: only those of undetermined parts of an undetermined whole count). Duplicates are harmless.
    private sealed class Walk(MissingFacts owner, FactFrame frame)
    {
        // Sized once for the rule set's outcome rules and fits targets, rather than grown on every walk.
        private readonly Dictionary<string, (Truth Value, string[] Unknown)> _holds = new(owner._outcomeRulesById.Count, StringComparer.Ordinal);
        private readonly Dictionary<string, (Truth Value, string[] Unknown)> _fits = new(64, StringComparer.Ordinal);
        private readonly List<string> _scratch = [];

        // The condition under which an outcome rule holds: all of its own condition and, for each exception, not that the exception holds.
        public (Truth Value, string[] Unknown) Holds(RuleDefinition rule)
        {
            if (_holds.TryGetValue(rule.Id, out var known))
            {
                return known;
            }
            var unless = ((ConcludeOutcome)rule.Then).Unless;
            var exceptions = unless.Select(id => Holds(owner._outcomeRulesById[id])).ToList();
            var start = _scratch.Count;
            var value = Condition(rule.When);
            if (value != Truth.Unknown)
            {
                Truncate(start);
            }
            foreach (var (held, unknown) in exceptions)
            {
                var negated = TruthOps.Not(held);
                value = TruthOps.And(value, negated);
                if (negated == Truth.Unknown)
                {
                    _scratch.AddRange(unknown);
                }
            }
            return _holds[rule.Id] = (value, Take(start, value));
        }

        // A derived fact is asked about through the unknown facts of the derivations that could conclude it. So is an intake
        // fact that a derivation may still conclude (derived_from): it is asked itself only once no derivation can.
        public void Expand(IEnumerable<string> facts, List<string> into, HashSet<string> seen)
        {
            foreach (var name in facts)
            {
                if (!seen.Add(name))
                {
                    continue;
                }
                var undecided = false;
                foreach (var when in owner._derivations.GetValueOrDefault(name, []))
                {
                    var start = _scratch.Count;
                    var value = Condition(when);
                    undecided |= value == Truth.Unknown;
                    var unknown = Take(start, value);
                    Expand(unknown, into, seen);
                }
                if (!undecided && owner._rules.Layout.Definition(name).Source == FactSource.Intake)
                {
                    into.Add(name);
                }
            }
        }

        // The value of a condition; the unknown facts the explainer would report for it are left on the scratch list.
        private Truth Condition(Condition condition)
        {
            switch (condition)
            {
                case AllOf all:
                    return Combine(all.Parts, TruthOps.And, Truth.True);
                case AnyOf any:
                    return Combine(any.Parts, TruthOps.Or, Truth.False);
                case NotOf not:
                    return TruthOps.Not(Condition(not.Inner));
                case Fits fits:
                {
                    if (!_fits.TryGetValue(fits.Target, out var result))
                    {
                        var start = _scratch.Count;
                        var value = Fits(fits);
                        result = _fits[fits.Target] = (value, _scratch.GetRange(start, _scratch.Count - start).ToArray());
                        Truncate(start);
                    }
                    _scratch.AddRange(result.Unknown);
                    return result.Value;
                }
                case FactTest test:
                    return Leaf(test);
                default:
                    throw new InvalidOperationException(condition.GetType().Name);
            }
        }

        private Truth Combine(IReadOnlyList<Condition> parts, Func<Truth, Truth, Truth> combine, Truth start)
        {
            var whole = _scratch.Count;
            var result = start;
            foreach (var part in parts)
            {
                var before = _scratch.Count;
                var value = Condition(part);
                if (value != Truth.Unknown)
                {
                    Truncate(before);
                }
                result = combine(result, value);
            }
            if (result != Truth.Unknown)
            {
                Truncate(whole);
            }
            return result;
        }

        // As the explainer: the categories' unknown facts count wherever a task (or the item) is undetermined.
        private Truth Fits(Fits fits)
        {
            var (conditions, scope) = owner._rules.Definition.FitsTarget(fits.Target)!.Value;
            Truth AnyCategory(FactFrame f) => Combine(conditions, TruthOps.Or, Truth.False);

            return scope == FactScope.Task ? ConditionOps.AllTasksExplained(frame, AnyCategory) : AnyCategory(frame);
        }

        private Truth Leaf(FactTest test)
        {
            var value = Read(test.Fact);
            var other = test.OtherFact is null ? null : Read(test.OtherFact);
            if (value is null && test.Operator != Comparison.Known)
            {
                _scratch.Add(test.Fact);
            }
            if (test.OtherFact is not null && other is null)
            {
                _scratch.Add(test.OtherFact);
            }
            return ConditionOps.Evaluate(test, value, other);
        }

        private object? Read(string name)
        {
            var (fact, slot) = owner._rules.Layout[name];
            var source = fact.Scope == FactScope.Task ? frame.Task : frame.Item;
            return slot < source.Length ? source[slot] : null;
        }

        // The unknown facts left on the scratch list since start, once each, if the value is undetermined; the list is reset to start.
        private string[] Take(int start, Truth value)
        {
            if (value != Truth.Unknown || _scratch.Count == start)
            {
                Truncate(start);
                return [];
            }
            var unknown = new List<string>(_scratch.Count - start);
            for (var i = start; i < _scratch.Count; i++)
            {
                if (!unknown.Contains(_scratch[i]))
                {
                    unknown.Add(_scratch[i]);
                }
            }
            Truncate(start);
            return [.. unknown];
        }

        private void Truncate(int start) => _scratch.RemoveRange(start, _scratch.Count - start);
    }
}
