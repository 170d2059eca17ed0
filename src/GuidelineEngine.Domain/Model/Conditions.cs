namespace GuidelineEngine.Domain.Model;

/// <summary>
/// A condition over named facts, written as data in the rule files. It evaluates to
/// true, false or unknown (a fact not given is unknown, never false).
/// </summary>
public abstract record Condition
{
    /// <summary>Where the condition was written (for errors).</summary>
    public SourceMark? Mark { get; init; }
}

/// <summary>True when every part is true; false when any part is false; otherwise unknown.</summary>
public sealed record AllOf(IReadOnlyList<Condition> Parts) : Condition;

/// <summary>True when any part is true; false when every part is false; otherwise unknown.</summary>
public sealed record AnyOf(IReadOnlyList<Condition> Parts) : Condition;

/// <summary>Negation; unknown stays unknown.</summary>
public sealed record NotOf(Condition Inner) : Condition;

/// <summary>The comparisons the condition language knows.</summary>
public enum Comparison
{
    Equal,
    NotEqual,
    In,
    NotIn,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
    /// <summary>A set-valued fact contains the operand.</summary>
    Contains,
    /// <summary>Whether the fact is given at all (never unknown itself).</summary>
    Known,
    /// <summary>Equal to another fact.</summary>
    EqualsFact,
    /// <summary>Different from another fact.</summary>
    DiffersFromFact,
}

/// <summary>A test of one fact against a literal operand, or against another fact.</summary>
/// <param name="Fact">The fact's name in the catalogue (e.g. <c>purpose.kind</c>).</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Operand">A literal: bool, string, decimal, or a list of strings (for <c>in</c>).</param>
/// <param name="OtherFact">The other fact, for <see cref="Comparison.EqualsFact"/> and <see cref="Comparison.DiffersFromFact"/>.</param>
public sealed record FactTest(string Fact, Comparison Operator, object? Operand, string? OtherFact = null) : Condition;

/// <summary>
/// Whether a guideline category (e.g. <c>別表2-8</c>) or any category of a table (e.g. <c>別表3</c>) fits.
/// For a table whose categories are judged per task, it holds when every task fits some category.
/// </summary>
public sealed record Fits(string Target) : Condition;

/// <summary>A position in a source file: file path relative to the rule-set root or as given, 1-based line and column.</summary>
public sealed record SourceMark(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
