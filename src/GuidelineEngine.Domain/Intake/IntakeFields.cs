using System.Collections.Immutable;

namespace GuidelineEngine.Domain.Intake;

/// <summary>The kinds of item (or the task of an outsourcing) an intake field belongs to.</summary>
[Flags]
public enum IntakeItemKinds
{
    UseOrProvision = 1,
    Outsourcing = 2,
    Items = UseOrProvision | Outsourcing,
    /// <summary>A field of each task of an outsourcing (<c>tasks[].…</c>).</summary>
    Task = 4,
}

/// <summary>The type of an intake field's value: a yes/no, a whole number, or text (an enum code, a name).</summary>
public enum IntakeFieldType
{
    Bool,
    Number,
    Text,
}

/// <summary>What a registry of the version adds to a field's answer (the engine's C# derivation reads the field).</summary>
public enum RegistryAnswer
{
    /// <summary>The answer is the fact, as written.</summary>
    None,
    /// <summary>A section name whose organ (and whether it is the council) the organ registry gives.</summary>
    Sections,
    /// <summary>The file registry can answer for the files named (a registry "yes" outweighs the department's "no").</summary>
    Files,
}

/// <summary>
/// One intake field: its path in an item as a case file writes it (<c>recipient.outside_japan</c>, <c>tasks[].kind</c>),
/// the fact it gives, the kinds of item it belongs to, its type, whether a registry answers it, and how to read and set it
/// on an item (or a task, for <see cref="IntakeItemKinds.Task"/>).
/// </summary>
public sealed record IntakeField(string Path, string Fact, IntakeItemKinds On, IntakeFieldType Type, RegistryAnswer Registry,
    Func<object, object?> Get, Func<object, object?, object> Set)
{
    /// <summary>The field's key in its task (<c>kind</c> for <c>tasks[].kind</c>); the path itself for an item's field.</summary>
    public string Key => On == IntakeItemKinds.Task ? Path[IntakeFields.TaskPrefix.Length..] : Path;

    /// <summary>For a field a catalogue declares: the yes/no fact it follows and the answer that gives it a meaning.</summary>
    public (string Fact, bool Value)? Follows { get; init; }

    /// <summary>Whether the field is kept in the item's <see cref="IntakeAnswers"/> (declared by a catalogue) rather than a property.</summary>
    public bool IsAnswer { get; init; }

    public bool Fits(IntakeItem item) => On.HasFlag(item is OutsourcingItem ? IntakeItemKinds.Outsourcing : IntakeItemKinds.UseOrProvision);
}

/// <summary>
/// Every intake field, declared once: the fields of the C# model in one table (<see cref="Typed"/>), and the fields that a
/// version's fact catalogue declares with <c>field:</c> (<see cref="Declare"/>), kept in the items' <see cref="IntakeAnswers"/>.
/// The intake reader and writer, its checks, the fact builder, the interviews, the web pages and the compact store codec
/// iterate over these declarations instead of spelling fields.
/// </summary>
public static class IntakeFields
{
    public const string TaskPrefix = "tasks[].";

    /// <summary>The fields of the C# model, in the order a case file writes them.</summary>
    public static readonly IReadOnlyList<IntakeField> Typed =
    [
        Item("includes_my_number", "data.my_number", IntakeItemKinds.Items, RegistryAnswer.Files, i => i.IncludesMyNumber, (i, v) => i with { IncludesMyNumber = (bool?)v }),
        Item("includes_special_care", "file.special_care", IntakeItemKinds.Items, RegistryAnswer.Files, i => i.IncludesSpecialCare, (i, v) => i with { IncludesSpecialCare = (bool?)v }),
        Item("persons", "persons", IntakeItemKinds.Items, RegistryAnswer.None, i => i.Persons, (i, v) => i with { Persons = (int?)v }, IntakeFieldType.Number),
        Item("concerns_children", "subjects.children", IntakeItemKinds.Items, RegistryAnswer.Files, i => i.ConcernsChildren, (i, v) => i with { ConcernsChildren = (bool?)v }),
        Item("concerns_dv_or_abuse_victims", "subjects.dv_or_abuse_victims", IntakeItemKinds.Items, RegistryAnswer.Files,
            i => i.ConcernsDvOrAbuseVictims, (i, v) => i with { ConcernsDvOrAbuseVictims = (bool?)v }),
        Use("holding_section", "holder.organ", RegistryAnswer.Sections, u => u.HoldingSection, (u, v) => u with { HoldingSection = (string?)v }, IntakeFieldType.Text),
        Use("purpose_kind", "purpose.kind", RegistryAnswer.None, u => u.PurposeKind, (u, v) => u with { PurposeKind = (string?)v }, IntakeFieldType.Text),
        Use("within_registered_purpose", "purpose.within_registered", RegistryAnswer.None, u => u.WithinRegisteredPurpose,
            (u, v) => u with { WithinRegisteredPurpose = (bool?)v }),
        Use("frequency", "frequency", RegistryAnswer.None, u => u.Frequency, (u, v) => u with { Frequency = (string?)v }, IntakeFieldType.Text),
        Use("statute.applies", "statute.applies", RegistryAnswer.None, u => u.Statute?.Applies,
            (u, v) => u with { Statute = (u.Statute ?? new LawReference()) with { Applies = (bool?)v } }),
        Use("statute.kind", "statute.kind", RegistryAnswer.None, u => u.Statute?.Kind,
            (u, v) => u with { Statute = (u.Statute ?? new LawReference()) with { Kind = (string?)v } }, IntakeFieldType.Text),
        Use("statute.name", "statute.name", RegistryAnswer.None, u => u.Statute?.Name,
            (u, v) => u with { Statute = (u.Statute ?? new LawReference()) with { Name = (string?)v } }, IntakeFieldType.Text),
        Use("recipient.section", "recipient.organ", RegistryAnswer.Sections, u => u.Recipient?.Section,
            (u, v) => u with { Recipient = (u.Recipient ?? new Recipient()) with { Section = (string?)v } }, IntakeFieldType.Text),
        Use("recipient.kind", "recipient.kind", RegistryAnswer.Sections, u => u.Recipient?.Kind,
            (u, v) => u with { Recipient = (u.Recipient ?? new Recipient()) with { Kind = (string?)v } }, IntakeFieldType.Text),
        Use("recipient.outside_japan", "recipient.outside_japan", RegistryAnswer.None, u => u.Recipient?.OutsideJapan,
            (u, v) => u with { Recipient = (u.Recipient ?? new Recipient()) with { OutsideJapan = (bool?)v } }),
        Use("consent", "consent", RegistryAnswer.None, u => u.Consent, (u, v) => u with { Consent = (bool?)v }),
        Use("consent_to_foreign_provision", "consent.foreign_provision", RegistryAnswer.None, u => u.ConsentToForeignProvision,
            (u, v) => u with { ConsentToForeignProvision = (bool?)v }),
        Use("requested_by_recipient", "recipient.requested", RegistryAnswer.None, u => u.RequestedByRecipient, (u, v) => u with { RequestedByRecipient = (bool?)v }),
        Use("person_unable_to_express_will", "person.unable_to_express_will", RegistryAnswer.None, u => u.PersonUnableToExpressWill,
            (u, v) => u with { PersonUnableToExpressWill = (bool?)v }),
        Use("rights_infringement_risk", "rights.infringement_risk", RegistryAnswer.None, u => u.RightsInfringementRisk,
            (u, v) => u with { RightsInfringementRisk = (bool?)v }),
        Use("other_law_restriction.applies", "other_law.restricts", RegistryAnswer.Files, u => u.OtherLawRestriction?.Applies,
            (u, v) => u with { OtherLawRestriction = (u.OtherLawRestriction ?? new LawReference()) with { Applies = (bool?)v } }),
        Outsourcing("contractor_kind", "contractor.kind", o => o.ContractorKind, (o, v) => o with { ContractorKind = (string?)v }, IntakeFieldType.Text),
        Outsourcing("subcontracting", "outsourcing.subcontracting", o => o.Subcontracting, (o, v) => o with { Subcontracting = (bool?)v }),
        Outsourcing("subcontracting_approved", "outsourcing.subcontracting_approved", o => o.SubcontractingApproved,
            (o, v) => o with { SubcontractingApproved = (bool?)v }),
        Outsourcing("outside_japan", "outsourcing.outside_japan", o => o.OutsideJapan, (o, v) => o with { OutsideJapan = (bool?)v }),
        Outsourcing("standard_clauses", "outsourcing.standard_clauses", o => o.StandardClauses, (o, v) => o with { StandardClauses = (bool?)v }),
        Task("kind", "task.kind", t => t.Kind, (t, v) => t with { Kind = (string?)v }, IntakeFieldType.Text),
        Task("place", "task.place", t => t.Place, (t, v) => t with { Place = (string?)v }, IntakeFieldType.Text),
        Task("by_qualified_professionals", "task.qualified", t => t.ByQualifiedProfessionals, (t, v) => t with { ByQualifiedProfessionals = (bool?)v }),
    ];

    private static ImmutableArray<IntakeField> _all = [.. Typed];

    /// <summary>Every field: the C# model's, then those the catalogues loaded so far declare.</summary>
    public static ImmutableArray<IntakeField> All => _all;

    /// <summary>The field that gives <paramref name="fact"/>, or null (a derived fact, <c>item.kind</c>).</summary>
    public static IntakeField? OfFact(string fact)
    {
        foreach (var field in All)
        {
            if (field.Fact == fact)
            {
                return field;
            }
        }
        return null;
    }

    /// <summary>The field at <paramref name="path"/> (as <see cref="IntakeField.Path"/>), or null (a structural field such as <c>file</c>).</summary>
    public static IntakeField? OfPath(string path)
    {
        foreach (var field in All)
        {
            if (field.Path == path)
            {
                return field;
            }
        }
        return null;
    }

    /// <summary>The fields of an item of this kind, not its tasks'.</summary>
    public static IEnumerable<IntakeField> Of(IntakeItem item) => All.Where(f => f.On != IntakeItemKinds.Task && f.Fits(item));

    /// <summary>The fields of a task.</summary>
    public static IEnumerable<IntakeField> OfTask => All.Where(f => f.On == IntakeItemKinds.Task);

    /// <summary>
    /// Declares a field that a fact catalogue names (<c>field:</c>) and the C# model has no property for: its answers are kept in
    /// <see cref="IntakeItem.Answers"/> (<see cref="OutsourcingTask.Answers"/> for <c>tasks[].…</c>). The intake is read before its
    /// version is known, so the reader accepts the fields of every catalogue loaded; the version that judges the case refuses a
    /// field it does not declare. Declaring the same field again with the same fact and type is a no-op.
    /// </summary>
    /// <returns>Null, or why the declaration is refused (Japanese).</returns>
    public static string? Declare(string path, string fact, IntakeItemKinds on, IntakeFieldType type, (string Fact, bool Value)? follows)
    {
        var task = path.StartsWith(TaskPrefix, StringComparison.Ordinal);
        var key = task ? path[TaskPrefix.Length..] : path;
        if (key.Length == 0 || key.Contains('.', StringComparison.Ordinal) || key.Contains('[', StringComparison.Ordinal))
        {
            return $"field「{path}」は項目のキー（例 cloud_service）か作業のキー（例 tasks[].cloud_service）にしてください。";
        }
        var field = new IntakeField(path, fact, task ? IntakeItemKinds.Task : on, type, RegistryAnswer.None,
            holder => holder is OutsourcingTask t ? t.Answers.Get(key) : ((IntakeItem)holder).Answers.Get(key),
            (holder, value) => holder is OutsourcingTask t ? t with { Answers = t.Answers.With(key, value) }
                : (IntakeItem)holder with { Answers = ((IntakeItem)holder).Answers.With(key, value) })
        { Follows = follows, IsAnswer = true };
        while (true)
        {
            var all = All;
            var clash = all.FirstOrDefault(f => f.Path == path || f.Fact == fact);
            if (clash is not null)
            {
                return clash.IsAnswer && clash.Path == path && clash.Fact == fact && clash.Type == field.Type && clash.On == field.On && clash.Follows == follows
                    ? null
                    : $"field「{path}」（事実「{fact}」）は、{(clash.IsAnswer ? "別のカタログ" : "申出の C# モデル")}で事実「{clash.Fact}」の項目「{clash.Path}」として宣言されています。";
            }
            if (ImmutableInterlocked.InterlockedCompareExchange(ref _all, all.Add(field), all) == all)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The known answers of <paramref name="item"/> (and its tasks) that fields declared as following <paramref name="fact"/>
    /// lose when it is answered <paramref name="value"/>: a follow-up the answer makes meaningless is dropped.
    /// </summary>
    public static IntakeItem DropFollowUps(IntakeItem item, string fact, bool value)
    {
        foreach (var field in All.Where(f => f.Follows is { } follows && follows.Fact == fact && follows.Value != value))
        {
            item = field.On == IntakeItemKinds.Task
                ? item is OutsourcingItem o ? o with { Tasks = [.. o.Tasks.Select(t => (OutsourcingTask)field.Set(t, null))] } : item
                : field.Fits(item) ? (IntakeItem)field.Set(item, null) : item;
        }
        return item;
    }

    private static IntakeField Item(string path, string fact, IntakeItemKinds on, RegistryAnswer registry, Func<IntakeItem, object?> get,
        Func<IntakeItem, object?, IntakeItem> set, IntakeFieldType type = IntakeFieldType.Bool) =>
        new(path, fact, on, type, registry, h => get((IntakeItem)h), (h, v) => set((IntakeItem)h, v));

    private static IntakeField Use(string path, string fact, RegistryAnswer registry, Func<UseOrProvisionItem, object?> get,
        Func<UseOrProvisionItem, object?, UseOrProvisionItem> set, IntakeFieldType type = IntakeFieldType.Bool) =>
        new(path, fact, IntakeItemKinds.UseOrProvision, type, registry, h => get((UseOrProvisionItem)h), (h, v) => set((UseOrProvisionItem)h, v));

    private static IntakeField Outsourcing(string path, string fact, Func<OutsourcingItem, object?> get,
        Func<OutsourcingItem, object?, OutsourcingItem> set, IntakeFieldType type = IntakeFieldType.Bool) =>
        new(path, fact, IntakeItemKinds.Outsourcing, type, RegistryAnswer.None, h => get((OutsourcingItem)h), (h, v) => set((OutsourcingItem)h, v));

    private static IntakeField Task(string key, string fact, Func<OutsourcingTask, object?> get,
        Func<OutsourcingTask, object?, OutsourcingTask> set, IntakeFieldType type = IntakeFieldType.Bool) =>
        new(TaskPrefix + key, fact, IntakeItemKinds.Task, type, RegistryAnswer.None, h => get((OutsourcingTask)h), (h, v) => set((OutsourcingTask)h, v));
}
