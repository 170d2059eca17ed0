using GuidelineEngine.Engine.Core;

namespace GuidelineEngine.Engine.Tests;

/// <summary>The primitive tests: a null (unknown) fact gives Unknown, never False.</summary>
public sealed class ConditionOpsTests
{
    public static TheoryData<string, Func<object?, Truth>> OpsOnAFact => new()
    {
        { "Equal", v => ConditionOps.Equal(v, "use") },
        { "NotEqual", v => ConditionOps.NotEqual(v, "use") },
        { "In", v => ConditionOps.In(v, ["use", "provision"]) },
        { "NotIn", v => ConditionOps.NotIn(v, ["use", "provision"]) },
        { "GreaterThan", v => ConditionOps.GreaterThan(v, 1000m) },
        { "GreaterOrEqual", v => ConditionOps.GreaterOrEqual(v, 1000m) },
        { "LessThan", v => ConditionOps.LessThan(v, 1000m) },
        { "LessOrEqual", v => ConditionOps.LessOrEqual(v, 1000m) },
        { "Contains", v => ConditionOps.Contains(v, "data_entry") },
        { "EqualsFact", v => ConditionOps.EqualsFact(v, "区長") },
        { "EqualsFact (other unknown)", v => ConditionOps.EqualsFact("区長", v) },
        { "DiffersFromFact", v => ConditionOps.DiffersFromFact(v, "区長") },
        { "DiffersFromFact (other unknown)", v => ConditionOps.DiffersFromFact("区長", v) },
    };

    [Theory]
    [MemberData(nameof(OpsOnAFact))]
    public void Op_NullFact_IsUnknown(string name, Func<object?, Truth> op)
    {
        // Arrange / Act
        var result = op(null);

        // Assert
        result.Should().Be(Truth.Unknown, name);
    }

    [Theory]
    [InlineData(true, Truth.False)]
    [InlineData(false, Truth.True)]
    public void Known_NullFact_IsNeverUnknown(bool expectKnown, Truth expected)
    {
        // Arrange / Act
        var result = ConditionOps.Known(null, expectKnown);

        // Assert
        result.Should().Be(expected);
    }

    [Fact]
    public void Ops_GivenFacts_CompareAsWritten()
    {
        // Arrange / Act / Assert
        ConditionOps.Equal("use", "use").Should().Be(Truth.True);
        ConditionOps.Equal(false, true).Should().Be(Truth.False);
        ConditionOps.NotIn("outsourcing", ["use", "provision"]).Should().Be(Truth.True);
        ConditionOps.GreaterThan(1000m, 1000m).Should().Be(Truth.False);
        ConditionOps.GreaterThan(1001m, 1000m).Should().Be(Truth.True);
        ConditionOps.Contains(new[] { "data_entry" }, "data_entry").Should().Be(Truth.True);
        ConditionOps.DiffersFromFact("区長", "教育委員会").Should().Be(Truth.True);
    }

    [Fact]
    public void AllTasks_NoTasks_IsUnknown()
    {
        // Arrange
        var frame = new FactFrame([], []);

        // Act
        var result = ConditionOps.AllTasks(frame, _ => Truth.True);

        // Assert: an outsourcing with no tasks named cannot be said to fit 別表3.
        result.Should().Be(Truth.Unknown);
    }

    [Theory]
    [InlineData(new[] { Truth.True, Truth.True }, Truth.True)]
    [InlineData(new[] { Truth.True, Truth.Unknown }, Truth.Unknown)]
    [InlineData(new[] { Truth.Unknown, Truth.False }, Truth.False)]
    public void AllTasks_CombinesTasksWithAnd(Truth[] perTask, Truth expected)
    {
        // Arrange: each task frame carries its own truth in slot 0.
        var frame = new FactFrame([], [.. perTask.Select(t => new object?[] { t })]);

        // Act
        var result = ConditionOps.AllTasks(frame, f => (Truth)f.Task[0]!);

        // Assert
        result.Should().Be(expected);
        frame.Task.Should().BeEmpty("the current task is restored");
    }
}
