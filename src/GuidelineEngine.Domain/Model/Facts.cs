namespace GuidelineEngine.Domain.Model;

/// <summary>The type of a fact's value.</summary>
public enum FactType
{
    Bool,
    /// <summary>One of a declared list of values.</summary>
    Enum,
    Number,
    Text,
    /// <summary>A set of declared values (e.g. the task kinds of an outsourcing).</summary>
    Set,
}

/// <summary>Where a fact comes from.</summary>
public enum FactSource
{
    /// <summary>Given by the case intake or looked up in the registries.</summary>
    Intake,
    /// <summary>Concluded by a rule.</summary>
    Derived,
}

/// <summary>The level a fact lives at.</summary>
public enum FactScope
{
    /// <summary>One per item (a use/provision or an outsourcing).</summary>
    Item,
    /// <summary>One per task of an outsourcing.</summary>
    Task,
}

/// <summary>The fact a follow-up follows, and the answer after which it is asked.</summary>
public sealed record FollowUp(string Fact, bool Value);

/// <summary>An allowed value of an enum or set fact, with the Japanese label staff read.</summary>
public sealed record FactValueDefinition(string Value, string Label);

/// <summary>A named fact in the catalogue (事実): its type, allowed values, and how to ask for it.</summary>
public sealed record FactDefinition
{
    public required string Name { get; init; }
    public required FactType Type { get; init; }
    public required FactSource Source { get; init; }
    public FactScope Scope { get; init; } = FactScope.Item;

    /// <summary>Short Japanese label, e.g. 「目的の種類」.</summary>
    public required string Label { get; init; }

    /// <summary>The question a department answers when this fact is missing (Japanese).</summary>
    public string? Question { get; init; }

    /// <summary>Help text quoting the clause behind the question.</summary>
    public string? Help { get; init; }

    public IReadOnlyList<FactValueDefinition> Values { get; init; } = [];

    /// <summary>
    /// For an intake fact: the facts a derivation of the version may conclude it from (empty: only the department knows it).
    /// A fact that a derivation can still conclude is never asked; null where the catalogue does not say (derived facts).
    /// </summary>
    public IReadOnlyList<string>? DerivedFrom { get; init; }

    /// <summary>
    /// For a follow-up (the statute's name, the approval of subcontracting): the yes/no fact it follows and the answer that
    /// gives it a meaning. It is asked only once that fact has that answer; null for any other fact.
    /// </summary>
    public FollowUp? Follows { get; init; }

    /// <summary>
    /// For an intake fact the C# model has no field for: the intake field that gives it (<c>field:</c>, a key of the item, or
    /// <c>tasks[].key</c> for a task fact), declared in the catalogue alone (<see cref="Intake.IntakeFields.Declare"/>).
    /// </summary>
    public string? Field { get; init; }

    /// <summary>The kinds of item <see cref="Field"/> belongs to (<c>items:</c>; both when left out).</summary>
    public Intake.IntakeItemKinds FieldItems { get; init; } = Intake.IntakeItemKinds.Items;

    public SourceMark? Mark { get; init; }

    /// <summary>
    /// The code of a value given as its code or as its label: decisions stored before codes hold labels, and are never
    /// rewritten. Text that is neither comes back as it is.
    /// </summary>
    public string CodeOf(string text) =>
        Values.Any(v => v.Value == text) ? text : Values.FirstOrDefault(v => v.Label == text)?.Value ?? text;

    /// <summary>The Japanese label of a value, or the value itself.</summary>
    public string LabelOf(object? value) => value switch
    {
        null => "不明",
        bool b => b ? "はい" : "いいえ",
        string s => Values.FirstOrDefault(v => v.Value == s)?.Label ?? s,
        IEnumerable<string> set => string.Join("、", set.Select(LabelOf)),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
