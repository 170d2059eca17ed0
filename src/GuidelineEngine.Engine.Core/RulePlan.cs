using System.Linq.Expressions;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Core;

/// <summary>
/// A version's rules in the order they are evaluated, once each: a rule comes after every rule that concludes a fact it
/// reads (its exceptions' facts included); among rules free to go, the highest priority first, then definition order —
/// the order in which a forward-chaining agenda would fire them, without the agenda. Cycles between derivations are refused.
/// The plan runs interpreted by the walker, or compiled into one delegate (see <see cref="PlanMode"/>).
/// </summary>
public sealed class RulePlan
{
    /// <summary>Interpreted runs after which an adaptive session has the plan compiled, in the background.</summary>
    internal const int CompileAfter = 64;

    private readonly Lazy<Action<Session>> _compiled;
    private int _interpreted;

    internal RulePlan(CompiledRuleSet rules)
    {
        Order = Sort(rules.RuleArray, rules.Layout, rules.Wording);
        _compiled = new Lazy<Action<Session>>(() => Compile(rules, Order));
    }

    /// <summary>Rule indexes in evaluation order.</summary>
    public IReadOnlyList<int> Order { get; }

    /// <summary>The whole plan as one delegate: item rules in order, then the per-task categories task by task.</summary>
    internal Action<Session> Compiled => _compiled.Value;

    /// <summary>Whether the compiled delegate is ready.</summary>
    public bool IsCompiled => _compiled.IsValueCreated;

    /// <summary>
    /// The compiled delegate if it is ready; else null, and after <see cref="CompileAfter"/> interpreted runs it is compiled
    /// on a pool thread: a one-case run never pays for compiling, a batch or a service soon runs compiled code.
    /// </summary>
    internal Action<Session>? CompiledIfReady()
    {
        if (_compiled.IsValueCreated)
        {
            return _compiled.Value;
        }
        if (Interlocked.Increment(ref _interpreted) == CompileAfter)
        {
            ThreadPool.UnsafeQueueUserWorkItem(plan => _ = plan._compiled.Value, this, preferLocal: false);
        }
        return null;
    }

    private static int[] Sort(CompiledRule[] rules, FactLayout layout, ConditionWording wording)
    {
        var producers = new List<int>[layout.ItemSlots];
        foreach (var rule in rules)
        {
            if (rule.Definition.Then is AssertFact assert && layout[assert.Fact].Fact.Scope == FactScope.Item)
            {
                (producers[layout[assert.Fact].Slot] ??= []).Add(rule.Order);
            }
        }
        var waiting = new int[rules.Length];
        var dependents = rules.Select(_ => new List<int>()).ToArray();
        var ready = new PriorityQueue<int, (int Priority, int Order)>();
        foreach (var rule in rules)
        {
            // A rule that reads the fact it concludes waits for no one but itself: it is no cycle.
            foreach (var producer in rule.ItemFactsRead.SelectMany(slot => producers[slot] ?? []).Distinct().Where(p => p != rule.Order))
            {
                dependents[producer].Add(rule.Order);
                waiting[rule.Order]++;
            }
            if (waiting[rule.Order] == 0)
            {
                ready.Enqueue(rule.Order, (-rule.Definition.Priority, rule.Order));
            }
        }
        var order = new List<int>(rules.Length);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (var dependent in dependents[next])
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Enqueue(dependent, (-rules[dependent].Definition.Priority, dependent));
                }
            }
        }
        if (order.Count < rules.Length)
        {
            var stuck = rules.First(r => waiting[r.Order] > 0).Definition;
            throw new RuleCompilationException(wording, stuck.Id, stuck.Mark, new InvalidOperationException(wording.DerivationCycle));
        }
        return [.. order];
    }

    // Straight-line code: each rule's truth is computed once, into a local, where the plan reaches it (an exception where
    // the first rule naming it needs it), and a rule that holds fires; then the per-task categories, task by task.
    private static Action<Session> Compile(CompiledRuleSet rules, IReadOnlyList<int> order)
    {
        var session = Expression.Parameter(typeof(Session), "session");
        var frame = Expression.Variable(typeof(FactFrame), "frame");
        var ruleStates = Expression.Variable(typeof(Truth[]), "states");
        var compiler = new ConditionCompiler(rules.Definition, rules.Layout, frame);
        var states = new ParameterExpression?[rules.RuleArray.Length];
        var targets = new List<ParameterExpression>();
        var body = new List<Expression>
        {
            Expression.Assign(frame, Expression.Property(session, nameof(Session.Frame))),
            Expression.Assign(ruleStates, Expression.Property(session, nameof(Session.States))),
        };

        ParameterExpression State(int index)
        {
            if (states[index] is { } known)
            {
                return known;
            }
            var rule = rules.RuleArray[index];
            var exceptions = rule.Exceptions.Select(State).ToList();
            // A category target is a pure function of the settled facts: computed once, where a rule first reads it.
            foreach (var target in rule.Definition.When.Targets().Where(t => !compiler.Targets.ContainsKey(t)))
            {
                var fits = Expression.Variable(typeof(Truth), target);
                body.Add(Expression.Assign(fits, compiler.Visit(new Fits(target))));
                compiler.Targets[target] = fits;
                targets.Add(fits);
            }
            var value = compiler.Unless(compiler.Visit(rule.Definition.When), exceptions);
            var state = states[index] = Expression.Variable(typeof(Truth), rule.Definition.Id);
            body.Add(Expression.Assign(state, value));
            body.Add(Expression.Assign(Expression.ArrayAccess(ruleStates, Expression.Constant(index)), state));
            return state;
        }

        foreach (var index in order)
        {
            var state = State(index);
            body.Add(Expression.IfThen(Expression.Equal(state, Expression.Constant(Truth.True)),
                Expression.Call(session, nameof(Session.Fire), null, Expression.Constant(index))));
        }
        if (rules.TaskCategories.Count > 0)
        {
            // Within a task the targets are the task's, not the item's.
            compiler.Targets.Clear();
            var task = Expression.Variable(typeof(int), "task");
            var end = Expression.Label("end");
            var judged = rules.TaskCategories.Select((category, c) => (Expression)Expression.IfThen(
                Expression.Equal(compiler.Visit(category.Category.When), Expression.Constant(Truth.True)),
                Expression.Call(session, nameof(Session.FitTask), null, Expression.Constant(c), task)));
            body.Add(Expression.Block(
                [task],
                Expression.Assign(task, Expression.Constant(0)),
                Expression.Loop(
                    Expression.IfThenElse(
                        Expression.Call(session, nameof(Session.EnterTask), null, task),
                        Expression.Block([.. judged, Expression.PreIncrementAssign(task)]),
                        Expression.Break(end)),
                    end)));
        }
        var variables = states.OfType<ParameterExpression>().Concat(targets).Concat(compiler.Temporaries).Prepend(ruleStates).Prepend(frame);
        return Expression.Lambda<Action<Session>>(Expression.Block(variables, body), session).Compile();
    }
}
