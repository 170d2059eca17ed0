using System.Linq.Expressions;
using System.Reflection;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Core;

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

    // One temporary per nesting depth, shared by every group at that depth (a group's parts use only deeper ones): a
    // variable per group would give the plan's one method hundreds of locals, which the JIT pays for.
    private readonly List<ParameterExpression> _temporaries = [];
    private int _depth;

    /// <summary>Category targets whose value is already held in a variable (the plan computes each once).</summary>
    public Dictionary<string, ParameterExpression> Targets { get; } = new(StringComparer.Ordinal);

    /// <summary>The temporaries the compiled expressions use: to be declared in the block that holds them.</summary>
    public IReadOnlyList<ParameterExpression> Temporaries => _temporaries;

    /// <summary>A condition alone, compiled to a delegate (the plan compiles all of a version's rules into one).</summary>
    public static Func<FactFrame, Truth> Compile(RuleSetDefinition ruleSet, FactLayout layout, Condition condition)
    {
        var parameter = Expression.Parameter(typeof(FactFrame), "frame");
        var compiler = new ConditionCompiler(ruleSet, layout, parameter);
        var body = compiler.Visit(condition);
        return Expression.Lambda<Func<FactFrame, Truth>>(Expression.Block(compiler.Temporaries, body), parameter).Compile();
    }

    /// <summary>A condition's value and, unless it is false, that none of the exceptions holds (<c>unless</c>).</summary>
    public Expression Unless(Expression value, IEnumerable<Expression> exceptions) =>
        Fold([value, .. exceptions.Select(e => Expression.Call(NotMethod, e))], AndMethod, Truth.False);

    protected override Expression VisitAll(AllOf all) => Fold(Parts(all.Parts), AndMethod, Truth.False);

    protected override Expression VisitAny(AnyOf any) => Fold(Parts(any.Parts), OrMethod, Truth.True);

    private List<Expression> Parts(IEnumerable<Condition> parts)
    {
        _depth++;
        List<Expression> built = [.. parts.Select(Visit)];
        _depth--;
        return built;
    }

    protected override Expression VisitNot(NotOf not) => Expression.Call(NotMethod, Visit(not.Inner));

    // The per-task condition is compiled on its own and passed as a constant: a lambda nested in the tree would be
    // turned into a new delegate on every evaluation.
    protected override Expression VisitFits(Fits fits)
    {
        if (Targets.TryGetValue(fits.Target, out var known))
        {
            return known;
        }
        var (conditions, scope) = ruleSet.FitsTarget(fits.Target) ?? throw new InvalidOperationException($"Unknown category {fits.Target}");
        if (scope != FactScope.Task)
        {
            return Fold(Parts(conditions), OrMethod, Truth.True);
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
            Comparison.Equal => Call(nameof(ConditionOps.Equal), value, Operand(test.Operand!)),
            Comparison.NotEqual => Call(nameof(ConditionOps.NotEqual), value, Operand(test.Operand!)),
            Comparison.In => Call(nameof(ConditionOps.In), value, Expression.Constant(Texts(test.Operand!))),
            Comparison.NotIn => Call(nameof(ConditionOps.NotIn), value, Expression.Constant(Texts(test.Operand!))),
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

    // Short-circuits on the deciding value (false for all, true for any), as Kleene logic allows. One flat block per group:
    // a block nested per part makes the expression compiler's time grow with the square of the plan's size.
    private Expression Fold(List<Expression> parts, MethodInfo combine, Truth decisive)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }
        while (_temporaries.Count <= _depth)
        {
            _temporaries.Add(Expression.Variable(typeof(Truth), $"t{_temporaries.Count}"));
        }
        var result = _temporaries[_depth];
        var steps = new List<Expression> { Expression.Assign(result, parts[0]) };
        foreach (var part in parts.Skip(1))
        {
            steps.Add(Expression.IfThen(
                Expression.NotEqual(result, Expression.Constant(decisive)),
                Expression.Assign(result, Expression.Call(combine, result, part))));
        }
        steps.Add(result);
        return Expression.Block(steps);
    }

    private Expression Slot(string fact)
    {
        var (definition, slot) = layout[fact];
        var facts = definition.Scope == FactScope.Task ? nameof(FactFrame.Task) : nameof(FactFrame.Item);
        return Expression.ArrayIndex(Expression.Property(frame, facts), Expression.Constant(slot));
    }

    /// <summary>
    /// A literal of the rules as the compiled plan holds it: text as the interned instance, so that a value equal to it is
    /// often the very same string (a fact a rule concluded, a code the adapter or the caller wrote as a literal), which
    /// string equality checks first. A value read from elsewhere still compares by content.
    /// </summary>
    internal static object Canonical(object literal) => literal is string text ? string.Intern(text) : literal;

    // Text and yes/no as themselves, so that the overload for their type compares them; any other literal as an object.
    private static ConstantExpression Operand(object operand) =>
        operand is string or bool ? Expression.Constant(Canonical(operand)) : Expression.Constant(operand, typeof(object));

    private static string[] Texts(object operand) => [.. ((IReadOnlyList<string>)operand).Select(text => (string)Canonical(text))];

    private static MethodCallExpression Call(string method, params Expression[] arguments) =>
        Expression.Call(typeof(ConditionOps).GetMethod(method, [.. arguments.Select(a => a.Type)])!, arguments);
}
