using System.Linq.Expressions;
using System.Reflection;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Runtime;

namespace GuidelineEngine.Engine.Compilation;

/// <summary>
/// The compiling reading of the one visitor: a condition as an expression over a fact frame, calling the same
/// <see cref="ConditionOps"/> the walker calls. <c>fits</c> is built inline from the categories' own conditions.
/// </summary>
public sealed class ConditionCompiler(RuleSetDefinition ruleSet, FactLayout layout, Expression frame) : ConditionVisitor<Expression>
{
    private static readonly MethodInfo AndMethod = typeof(TruthOps).GetMethod(nameof(TruthOps.And))!;
    private static readonly MethodInfo OrMethod = typeof(TruthOps).GetMethod(nameof(TruthOps.Or))!;
    private static readonly MethodInfo NotMethod = typeof(TruthOps).GetMethod(nameof(TruthOps.Not))!;
    private static readonly MethodInfo AllTasksMethod = typeof(ConditionOps).GetMethod(nameof(ConditionOps.AllTasks))!;

    // A per-task target is compiled once into its own delegate.
    private readonly Dictionary<string, Func<FactFrame, Truth>> _perTask = new(StringComparer.Ordinal);

    /// <summary>A condition alone, compiled to a delegate (the plan compiles all of a version's rules into one).</summary>
    public static Func<FactFrame, Truth> Compile(RuleSetDefinition ruleSet, FactLayout layout, Condition condition)
    {
        var parameter = Expression.Parameter(typeof(FactFrame), "frame");
        return Expression.Lambda<Func<FactFrame, Truth>>(new ConditionCompiler(ruleSet, layout, parameter).Visit(condition), parameter).Compile();
    }

    /// <summary>Both true: short-cut on false, as Kleene logic allows.</summary>
    public static Expression And(Expression left, Expression right) => Fold([left, right], AndMethod, Truth.False);

    /// <summary>The negation.</summary>
    public static Expression Not(Expression operand) => Expression.Call(NotMethod, operand);

    protected override Expression VisitAll(AllOf all) => Fold([.. all.Parts.Select(Visit)], AndMethod, Truth.False);

    protected override Expression VisitAny(AnyOf any) => Fold([.. any.Parts.Select(Visit)], OrMethod, Truth.True);

    protected override Expression VisitNot(NotOf not) => Not(Visit(not.Inner));

    // The per-task condition is compiled on its own and passed as a constant: a lambda nested in the tree would be
    // turned into a new delegate on every evaluation.
    protected override Expression VisitFits(Fits fits)
    {
        var (conditions, scope) = ruleSet.FitsTarget(fits.Target) ?? throw new InvalidOperationException($"Unknown category {fits.Target}");
        if (scope != FactScope.Task)
        {
            return Fold([.. conditions.Select(Visit)], OrMethod, Truth.True);
        }
        if (!_perTask.TryGetValue(fits.Target, out var perTask))
        {
            _perTask[fits.Target] = perTask = Compile(ruleSet, layout, new AnyOf(conditions));
        }
        return Expression.Call(AllTasksMethod, frame, Expression.Constant(perTask));
    }

    protected override Expression VisitTest(FactTest test)
    {
        var value = Slot(test.Fact);
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
            Comparison.EqualsFact => Call(nameof(ConditionOps.EqualsFact), value, Slot(test.OtherFact!)),
            Comparison.DiffersFromFact => Call(nameof(ConditionOps.DiffersFromFact), value, Slot(test.OtherFact!)),
            _ => throw new InvalidOperationException($"Unknown comparison {test.Operator}"),
        };
    }

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

    private Expression Slot(string fact)
    {
        var (definition, slot) = layout[fact];
        var facts = definition.Scope == FactScope.Task ? nameof(FactFrame.Task) : nameof(FactFrame.Item);
        return Expression.ArrayIndex(Expression.Property(frame, facts), Expression.Constant(slot));
    }

    private static MethodCallExpression Call(string method, params Expression[] arguments) =>
        Expression.Call(typeof(ConditionOps).GetMethod(method)!, arguments);
}
