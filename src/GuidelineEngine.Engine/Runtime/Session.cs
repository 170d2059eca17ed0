using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Compilation;

namespace GuidelineEngine.Engine.Runtime;

/// <summary>A rule that fired, in firing order; <see cref="TaskIndex"/> for a per-task category.</summary>
public sealed record Activation(int Order, RuleDefinition Rule, int? TaskIndex = null);

/// <summary>Typed events of a session, kept only when a trace is asked for (metrics stay apart from the explanation).</summary>
public abstract record SessionEvent;

/// <summary>A rule's condition was evaluated.</summary>
public sealed record ConditionEvaluated(string RuleId, Truth Result) : SessionEvent;

/// <summary>A rule fired.</summary>
public sealed record RuleFired(string RuleId, int Order) : SessionEvent;

/// <summary>A fact was concluded by a rule.</summary>
public sealed record FactInserted(string Fact, object Value, string RuleId) : SessionEvent;

/// <summary>
/// A rule concluded a fact that already had a different value: for a derived fact the rule set contradicts itself, for an
/// intake fact (one the version may derive, <c>derived_from</c>) the intake contradicts what follows from its other facts.
/// </summary>
public sealed class FactConflictException(string fact, object existing, object concluded, string ruleId)
    : Exception($"規則 {ruleId} が事実 {fact} に「{concluded}」を導こうとしましたが、すでに「{existing}」です。規則または申出が矛盾しています。")
{
    public string Fact { get; } = fact;
    public object Existing { get; } = existing;
    public object Concluded { get; } = concluded;
    public string RuleId { get; } = ruleId;
}

/// <summary>
/// Working memory for one item, and the agenda that runs the rules to quiescence: every rule whose
/// condition is true fires once, highest priority first (then definition order). A concluded fact marks only
/// the rules that read it for re-evaluation, and a marked rule is evaluated when the agenda reaches it — so a
/// low-priority rule (an outcome, with its exceptions inlined) is evaluated once the derivations above it have
/// settled, not after every fact they conclude. The firing order is the same as evaluating eagerly.
/// </summary>
public sealed class Session
{
    private readonly CompiledRuleSet _rules;
    private readonly Truth[] _state;
    private readonly bool[] _fired;
    private readonly bool[] _stale;
    // Every rule before this place in the agenda has fired or is known not to hold: the next scan starts here.
    private int _resume;
    private readonly List<Activation> _activations = [];
    private readonly List<SessionEvent>? _events;

    internal Session(CompiledRuleSet rules, FactFrame frame, bool trace)
    {
        _rules = rules;
        Frame = frame;
        _state = new Truth[rules.Rules.Count];
        _fired = new bool[rules.Rules.Count];
        _stale = new bool[rules.Rules.Count];
        Array.Fill(_stale, true);
        _events = trace ? [] : null;
    }

    public FactFrame Frame { get; }
    public IReadOnlyList<Activation> Activations => _activations;
    public IReadOnlyList<SessionEvent> Events => _events ?? [];

    /// <summary>Fires rules until none is ready, then judges per-task categories.</summary>
    public void Run()
    {
        while (NextReady() is { } next)
        {
            Fire(next);
        }
        JudgeTasks();
    }

    // The first rule in agenda order (priority, then definition order) that has not fired and whose condition is true now.
    private int? NextReady()
    {
        var agenda = _rules.Agenda;
        for (var place = _resume; place < agenda.Length; place++)
        {
            var i = agenda[place];
            if (_fired[i])
            {
                continue;
            }
            if (_stale[i])
            {
                Evaluate(i);
            }
            if (_state[i] == Truth.True)
            {
                _resume = place;
                return i;
            }
        }
        _resume = agenda.Length;
        return null;
    }

    private void Fire(int index)
    {
        var rule = _rules.RuleArray[index];
        _fired[index] = true;
        _activations.Add(new Activation(_activations.Count + 1, rule.Definition));
        _events?.Add(new RuleFired(rule.Definition.Id, _activations.Count));
        if (rule.Definition.Then is AssertFact assert)
        {
            Insert(assert, rule.Definition.Id);
        }
    }

    private void Insert(AssertFact assert, string ruleId)
    {
        var (_, slot) = _rules.Layout[assert.Fact];
        var existing = Frame.Item[slot];
        if (existing is not null)
        {
            if (!existing.Equals(assert.Value))
            {
                throw new FactConflictException(assert.Fact, existing, assert.Value, ruleId);
            }
            return;
        }
        Frame.Item[slot] = assert.Value;
        _events?.Add(new FactInserted(assert.Fact, assert.Value, ruleId));
        // Indexed loops here and below: a foreach over an interface would allocate an enumerator on every fact and evaluation.
        var dependents = _rules.DependentsOf(slot);
        for (var d = 0; d < dependents.Count; d++)
        {
            var order = dependents[d].Order;
            _stale[order] = true;
            _resume = Math.Min(_resume, _rules.AgendaPlace[order]);
        }
    }

    private void Evaluate(int index)
    {
        var rule = _rules.RuleArray[index];
        var value = rule.Condition.Evaluate(Frame);
        // Not while an exception holds (unless): each exception's state is brought up to date first.
        var exceptions = rule.Exceptions;
        for (var e = 0; e < exceptions.Count && value != Truth.False; e++)
        {
            var exception = exceptions[e];
            if (_stale[exception])
            {
                Evaluate(exception);
            }
            value = TruthOps.And(value, TruthOps.Not(_state[exception]));
        }
        _stale[index] = false;
        _state[index] = value;
        _events?.Add(new ConditionEvaluated(rule.Definition.Id, value));
    }

    private void JudgeTasks()
    {
        if (_rules.TaskCategories.Count == 0 || Frame.Tasks.Count == 0)
        {
            return;
        }
        var saved = Frame.Task;
        for (var t = 0; t < Frame.Tasks.Count; t++)
        {
            Frame.Task = Frame.Tasks[t];
            for (var c = 0; c < _rules.TaskCategories.Count; c++)
            {
                var category = _rules.TaskCategories[c];
                var result = category.Condition.Evaluate(Frame);
                _events?.Add(new ConditionEvaluated(category.Category.Id, result));
                if (result == Truth.True)
                {
                    _activations.Add(new Activation(_activations.Count + 1, category.Rule, t));
                    _events?.Add(new RuleFired(category.Category.Id, _activations.Count));
                }
            }
        }
        Frame.Task = saved;
    }
}
