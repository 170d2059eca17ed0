
namespace GuidelineEngine.Engine.Core;

/// <summary>
/// The primitive tests compiled conditions call. Each returns <see cref="Truth.Unknown"/> for a fact
/// not given, so unknown is never mistaken for false.
/// </summary>
public static class ConditionOps
{
    public static Truth Equal(object? value, object operand) =>
        value is null ? Truth.Unknown : TruthOps.Of(value.Equals(operand));

    public static Truth NotEqual(object? value, object operand) =>
        value is null ? Truth.Unknown : TruthOps.Of(!value.Equals(operand));

    // The same tests for an operand whose type the compiled plan knows: text or yes/no, without the virtual Equals. A value of
    // another type (a number, a yes/no, a set) is unequal to it, as its own Equals says.
    public static Truth Equal(object? value, string operand) =>
        value is null ? Truth.Unknown : TruthOps.Of(value is string text && string.Equals(text, operand));

    public static Truth NotEqual(object? value, string operand) =>
        value is null ? Truth.Unknown : TruthOps.Of(!(value is string text && string.Equals(text, operand)));

    public static Truth Equal(object? value, bool operand) =>
        value is null ? Truth.Unknown : TruthOps.Of(value is bool flag && flag == operand);

    public static Truth NotEqual(object? value, bool operand) =>
        value is null ? Truth.Unknown : TruthOps.Of(!(value is bool flag && flag == operand));

    public static Truth In(object? value, IReadOnlyList<string> operands) =>
        value is null ? Truth.Unknown : TruthOps.Of(value is string s && operands.Contains(s));

    public static Truth NotIn(object? value, IReadOnlyList<string> operands) =>
        value is null ? Truth.Unknown : TruthOps.Of(value is not string s || !operands.Contains(s));

    // As above over the compiled plan's copy of the list: an array, searched without the interface's dispatch.
    public static Truth In(object? value, string[] operands) =>
        value is null ? Truth.Unknown : TruthOps.Of(value is string s && Array.IndexOf(operands, s) >= 0);

    public static Truth NotIn(object? value, string[] operands) =>
        value is null ? Truth.Unknown : TruthOps.Of(value is not string s || Array.IndexOf(operands, s) < 0);

    public static Truth GreaterThan(object? value, decimal operand) => value is decimal d ? TruthOps.Of(d > operand) : Truth.Unknown;
    public static Truth GreaterOrEqual(object? value, decimal operand) => value is decimal d ? TruthOps.Of(d >= operand) : Truth.Unknown;
    public static Truth LessThan(object? value, decimal operand) => value is decimal d ? TruthOps.Of(d < operand) : Truth.Unknown;
    public static Truth LessOrEqual(object? value, decimal operand) => value is decimal d ? TruthOps.Of(d <= operand) : Truth.Unknown;

    public static Truth Contains(object? value, string operand) =>
        value is IReadOnlyCollection<string> set ? TruthOps.Of(set.Contains(operand)) : Truth.Unknown;

    public static Truth Known(object? value, bool expected) => TruthOps.Of((value is not null) == expected);

    public static Truth EqualsFact(object? value, object? other) =>
        value is null || other is null ? Truth.Unknown : TruthOps.Of(value.Equals(other));

    public static Truth DiffersFromFact(object? value, object? other) =>
        value is null || other is null ? Truth.Unknown : TruthOps.Of(!value.Equals(other));

    /// <summary>One fact test, for the walker (the compiled plan calls the operations above directly).</summary>
    public static Truth Evaluate(Domain.Model.FactTest test, object? value, object? other) => test.Operator switch
    {
            Domain.Model.Comparison.Equal => Equal(value, test.Operand!),
            Domain.Model.Comparison.NotEqual => NotEqual(value, test.Operand!),
            Domain.Model.Comparison.In => In(value, (IReadOnlyList<string>)test.Operand!),
            Domain.Model.Comparison.NotIn => NotIn(value, (IReadOnlyList<string>)test.Operand!),
            Domain.Model.Comparison.GreaterThan => GreaterThan(value, (decimal)test.Operand!),
            Domain.Model.Comparison.GreaterOrEqual => GreaterOrEqual(value, (decimal)test.Operand!),
            Domain.Model.Comparison.LessThan => LessThan(value, (decimal)test.Operand!),
            Domain.Model.Comparison.LessOrEqual => LessOrEqual(value, (decimal)test.Operand!),
            Domain.Model.Comparison.Contains => Contains(value, (string)test.Operand!),
            Domain.Model.Comparison.Known => Known(value, (bool)test.Operand!),
            Domain.Model.Comparison.EqualsFact => EqualsFact(value, other),
            Domain.Model.Comparison.DiffersFromFact => DiffersFromFact(value, other),
            _ => throw new InvalidOperationException(test.Operator.ToString()),
    };

    /// <summary>
    /// True when every task meets <paramref name="perTask"/>; false when one fails; unknown when
    /// the tasks are not given or some task is undetermined.
    /// </summary>
    public static Truth AllTasks(FactFrame frame, Func<FactFrame, Truth> perTask)
    {
        if (frame.Tasks.Count == 0)
        {
            return Truth.Unknown;
        }
        var saved = frame.Task;
        var result = Truth.True;
        // Indexed: a foreach over the interface would allocate an enumerator on every evaluation.
        for (var t = 0; t < frame.Tasks.Count; t++)
        {
            frame.Task = frame.Tasks[t];
            result = TruthOps.And(result, perTask(frame));
            if (result == Truth.False)
            {
                break;
            }
        }
        frame.Task = saved;
        return result;
    }

    /// <summary>
    /// For explanations: as <see cref="AllTasks"/>, but when no task is given the per-task condition is still walked once
    /// over an empty task, so the facts it would read of a task show up as missing.
    /// </summary>
    public static Truth AllTasksExplained(FactFrame frame, Func<FactFrame, Truth> perTask)
    {
        if (frame.Tasks.Count > 0)
        {
            return AllTasks(frame, perTask);
        }
        var saved = frame.Task;
        frame.Task = [];
        perTask(frame);
        frame.Task = saved;
        return Truth.Unknown;
    }
}
