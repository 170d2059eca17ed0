using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Compilation;
using GuidelineEngine.Engine.Runtime;

namespace GuidelineEngine.Engine.Interview;

/// <summary>
/// The part of an item's screening the interview needs to try an answer: the outcome and the engine's questions (as keys
/// <c>fact</c> or <c>fact#taskId</c>), without the rationale. It runs the same session as the screening and walks the outcome
/// rules as the condition explainer does — the same three-valued logic and the same rule for which unknown facts count
/// (only those of undetermined parts of an undetermined whole), traced through derivations — but builds no text, which is
/// what makes a full screening about thirty times slower. A test holds it to <c>ItemScreening</c> over the casebook.
/// </summary>
internal sealed class ItemProbe
{
    private readonly CompiledRuleSet _rules;
    private readonly RuleSetDefinition _definition;
    private readonly List<RuleDefinition> _outcomeRules;
    private readonly Dictionary<string, RuleDefinition> _outcomeRulesById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Condition>> _derivations = new(StringComparer.Ordinal);

    public ItemProbe(CompiledRuleSet rules)
    {
        _rules = rules;
        _definition = rules.Definition;
        _outcomeRules = _definition.Rules.Where(r => r.Then is ConcludeOutcome).ToList();
        foreach (var rule in _outcomeRules)
        {
            _outcomeRulesById.TryAdd(rule.Id, rule);
        }
        foreach (var rule in _definition.Rules)
        {
            if (rule.Then is AssertFact assert)
            {
                (_derivations.TryGetValue(assert.Fact, out var list) ? list : _derivations[assert.Fact] = []).Add(rule.When);
            }
        }
    }

    /// <summary>The key of a question: the fact, and the task for a task fact.</summary>
    public static string Key(string fact, string? taskId) => taskId is null ? fact : $"{fact}#{taskId}";

    /// <summary>Screens an item's facts (as <c>IntakeFacts.Build</c> gives them; the arrays are filled in by the session).</summary>
    public (Outcome Outcome, string[] Questions) Screen(object?[] item, List<object?[]> tasks)
    {
        var session = _rules.OpenSession(item, tasks, trace: false);
        session.Run();
        Activation? decisive = null;
        var fitted = new HashSet<int>();
        foreach (var activation in session.Activations)
        {
            if (activation.Rule.Then is ConcludeOutcome
                && (decisive is null || activation.Rule.Priority > decisive.Rule.Priority))
            {
                decisive = activation;
            }
            else if (activation.Rule.Then is ConcludeFit && activation.TaskIndex is { } t)
            {
                fitted.Add(t);
            }
        }
        if (decisive is not null)
        {
            return (((ConcludeOutcome)decisive.Rule.Then).Outcome, []);
        }

        var frame = session.Frame;
        var walk = new Walk(this, frame);
        var unknown = new List<string>();
        foreach (var rule in _outcomeRules)
        {
            var (value, facts) = walk.Holds(rule);
            if (value == Truth.Unknown)
            {
                walk.Expand(facts, unknown, []);
            }
        }
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in unknown)
        {
            var (fact, slot) = _rules.Layout[name];
            if (fact.Scope != FactScope.Task)
            {
                keys.Add(name);
                continue;
            }
            for (var t = 0; t < frame.Tasks.Count; t++)
            {
                if (frame.Tasks[t][slot] is null && !fitted.Contains(t))
                {
                    keys.Add(Key(name, (t + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
            if (frame.Tasks.Count == 0)
            {
                keys.Add(QuestionProfile.TasksFact);
            }
        }
        return (Outcome.MoreInformationNeeded, [.. keys]);
    }

    // One walk over an item's facts. What CompiledRuleSet.Holds inlines (an outcome rule and, negated, each exception it
    // names, recursively) is walked once per rule here, and a category test once per target: both are pure functions of
    // the facts, so the result is the same as walking the inlined condition, only without walking it a dozen times.
    private sealed class Walk(ItemProbe probe, FactFrame frame)
    {
        private readonly Dictionary<string, (Truth Value, List<string> Unknown)> _holds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Truth Value, List<string> Unknown)> _fits = new(StringComparer.Ordinal);

        // The condition under which an outcome rule holds, as CompiledRuleSet.Holds writes it: all of its own condition and,
        // for each exception, not that the exception holds.
        public (Truth Value, List<string> Unknown) Holds(RuleDefinition rule)
        {
            if (_holds.TryGetValue(rule.Id, out var known))
            {
                return known;
            }
            var unless = ((ConcludeOutcome)rule.Then).Unless;
            var own = new List<string>();
            var value = Condition(rule.When, own);
            if (unless.Count > 0)
            {
                var parts = new List<(Truth Value, List<string> Unknown)> { (value, own) };
                parts.AddRange(unless.Select(id => Holds(probe._outcomeRulesById[id])).Select(h => (TruthOps.Not(h.Value), h.Unknown)));
                value = parts.Aggregate(Truth.True, (all, part) => TruthOps.And(all, part.Value));
                own = [];
                if (value == Truth.Unknown)
                {
                    foreach (var part in parts.Where(p => p.Value == Truth.Unknown))
                    {
                        AddAll(own, part.Unknown);
                    }
                }
            }
            return _holds[rule.Id] = (value, own);
        }

        public void Expand(List<string> facts, List<string> into, HashSet<string> seen)
        {
            foreach (var name in facts)
            {
                if (!seen.Add(name))
                {
                    continue;
                }
                if (probe._rules.Layout.Definition(name).Source == FactSource.Intake)
                {
                    AddOnce(into, name);
                    continue;
                }
                foreach (var when in probe._derivations.GetValueOrDefault(name, []))
                {
                    var inner = new List<string>();
                    if (Condition(when, inner) == Truth.Unknown)
                    {
                        Expand(inner, into, seen);
                    }
                }
            }
        }

        // The value of a condition, with into = the unknown facts the explainer would report for it.
        private Truth Condition(Condition condition, List<string> into)
        {
            switch (condition)
            {
                case AllOf all:
                    return Combine(all.Parts, into, TruthOps.And, Truth.True);
                case AnyOf any:
                    return Combine(any.Parts, into, TruthOps.Or, Truth.False);
                case NotOf not:
                {
                    var inner = new List<string>();
                    var value = TruthOps.Not(Condition(not.Inner, inner));
                    AddAll(into, inner);
                    return value;
                }
                case Fits fits:
                {
                    if (!_fits.TryGetValue(fits.Target, out var result))
                    {
                        var unknown = new List<string>();
                        result = _fits[fits.Target] = (Fits(fits, unknown), unknown);
                    }
                    AddAll(into, result.Unknown);
                    return result.Value;
                }
                case FactTest test:
                    return Leaf(test, into);
                default:
                    throw new InvalidOperationException(condition.GetType().Name);
            }
        }

        private Truth Combine(IReadOnlyList<Condition> parts, List<string> into, Func<Truth, Truth, Truth> combine, Truth start)
        {
            var result = start;
            var values = new Truth[parts.Count];
            var unknowns = new List<string>[parts.Count];
            for (var i = 0; i < parts.Count; i++)
            {
                unknowns[i] = [];
                values[i] = Condition(parts[i], unknowns[i]);
                result = combine(result, values[i]);
            }
            if (result == Truth.Unknown)
            {
                for (var i = 0; i < parts.Count; i++)
                {
                    if (values[i] == Truth.Unknown)
                    {
                        AddAll(into, unknowns[i]);
                    }
                }
            }
            return result;
        }

        // As the explainer: the categories' unknown facts count wherever a task (or the item) is undetermined.
        private Truth Fits(Fits fits, List<string> into)
        {
            var definition = probe._definition;
            var table = definition.Table(fits.Target);
            var categories = table?.Categories ?? [definition.Category(fits.Target)!];
            var scope = (table ?? definition.Table(categories[0].Table)!).Scope;
            var conditions = categories.Select(c => c.When).ToList();
            Truth AnyCategory(FactFrame f) => Combine(conditions, into, TruthOps.Or, Truth.False);

            return scope == FactScope.Task ? ConditionOps.AllTasksExplained(frame, AnyCategory) : AnyCategory(frame);
        }

        private Truth Leaf(FactTest test, List<string> into)
        {
            var value = Read(test.Fact);
            var other = test.OtherFact is null ? null : Read(test.OtherFact);
            var result = ConditionOps.Evaluate(test, value, other);
            if (value is null && test.Operator != Comparison.Known)
            {
                AddOnce(into, test.Fact);
            }
            if (test.OtherFact is not null && other is null)
            {
                AddOnce(into, test.OtherFact);
            }
            return result;
        }

        private object? Read(string name)
        {
            var (fact, slot) = probe._rules.Layout[name];
            var source = fact.Scope == FactScope.Task ? frame.Task : frame.Item;
            return slot < source.Length ? source[slot] : null;
        }
    }

    private static void AddAll(List<string> list, List<string> facts)
    {
        foreach (var fact in facts)
        {
            AddOnce(list, fact);
        }
    }

    private static void AddOnce(List<string> list, string fact)
    {
        if (!list.Contains(fact))
        {
            list.Add(fact);
        }
    }
}
