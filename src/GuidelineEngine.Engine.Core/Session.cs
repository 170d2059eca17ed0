using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Core;

/// <summary>A rule that fired, in firing order; <see cref="TaskIndex"/> for a per-task category.</summary>
/// <remarks>A value: a session records about ten an item, and an object each was a tenth of a case's allocation.</remarks>
public readonly record struct Activation
{
    // The task's index, -1 for none: held as an int?, it would make each activation half again as large.
    private readonly int _task;

    public Activation(int order, RuleDefinition rule, int? taskIndex = null)
    {
        Order = order;
        Rule = rule;
        _task = taskIndex ?? -1;
    }

    public int Order { get; }
    public RuleDefinition Rule { get; }
    public int? TaskIndex => _task < 0 ? null : _task;
}

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
public sealed class FactConflictException(string message, string fact, object existing, object concluded, string ruleId)
    : Exception(message)
{
    public string Fact { get; } = fact;
    public object Existing { get; } = existing;
    public object Concluded { get; } = concluded;
    public string RuleId { get; } = ruleId;
}

/// <summary>How a session runs the plan.</summary>
public enum PlanMode
{
    /// <summary>Compiled once the plan has been compiled (in the background, after a few runs); interpreted until then.</summary>
    Adaptive,

    /// <summary>Always by the walker (and so always with a trace when one is asked for).</summary>
    Interpreted,

    /// <summary>Always compiled; the first run compiles the plan (the path without the rationale: batches, impact).</summary>
    Compiled,
}

/// <summary>
/// Working memory for one item, run through the version's <see cref="RulePlan"/>: each rule is evaluated once, where the plan
/// reaches it (every fact it reads is settled by then), and fires if it holds; then each per-task category is judged on each
/// task. The activations are the record of what fired, in order (the rationale's steps). The plan runs interpreted by the
/// walker, or as its compiled delegate; both give the same activations.
/// </summary>
public sealed class Session
{
    private readonly CompiledRuleSet _rules;
    private readonly Truth[] _state;
    private readonly bool[] _evaluated;
    private readonly Action<Session>? _compiled;
    // Sized for a typical item (about ten fire), so that firing rarely grows the list.
    private readonly List<Activation> _activations = new(16);
    private readonly List<SessionEvent>? _events;
    private object?[] _outsideTasks = [];

    internal Session(CompiledRuleSet rules, FactFrame frame, bool trace, PlanMode mode)
    {
        _rules = rules;
        Frame = frame;
        // A trace records each evaluation, which only the walker sees.
        _compiled = trace ? null : mode switch
        {
            PlanMode.Compiled => rules.Plan.Compiled,
            PlanMode.Adaptive => rules.Plan.CompiledIfReady(),
            _ => null,
        };
        _state = new Truth[rules.RuleArray.Length];
        _evaluated = _compiled is null ? new bool[rules.RuleArray.Length] : [];
        _events = trace ? [] : null;
    }

    public FactFrame Frame { get; }
    public IReadOnlyList<Activation> Activations => _activations;
    public IReadOnlyList<SessionEvent> Events => _events ?? [];

    /// <summary>
    /// Each rule's truth once the plan has run, by rule index (an outcome rule's with its exceptions): what the questions
    /// need not walk again. The compiled plan writes it as it goes.
    /// </summary>
    public IReadOnlyList<Truth> RuleStates => _state;

    internal Truth[] States => _state;

    /// <summary>Runs the plan: the item's rules in order, then the per-task categories.</summary>
    public void Run()
    {
        if (_compiled is not null)
        {
            _compiled(this);
            return;
        }
        var walk = new ConditionWalk(_rules.Explainer, Frame, WalkMode.Evaluate);
        var order = _rules.Plan.Order;
        for (var place = 0; place < order.Count; place++)
        {
            if (StateOf(order[place], walk) == Truth.True)
            {
                Fire(order[place]);
            }
        }
        for (var t = 0; EnterTask(t); t++)
        {
            for (var c = 0; c < _rules.TaskCategories.Count; c++)
            {
                var category = _rules.TaskCategories[c];
                var result = walk.Walk(category.Category.When);
                _events?.Add(new ConditionEvaluated(category.Category.Id, result));
                if (result == Truth.True)
                {
                    FitTask(c, t);
                }
            }
        }
    }

    // A rule's truth, computed once: an exception the first time a rule naming it needs it, or where the plan reaches it.
    private Truth StateOf(int index, ConditionWalk walk)
    {
        if (_evaluated[index])
        {
            return _state[index];
        }
        var rule = _rules.RuleArray[index];
        var value = walk.Walk(rule.Definition.When);
        // Not while an exception holds (unless).
        var exceptions = rule.Exceptions;
        for (var e = 0; e < exceptions.Count && value != Truth.False; e++)
        {
            value = TruthOps.And(value, TruthOps.Not(StateOf(exceptions[e], walk)));
        }
        _evaluated[index] = true;
        _state[index] = value;
        _events?.Add(new ConditionEvaluated(rule.Definition.Id, value));
        return value;
    }

    /// <summary>Fires a rule that holds: records the activation and concludes its fact, if it derives one.</summary>
    internal void Fire(int index)
    {
        var rule = _rules.RuleArray[index].Definition;
        _activations.Add(new Activation(_activations.Count + 1, rule));
        _events?.Add(new RuleFired(rule.Id, _activations.Count));
        if (rule.Then is AssertFact assert)
        {
            var (slot, value) = _rules.Assertions[index];
            Insert(assert.Fact, slot, value!, rule.Id);
        }
    }

    /// <summary>Makes task <paramref name="t"/> the current one; past the last task, restores the frame and answers false.</summary>
    internal bool EnterTask(int t)
    {
        if (t == 0)
        {
            _outsideTasks = Frame.Task;
        }
        if (_rules.TaskCategories.Count == 0 || t >= Frame.Tasks.Count)
        {
            Frame.Task = _outsideTasks;
            return false;
        }
        Frame.Task = Frame.Tasks[t];
        return true;
    }

    /// <summary>Records that task category <paramref name="c"/> fits task <paramref name="t"/>.</summary>
    internal void FitTask(int c, int t)
    {
        var category = _rules.TaskCategories[c];
        _activations.Add(new Activation(_activations.Count + 1, category.Rule, t));
        _events?.Add(new RuleFired(category.Category.Id, _activations.Count));
    }

    private void Insert(string fact, int slot, object value, string ruleId)
    {
        var existing = Frame.Item[slot];
        if (existing is not null)
        {
            if (!existing.Equals(value))
            {
                throw new FactConflictException(_rules.Wording.Conflict(ruleId, fact, existing, value), fact, existing, value, ruleId);
            }
            return;
        }
        Frame.Item[slot] = value;
        _events?.Add(new FactInserted(fact, value, ruleId));
    }
}
