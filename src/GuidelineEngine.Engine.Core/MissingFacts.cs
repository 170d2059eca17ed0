using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Core;

/// <summary>
/// The intake facts that stand between an item and an outcome: the unknown facts of every undetermined outcome rule —
/// only those of undetermined parts of an undetermined whole, as <see cref="ConditionExplainer"/> reports them — traced
/// back through the derivations to facts a department can answer. Built once per rule set; it builds no text, which is
/// what keeps the questions of a screening and the interview's probe cheap. One walker serves both.
/// </summary>
public sealed class MissingFacts
{
    private readonly CompiledRuleSet _rules;
    // The outcome rules, in definition order, and each rule's place among them (-1 for any other rule).
    private readonly CompiledRule[] _outcomeRules;
    private readonly int[] _outcomePlace;
    private readonly Dictionary<string, List<Condition>> _derivations = new(StringComparer.Ordinal);

    public MissingFacts(CompiledRuleSet rules)
    {
        _rules = rules;
        _outcomeRules = [.. rules.RuleArray.Where(r => r.Definition.Then is ConcludeOutcome)];
        _outcomePlace = [.. rules.RuleArray.Select(r => Array.IndexOf(_outcomeRules, r))];
        foreach (var rule in rules.Definition.Rules)
        {
            if (rule.Then is AssertFact assert)
            {
                (_derivations.TryGetValue(assert.Fact, out var list) ? list : _derivations[assert.Fact] = []).Add(rule.When);
            }
        }
    }

    /// <summary>The intake facts (item and task facts by name) whose answer could decide an item the session left undecided.</summary>
    /// <param name="frame">The item's facts, as the session left them.</param>
    /// <param name="ruleStates">The session's rule states (<see cref="Session.RuleStates"/>), if a session ran on this frame: an
    /// outcome rule it found true or false has no unknown fact and is not walked again.</param>
    public List<string> Find(FactFrame frame, IReadOnlyList<Truth>? ruleStates = null)
    {
        var walk = new Walk(this, frame, ruleStates);
        var unknown = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in _outcomeRules)
        {
            var (value, facts) = walk.Holds(rule.Order);
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

    // One walk over an item's facts, with the one walker in its missing-facts mode. What the inlined outcome condition
    // repeats (an outcome rule and, negated, each exception it names, recursively) is walked once per rule here, and a
    // category test once per target (the walker keeps it): both are pure functions of the facts, so the result is the same
    // as walking the inlined condition, only without walking it a dozen times. Duplicates on the unknown list are harmless.
    private sealed class Walk(MissingFacts owner, FactFrame frame, IReadOnlyList<Truth>? ruleStates)
    {
        private readonly (Truth Value, string[] Unknown)?[] _holds = new (Truth, string[])?[owner._outcomeRules.Length];
        private readonly ConditionWalk _walk = new(owner._rules.Explainer, frame, WalkMode.Missing);
        private List<string> Scratch => _walk.Unknown;

        // The condition under which an outcome rule (by rule index) holds: all of its own condition and, for each exception,
        // not that the exception holds.
        public (Truth Value, string[] Unknown) Holds(int index)
        {
            var place = owner._outcomePlace[index];
            if (_holds[place] is { } known)
            {
                return known;
            }
            // The same value the walk would find: the session evaluated the rule, exceptions and all, on the settled facts.
            if (ruleStates is not null && ruleStates[index] is var settled && settled != Truth.Unknown)
            {
                return (settled, []);
            }
            var rule = owner._rules.RuleArray[index];
            var exceptions = new (Truth Value, string[] Unknown)[rule.Exceptions.Count];
            for (var e = 0; e < exceptions.Length; e++)
            {
                exceptions[e] = Holds(rule.Exceptions[e]);
            }
            var start = Scratch.Count;
            var value = _walk.Walk(rule.Definition.When);
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
                    Scratch.AddRange(unknown);
                }
            }
            var holds = (value, Take(start, value));
            _holds[place] = holds;
            return holds;
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
                    var start = Scratch.Count;
                    var value = _walk.Walk(when);
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

        // The unknown facts left on the scratch list since start, once each, if the value is undetermined; the list is reset to start.
        private string[] Take(int start, Truth value)
        {
            if (value != Truth.Unknown || Scratch.Count == start)
            {
                Truncate(start);
                return [];
            }
            var unknown = new List<string>(Scratch.Count - start);
            for (var i = start; i < Scratch.Count; i++)
            {
                if (!unknown.Contains(Scratch[i]))
                {
                    unknown.Add(Scratch[i]);
                }
            }
            Truncate(start);
            return [.. unknown];
        }

        private void Truncate(int start) => ConditionWalk.Truncate(Scratch, start);
    }
}
