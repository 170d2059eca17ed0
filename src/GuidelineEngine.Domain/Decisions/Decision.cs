using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Domain.Decisions;

/// <summary>A fact as a rule used it: name, Japanese label, value.</summary>
public sealed record FactUse(string Fact, string Label, string Value);

/// <summary>
/// One step of the rationale (判断理由): the rule that fired, the article it rests on,
/// the facts it read, and one Japanese sentence.
/// </summary>
public sealed record RationaleStep
{
    public required int Order { get; init; }
    public required string RuleId { get; init; }
    public required RuleKind Kind { get; init; }
    public required string Article { get; init; }
    public required string Sentence { get; init; }
    public IReadOnlyList<FactUse> Facts { get; init; } = [];

    /// <summary>The item (and task, for an outsourcing) the step speaks of.</summary>
    public string? ItemId { get; init; }
    public string? TaskId { get; init; }
}

/// <summary>A category that fits, with the provision it rests on.</summary>
public sealed record CategoryFit(string CategoryId, string Wording, IReadOnlyList<string> Basis, string? TaskId = null);

/// <summary>A category that was considered and does not fit, with why.</summary>
public sealed record CategoryMiss(string CategoryId, string Wording, IReadOnlyList<string> Reasons, bool Undetermined, string? TaskId = null);

/// <summary>The engine's answer to a category the department claimed.</summary>
public sealed record ClaimVerdict(string CategoryId, bool Confirmed, string Reason);

/// <summary>A missing fact, asked as a question a department can answer.</summary>
public sealed record Question(string Fact, string Label, string Text, string? Help, IReadOnlyList<FactValueDefinition> Choices, string? TaskId = null);

/// <summary>The decision for one item of a case.</summary>
public sealed record ItemDecision
{
    public required string ItemId { get; init; }
    public required Outcome Outcome { get; init; }

    /// <summary>The rule that concluded the outcome (null when information is missing).</summary>
    public string? DecidingRule { get; init; }

    /// <summary>The article the outcome rests on.</summary>
    public string? Article { get; init; }

    /// <summary>
    /// The code of the fact <c>transfer</c>: <c>use</c>, <c>provision</c> or <c>outsourcing</c>, where known. Decisions stored
    /// before codes hold the label here; <see cref="FactDefinition.CodeOf"/> reads them back. Shown through <see cref="DecisionLabels"/>.
    /// </summary>
    public string? Transfer { get; init; }

    /// <summary>The code of the fact <c>legal.basis</c>: <c>item2</c>/<c>item3</c>/<c>item4</c> of 法69条2項, or <c>outsourcing</c> (法66条2項).</summary>
    public string? Provision { get; init; }

    /// <summary>The category named as primary when several fit.</summary>
    public CategoryFit? Primary { get; init; }
    public IReadOnlyList<CategoryFit> Fits { get; init; } = [];
    public IReadOnlyList<CategoryMiss> Misses { get; init; } = [];
    public IReadOnlyList<ClaimVerdict> Claims { get; init; } = [];
    public IReadOnlyList<string> Conditions { get; init; } = [];
    public IReadOnlyList<string> Flags { get; init; } = [];
    public IReadOnlyList<Question> Questions { get; init; } = [];
    public IReadOnlyList<RationaleStep> Steps { get; init; } = [];

    /// <summary>Similar past cases (類似事例), most similar first.</summary>
    public IReadOnlyList<Precedent> Precedents { get; init; } = [];
}

/// <summary>The decision for a case: the strictest item outcome decides.</summary>
public sealed record CaseDecision
{
    public string? CaseId { get; init; }
    public string? Title { get; init; }
    public DateOnly? Date { get; init; }
    public required Outcome Outcome { get; init; }
    public required string VersionId { get; init; }
    public required string VersionHash { get; init; }

    /// <summary>Why this version: named in the intake, or in force on the case date.</summary>
    public required string VersionReason { get; init; }

    /// <summary>The review body of the version (運営委員会 or 審議会).</summary>
    public required string ReviewBody { get; init; }
    public required IReadOnlyList<ItemDecision> Items { get; init; }
}

/// <summary>A similar past case from the casebook (類似事例), with its recorded outcome and categories.</summary>
public sealed record Precedent
{
    public required string CaseFile { get; init; }
    public string? CaseId { get; init; }
    public string? Title { get; init; }

    /// <summary>The past case's date, to name it by its fiscal year.</summary>
    public DateOnly? Date { get; init; }

    public required string ItemId { get; init; }

    /// <summary>Where the source records it: seed file, section, table, rows.</summary>
    public required string Source { get; init; }
    public required Outcome Outcome { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Similarity from 0 to 1.</summary>
    public required double Score { get; init; }

    /// <summary>What the two cases share, in Japanese.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}
