
namespace GuidelineEngine.Domain.Model;

/// <summary>What a rule does when it fires.</summary>
public abstract record RuleAction;

/// <summary>Concludes a derived fact (e.g. <c>transfer = provision</c>).</summary>
public sealed record AssertFact(string Fact, object Value) : RuleAction;

/// <summary>Concludes that a guideline category fits.</summary>
public sealed record ConcludeFit(string CategoryId) : RuleAction;

/// <summary>Raises a flag that never decides alone but must appear in the rationale.</summary>
public sealed record RaiseFlag(string Flag) : RuleAction;

/// <summary>
/// Attaches a condition that still binds when the proposal goes ahead (留意事項, 措置要求, 特記事項), under the outcomes it
/// belongs to: a guideline note binds a decision the guideline makes, not one a statute or the person's consent makes.
/// </summary>
public sealed record BindCondition(string Text, IReadOnlyList<Outcome> Outcomes) : RuleAction;

/// <summary>
/// Concludes an outcome. The outcome holds only when every rule named in <paramref name="Unless"/>
/// is known not to hold: a base case plus explicit exceptions, as the law is written.
/// </summary>
public sealed record ConcludeOutcome(Outcome Outcome, IReadOnlyList<string> Unless) : RuleAction;

/// <summary>The family a rule belongs to, which fixes when the engine runs it.</summary>
public enum RuleKind
{
    Derivation,
    Category,
    Flag,
    Note,
    Outcome,
}

/// <summary>
/// A production rule: a condition over facts and one action. Immutable; built by the loader,
/// compiled by the engine.
/// </summary>
public sealed record RuleDefinition
{
    /// <summary>Default priority of a rule that names none.</summary>
    public const int DefaultPriority = 0;

    public required string Id { get; init; }
    public required RuleKind Kind { get; init; }

    /// <summary>The article or guideline clause the rule rests on (e.g. 法69条2項3号).</summary>
    public required string Article { get; init; }

    public string? Description { get; init; }

    /// <summary>Higher fires first when several rules are ready at once.</summary>
    public int Priority { get; init; } = DefaultPriority;

    public required Condition When { get; init; }
    public required RuleAction Then { get; init; }

    /// <summary>One Japanese sentence for the rationale; <c>{fact.name}</c> is replaced by the fact's value.</summary>
    public required string Explanation { get; init; }

    /// <summary>The level the rule runs at.</summary>
    public FactScope Scope { get; init; } = FactScope.Item;

    public SourceMark? Mark { get; init; }
}

/// <summary>A guideline table (別表): which kind of transfer its categories cover.</summary>
public sealed record TableDefinition
{
    /// <summary>e.g. 別表1.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>The transfer kind the table covers: use, provision or outsourcing.</summary>
    public required string Transfer { get; init; }

    /// <summary>Whether categories are judged per item or per outsourcing task.</summary>
    public FactScope Scope { get; init; } = FactScope.Item;

    /// <summary>Categories of this table, in the table's order.</summary>
    public required IReadOnlyList<CategoryDefinition> Categories { get; init; }

    public string? Source { get; init; }
    public SourceMark? Mark { get; init; }
}

/// <summary>A guideline category (類型): verbatim wording, the provision it rests on, and when it applies.</summary>
public sealed record CategoryDefinition
{
    /// <summary>Stable id, e.g. 別表2-8.</summary>
    public required string Id { get; init; }
    public required string Table { get; init; }
    public required int No { get; init; }

    /// <summary>The category's wording, verbatim from the guideline.</summary>
    public required string Wording { get; init; }

    /// <summary>The provisions it rests on (法69条2項2号, 3号, 4号, or 法66条2項 for 委託).</summary>
    public required IReadOnlyList<string> Basis { get; init; }

    /// <summary>When several categories fit, the highest names the primary one (then the table order).</summary>
    public int Priority { get; init; }

    /// <summary>Our reading of when the category applies.</summary>
    public required Condition When { get; init; }

    /// <summary>Precedents (事例) listed under the category, where the source lists them.</summary>
    public IReadOnlyList<string> Precedents { get; init; } = [];

    public string? Note { get; init; }
    public SourceMark? Mark { get; init; }
}
