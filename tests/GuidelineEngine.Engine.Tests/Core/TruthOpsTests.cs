using GuidelineEngine.Engine.Core;

namespace GuidelineEngine.Engine.Tests;

/// <summary>Kleene's strong three-valued logic: a fact not given is neither met nor failed.</summary>
public sealed class TruthOpsTests
{
    private const Truth T = Truth.True;
    private const Truth F = Truth.False;
    private const Truth U = Truth.Unknown;

    [Theory]
    [InlineData(T, T, T)]
    [InlineData(T, F, F)]
    [InlineData(T, U, U)]
    [InlineData(F, T, F)]
    [InlineData(F, F, F)]
    [InlineData(F, U, F)]
    [InlineData(U, T, U)]
    [InlineData(U, F, F)]
    [InlineData(U, U, U)]
    public void And_TruthTable(Truth a, Truth b, Truth expected)
    {
        // Arrange / Act
        var result = TruthOps.And(a, b);

        // Assert
        result.Should().Be(expected);
    }

    [Theory]
    [InlineData(T, T, T)]
    [InlineData(T, F, T)]
    [InlineData(T, U, T)]
    [InlineData(F, T, T)]
    [InlineData(F, F, F)]
    [InlineData(F, U, U)]
    [InlineData(U, T, T)]
    [InlineData(U, F, U)]
    [InlineData(U, U, U)]
    public void Or_TruthTable(Truth a, Truth b, Truth expected)
    {
        // Arrange / Act
        var result = TruthOps.Or(a, b);

        // Assert
        result.Should().Be(expected);
    }

    [Theory]
    [InlineData(T, F)]
    [InlineData(F, T)]
    [InlineData(U, U)]
    public void Not_TruthTable(Truth a, Truth expected)
    {
        // Arrange / Act
        var result = TruthOps.Not(a);

        // Assert
        result.Should().Be(expected);
    }

    [Theory]
    [InlineData(true, T)]
    [InlineData(false, F)]
    public void Of_MapsBooleans(bool value, Truth expected)
    {
        // Arrange / Act
        var result = TruthOps.Of(value);

        // Assert
        result.Should().Be(expected);
    }
}
