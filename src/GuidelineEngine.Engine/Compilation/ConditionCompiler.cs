using System.Linq.Expressions;
using System.Reflection;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Runtime;

namespace GuidelineEngine.Engine.Compilation;

/// <summary>
/// A condition compiled from its expression tree, with the item facts it reads (for the agenda's dependency index).
/// Tiered, as the runtime tiers methods: interpreted at first (an interpreter is built in a fraction of the time a
/// compilation takes, so a one-case run starts fast), compiled to machine code once it has been evaluated
/// <see cref="CompileAfter"/> times. Both forms run the same tree.
/// </summary>
public sealed class CompiledCondition(Condition source, Expression<Func<FactFrame, Truth>> lambda, IReadOnlySet<int> itemFactsRead)
{
    internal const int CompileAfter = 16;

    private Func<FactFrame, Truth>? _evaluate;
    private Func<FactFrame, Truth>? _compiled;
    private int _evaluations;

    public Condition Source { get; } = source;
    public IReadOnlySet<int> ItemFactsRead { get; } = itemFactsRead;

    /// <summary>Whether the condition runs as compiled code by now.</summary>
    internal bool IsCompiled => Volatile.Read(ref _compiled) is { } compiled && ReferenceEquals(Volatile.Read(ref _evaluate), compiled);

    public Truth Evaluate(FactFrame frame)
    {
        var evaluate = _evaluate;
        if (evaluate is null || _evaluations <= CompileAfter)
        {
            evaluate = Tier();
        }
        return evaluate(frame);
    }

    private Func<FactFrame, Truth> Tier()
    {
        // Only the evaluation that crosses the threshold compiles; others go on interpreting meanwhile.
        if (Interlocked.Increment(ref _evaluations) == CompileAfter + 1)
        {
            _compiled = lambda.Compile();
            return _evaluate = _compiled;
        }
        if (_evaluate is { } current)
        {
            return current;
        }
        // Set only where nothing is yet: a slow first interpretation must not overwrite the compiled form.
        var interpreted = lambda.Compile(preferInterpretation: true);
        return Interlocked.CompareExchange(ref _evaluate, interpreted, null) ?? interpreted;
    }
}

/// <summary>
/// Compiles conditions into expression-tree delegates: no reflection and no tree walking per evaluation.
/// <c>fits</c> is compiled inline from the categories' own conditions.
/// </summary>
public sealed class ConditionCompiler(RuleSetDefinition ruleSet, FactLayout layout)
{
    private static readonly ParameterExpression Frame = Expression.Parameter(typeof(FactFrame), "frame");
    private static readonly MethodInfo And = typeof(TruthOps).GetMethod(nameof(TruthOps.And))!;
    private static readonly MethodInfo Or = typeof(TruthOps).GetMethod(nameof(TruthOps.Or))!;
    private static readonly MethodInfo Not = typeof(TruthOps).GetMethod(nameof(TruthOps.Not))!;
    private static readonly MethodInfo AllTasks = typeof(ConditionOps).GetMethod(nameof(ConditionOps.AllTasks))!;

    public CompiledCondition Compile(Condition condition)
    {
        var reads = new HashSet<int>();
        var body = Build(condition, reads);
        return new CompiledCondition(condition, Expression.Lambda<Func<FactFrame, Truth>>(body, Frame), reads);
    }

    /// <summary>The item slots a condition reads, without compiling it.</summary>
    public IReadOnlySet<int> ItemFactsRead(Condition condition)
    {
        var reads = new HashSet<int>();
        Build(condition, reads);
        return reads;
    }

    private Expression Build(Condition condition, HashSet<int> reads) => condition switch
    {
        AllOf all => Fold(all.Parts.Select(p => Build(p, reads)).ToList(), And, Truth.False),
        AnyOf any => Fold(any.Parts.Select(p => Build(p, reads)).ToList(), Or, Truth.True),
        NotOf not => Expression.Call(Not, Build(not.Inner, reads)),
        Fits fits => BuildFits(fits, reads),
        FactTest test => BuildTest(test, reads),
        _ => throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}"),
    };

    // Short-circuits on the deciding value (false for all, true for any), as Kleene logic allows.
    private static Expression Fold(List<Expression> parts, MethodInfo combine, Truth decisive)
    {
        var result = parts[0];
        foreach (var part in parts.Skip(1))
        {
            var left = Expression.Variable(typeof(Truth));
            result = Expression.Block(
                [left],
                Expression.Assign(left, result),
                Expression.Condition(
                    Expression.Equal(left, Expression.Constant(decisive)),
                    Expression.Constant(decisive),
                    Expression.Call(combine, left, part)));
        }
        return result;
    }

    private Expression BuildFits(Fits fits, HashSet<int> reads)
    {
        var (conditions, scope) = ruleSet.FitsTarget(fits.Target) ?? throw new InvalidOperationException($"Unknown category {fits.Target}");
        var any = Fold(conditions.Select(c => Build(c, reads)).ToList(), Or, Truth.True);
        return scope == FactScope.Task ? PerTask(any, fits) : any;
    }

    // The per-task condition is compiled on its own and passed as a constant: a lambda nested in the tree would be
    // turned into a new delegate on every evaluation.
    private static Expression PerTask(Expression perTask, Fits source) =>
        Expression.Call(AllTasks, Frame, Expression.Constant(
            (Func<FactFrame, Truth>)new CompiledCondition(source, Expression.Lambda<Func<FactFrame, Truth>>(perTask, Frame), new HashSet<int>()).Evaluate));

    private Expression BuildTest(FactTest test, HashSet<int> reads)
    {
        var value = Slot(test.Fact, reads);
        return test.Operator switch
        {
            Comparison.Equal => Call(nameof(ConditionOps.Equal), value, Expression.Constant(test.Operand, typeof(object))),
            Comparison.NotEqual => Call(nameof(ConditionOps.NotEqual), value, Expression.Constant(test.Operand, typeof(object))),
            Comparison.In => Call(nameof(ConditionOps.In), value, Expression.Constant(test.Operand, typeof(IReadOnlyList<string>))),
            Comparison.NotIn => Call(nameof(ConditionOps.NotIn), value, Expression.Constant(test.Operand, typeof(IReadOnlyList<string>))),
            Comparison.GreaterThan => Call(nameof(ConditionOps.GreaterThan), value, Expression.Constant((decimal)test.Operand!)),
            Comparison.GreaterOrEqual => Call(nameof(ConditionOps.GreaterOrEqual), value, Expression.Constant((decimal)test.Operand!)),
            Comparison.LessThan => Call(nameof(ConditionOps.LessThan), value, Expression.Constant((decimal)test.Operand!)),
            Comparison.LessOrEqual => Call(nameof(ConditionOps.LessOrEqual), value, Expression.Constant((decimal)test.Operand!)),
            Comparison.Contains => Call(nameof(ConditionOps.Contains), value, Expression.Constant((string)test.Operand!)),
            Comparison.Known => Call(nameof(ConditionOps.Known), value, Expression.Constant((bool)test.Operand!)),
            Comparison.EqualsFact => Call(nameof(ConditionOps.EqualsFact), value, Slot(test.OtherFact!, reads)),
            Comparison.DiffersFromFact => Call(nameof(ConditionOps.DiffersFromFact), value, Slot(test.OtherFact!, reads)),
            _ => throw new InvalidOperationException($"Unknown comparison {test.Operator}"),
        };
    }

    private Expression Slot(string fact, HashSet<int> reads)
    {
        var (definition, slot) = layout[fact];
        if (definition.Scope == FactScope.Task)
        {
            return Expression.ArrayIndex(Expression.Property(Frame, nameof(FactFrame.Task)), Expression.Constant(slot));
        }
        reads.Add(slot);
        return Expression.ArrayIndex(Expression.Property(Frame, nameof(FactFrame.Item)), Expression.Constant(slot));
    }

    private static MethodCallExpression Call(string method, params Expression[] arguments) =>
        Expression.Call(typeof(ConditionOps).GetMethod(method)!, arguments);
}
