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

    public bool Fits(IntakeItem item) => (On & (item is OutsourcingItem ? IntakeItemKinds.Outsourcing : IntakeItemKinds.UseOrProvision)) != 0;
}

/// <summary>What an intake key holds: a field that gives a fact, or one of the format's structural keys.</summary>
public enum IntakeKeyType
{
    /// <summary>A field that gives a fact (<see cref="IntakeKey.Field"/>).</summary>
    Field,
    /// <summary>Text that gives no fact by itself (an id, a file or section name, the purpose in the department's words).</summary>
    Text,
    /// <summary>A list of text (data items, files, claimed categories).</summary>
    Texts,
    /// <summary>A sub-object (<c>recipient</c>, <c>statute</c>): its keys follow, named <c>recipient.section</c> and so on.</summary>
    Object,
    /// <summary>The tasks of an outsourcing, each with the <see cref="IntakeItemKinds.Task"/> keys.</summary>
    Tasks,
    /// <summary>The kind of the item (<c>use_or_provision</c>, <c>outsourcing</c>), read first to know which keys follow.</summary>
    ItemKind,
}

/// <summary>
/// One key of the intake format: its path in the item (<c>recipient.section</c>; <c>tasks[].kind</c> for a task's), what it
/// holds, the kinds of item it belongs to, how to read it off and set it on an item (or a task), and the field it is when it
/// gives a fact; the others carry a description of their own (the API's schema).
/// </summary>
public sealed record IntakeKey(string Path, IntakeItemKinds On, IntakeKeyType Type, Func<object, object?> Get, Func<object, object?, object> Set)
{
    public IntakeField? Field { get; init; }

    public string? Description { get; init; }

    /// <summary>The key in its own map: <c>section</c> for <c>recipient.section</c>, <c>kind</c> for <c>tasks[].kind</c>.</summary>
    public string Name { get; } = Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>The sub-object it is in (<c>recipient</c>), or null for a key of the item or task itself.</summary>
    public string? Parent { get; } = (On == IntakeItemKinds.Task ? Path[IntakeFields.TaskPrefix.Length..] : Path) is var local && local.Contains('.', StringComparison.Ordinal)
        ? local[..local.LastIndexOf('.')]
        : null;
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

    /// <summary>
    /// The intake format of an item, in the order a case file writes it (and the reader lists its keys): the keys that give a
    /// fact (<see cref="IntakeKey.Field"/>) and the structural ones beside them — the item's id and kind, the files and data
    /// items the registries look up, the purpose and names in the department's words, the sub-objects and the tasks.
    /// </summary>
    public static readonly IReadOnlyList<IntakeKey> Layout =
    [
        Key("id", IntakeItemKinds.Items, IntakeKeyType.Text, "項目の id（省略時は 1, 2, …）", i => ((IntakeItem)i).Id, (i, v) => (IntakeItem)i with { Id = (string?)v }),
        Key("kind", IntakeItemKinds.Items, IntakeKeyType.ItemKind, "項目の種類", i => i is OutsourcingItem ? "outsourcing" : "use_or_provision", (i, _) => i),
        Key("data_items", IntakeItemKinds.Items, IntakeKeyType.Texts, "個人情報の項目", i => ((IntakeItem)i).DataItems,
            (i, v) => (IntakeItem)i with { DataItems = (IReadOnlyList<string>)v! }),
        Item("includes_my_number", "data.my_number", RegistryAnswer.Files, i => i.IncludesMyNumber, (i, v) => i with { IncludesMyNumber = (bool?)v }),
        Item("includes_special_care", "file.special_care", RegistryAnswer.Files, i => i.IncludesSpecialCare, (i, v) => i with { IncludesSpecialCare = (bool?)v }),
        Item("persons", "persons", RegistryAnswer.None, i => i.Persons, (i, v) => i with { Persons = (int?)v }, IntakeFieldType.Number),
        Item("concerns_children", "subjects.children", RegistryAnswer.Files, i => i.ConcernsChildren, (i, v) => i with { ConcernsChildren = (bool?)v }),
        Item("concerns_dv_or_abuse_victims", "subjects.dv_or_abuse_victims", RegistryAnswer.Files,
            i => i.ConcernsDvOrAbuseVictims, (i, v) => i with { ConcernsDvOrAbuseVictims = (bool?)v }),
        Key("claimed_categories", IntakeItemKinds.Items, IntakeKeyType.Texts, "部課が当てはまると考える区分（例 別表2-8）", i => ((IntakeItem)i).ClaimedCategories,
            (i, v) => (IntakeItem)i with { ClaimedCategories = (IReadOnlyList<string>)v! }),

        Key("file", IntakeItemKinds.UseOrProvision, IntakeKeyType.Text, "個人情報ファイル名（登録簿の名前）", i => ((UseOrProvisionItem)i).File,
            (i, v) => (UseOrProvisionItem)i with { File = (string?)v }),
        Use("holding_section", "holder.organ", RegistryAnswer.Sections, u => u.HoldingSection, (u, v) => u with { HoldingSection = (string?)v }, IntakeFieldType.Text),
        Key("recipient", IntakeItemKinds.UseOrProvision, IntakeKeyType.Object, "利用・提供先（省略時は提案する部課自身）", i => ((UseOrProvisionItem)i).Recipient,
            (i, _) => (UseOrProvisionItem)i with { Recipient = new Recipient() }),
        Use("recipient.section", "recipient.organ", RegistryAnswer.Sections, u => u.Recipient?.Section,
            (u, v) => u with { Recipient = (u.Recipient ?? new Recipient()) with { Section = (string?)v } }, IntakeFieldType.Text),
        Use("recipient.kind", "recipient.kind", RegistryAnswer.Sections, u => u.Recipient?.Kind,
            (u, v) => u with { Recipient = (u.Recipient ?? new Recipient()) with { Kind = (string?)v } }, IntakeFieldType.Text),
        Key("recipient.name", IntakeItemKinds.UseOrProvision, IntakeKeyType.Text, "名前", i => ((UseOrProvisionItem)i).Recipient?.Name,
            (i, v) => (UseOrProvisionItem)i with { Recipient = (((UseOrProvisionItem)i).Recipient ?? new Recipient()) with { Name = (string?)v } }),
        Use("recipient.outside_japan", "recipient.outside_japan", RegistryAnswer.None, u => u.Recipient?.OutsideJapan,
            (u, v) => u with { Recipient = (u.Recipient ?? new Recipient()) with { OutsideJapan = (bool?)v } }),
        Key("purpose", IntakeItemKinds.UseOrProvision, IntakeKeyType.Text, "目的", i => ((UseOrProvisionItem)i).Purpose,
            (i, v) => (UseOrProvisionItem)i with { Purpose = (string?)v }),
        Use("purpose_kind", "purpose.kind", RegistryAnswer.None, u => u.PurposeKind, (u, v) => u with { PurposeKind = (string?)v }, IntakeFieldType.Text),
        Use("within_registered_purpose", "purpose.within_registered", RegistryAnswer.None, u => u.WithinRegisteredPurpose,
            (u, v) => u with { WithinRegisteredPurpose = (bool?)v }),
        Use("frequency", "frequency", RegistryAnswer.None, u => u.Frequency, (u, v) => u with { Frequency = (string?)v }, IntakeFieldType.Text),
        Key("statute", IntakeItemKinds.UseOrProvision, IntakeKeyType.Object, "法令の根拠", i => ((UseOrProvisionItem)i).Statute,
            (i, _) => (UseOrProvisionItem)i with { Statute = new LawReference() }),
        Use("statute.applies", "statute.applies", RegistryAnswer.None, u => u.Statute?.Applies,
            (u, v) => u with { Statute = (u.Statute ?? new LawReference()) with { Applies = (bool?)v } }),
        Use("statute.kind", "statute.kind", RegistryAnswer.None, u => u.Statute?.Kind,
            (u, v) => u with { Statute = (u.Statute ?? new LawReference()) with { Kind = (string?)v } }, IntakeFieldType.Text),
        Use("statute.name", "statute.name", RegistryAnswer.None, u => u.Statute?.Name,
            (u, v) => u with { Statute = (u.Statute ?? new LawReference()) with { Name = (string?)v } }, IntakeFieldType.Text),
        Use("consent", "consent", RegistryAnswer.None, u => u.Consent, (u, v) => u with { Consent = (bool?)v }),
        Use("consent_to_foreign_provision", "consent.foreign_provision", RegistryAnswer.None, u => u.ConsentToForeignProvision,
            (u, v) => u with { ConsentToForeignProvision = (bool?)v }),
        Use("requested_by_recipient", "recipient.requested", RegistryAnswer.None, u => u.RequestedByRecipient, (u, v) => u with { RequestedByRecipient = (bool?)v }),
        Use("person_unable_to_express_will", "person.unable_to_express_will", RegistryAnswer.None, u => u.PersonUnableToExpressWill,
            (u, v) => u with { PersonUnableToExpressWill = (bool?)v }),
        Use("rights_infringement_risk", "rights.infringement_risk", RegistryAnswer.None, u => u.RightsInfringementRisk,
            (u, v) => u with { RightsInfringementRisk = (bool?)v }),
        Key("other_law_restriction", IntakeItemKinds.UseOrProvision, IntakeKeyType.Object, "制限する法令（applies: あるか、name: 名前）",
            i => ((UseOrProvisionItem)i).OtherLawRestriction, (i, _) => (UseOrProvisionItem)i with { OtherLawRestriction = new LawReference() }),
        Use("other_law_restriction.applies", "other_law.restricts", RegistryAnswer.Files, u => u.OtherLawRestriction?.Applies,
            (u, v) => u with { OtherLawRestriction = (u.OtherLawRestriction ?? new LawReference()) with { Applies = (bool?)v } }),
        Key("other_law_restriction.name", IntakeItemKinds.UseOrProvision, IntakeKeyType.Text, "名前", i => ((UseOrProvisionItem)i).OtherLawRestriction?.Name,
            (i, v) => (UseOrProvisionItem)i with { OtherLawRestriction = (((UseOrProvisionItem)i).OtherLawRestriction ?? new LawReference()) with { Name = (string?)v } }),

        Key("files", IntakeItemKinds.Outsourcing, IntakeKeyType.Texts, "委託で扱う個人情報ファイル", i => ((OutsourcingItem)i).Files,
            (i, v) => (OutsourcingItem)i with { Files = (IReadOnlyList<string>)v! }),
        Outsourcing("contractor_kind", "contractor.kind", o => o.ContractorKind, (o, v) => o with { ContractorKind = (string?)v }, IntakeFieldType.Text),
        Key("tasks", IntakeItemKinds.Outsourcing, IntakeKeyType.Tasks, "委託する作業", i => ((OutsourcingItem)i).Tasks,
            (i, v) => (OutsourcingItem)i with { Tasks = (IReadOnlyList<OutsourcingTask>)v! }),
        Outsourcing("subcontracting", "outsourcing.subcontracting", o => o.Subcontracting, (o, v) => o with { Subcontracting = (bool?)v }),
        Outsourcing("subcontracting_approved", "outsourcing.subcontracting_approved", o => o.SubcontractingApproved,
            (o, v) => o with { SubcontractingApproved = (bool?)v }),
        Outsourcing("outside_japan", "outsourcing.outside_japan", o => o.OutsideJapan, (o, v) => o with { OutsideJapan = (bool?)v }),
        Outsourcing("standard_clauses", "outsourcing.standard_clauses", o => o.StandardClauses, (o, v) => o with { StandardClauses = (bool?)v }),

        Task("kind", "task.kind", t => t.Kind, (t, v) => t with { Kind = (string?)v }, IntakeFieldType.Text),
        Key(TaskPrefix + "description", IntakeItemKinds.Task, IntakeKeyType.Text, "内容", t => ((OutsourcingTask)t).Description,
            (t, v) => (OutsourcingTask)t with { Description = (string?)v }),
        Task("place", "task.place", t => t.Place, (t, v) => t with { Place = (string?)v }, IntakeFieldType.Text),
        Task("by_qualified_professionals", "task.qualified", t => t.ByQualifiedProfessionals, (t, v) => t with { ByQualifiedProfessionals = (bool?)v }),
    ];

    /// <summary>The fields of the C# model that give a fact (those of <see cref="Layout"/> with a <see cref="IntakeKey.Field"/>).</summary>
    public static readonly IReadOnlyList<IntakeField> Typed = [.. Layout.Select(k => k.Field).OfType<IntakeField>()];

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

    /// <summary>
    /// The keys of an item of this kind (<see cref="IntakeItemKinds.Task"/>: of a task) in case-file order, the fields the
    /// catalogues declare last; a sub-object's keys (<c>recipient.section</c>) are among them, after the sub-object.
    /// </summary>
    public static IReadOnlyList<IntakeKey> LayoutOf(IntakeItemKinds kind)
    {
        // Built again only when a catalogue declares a field: every item read or written asks for its layout.
        var all = All;
        if (Volatile.Read(ref _layouts) is not { } layouts || layouts.From != all)
        {
            var keys = Layout.Concat(all.Where(f => f.IsAnswer).Select(KeyOf)).ToList();
            IntakeKey[] Of(IntakeItemKinds k) =>
                [.. keys.Where(key => k == IntakeItemKinds.Task ? key.On == IntakeItemKinds.Task : key.On != IntakeItemKinds.Task && key.On.HasFlag(k))];
            layouts = new Layouts(all, Of(IntakeItemKinds.UseOrProvision), Of(IntakeItemKinds.Outsourcing), Of(IntakeItemKinds.Task));
            Volatile.Write(ref _layouts, layouts);
        }
        return kind switch
        {
            IntakeItemKinds.UseOrProvision => layouts.Use,
            IntakeItemKinds.Outsourcing => layouts.Outsourcing,
            IntakeItemKinds.Task => layouts.Task,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private sealed record Layouts(ImmutableArray<IntakeField> From, IntakeKey[] Use, IntakeKey[] Outsourcing, IntakeKey[] Task);

    private static Layouts? _layouts;

    /// <summary>The fields of an item of this kind, not its tasks'.</summary>
    public static IEnumerable<IntakeField> Of(IntakeItem item) => All.Where(f => f.On != IntakeItemKinds.Task && f.Fits(item));

    /// <summary>The fields of a task.</summary>
    public static IEnumerable<IntakeField> OfTask => All.Where(f => f.On == IntakeItemKinds.Task);

    /// <summary>
    /// Declares a field that a fact catalogue names (<c>field:</c>) and the C# model has no property for: its answers are kept in
    /// <see cref="IntakeItem.Answers"/> (<see cref="OutsourcingTask.Answers"/> for <c>tasks[].…</c>). The intake is read before its
    /// version is known, so the reader accepts the fields of every catalogue loaded; the version that judges the case refuses a
    /// field it does not declare. Declaring the same field again with the same fact and type is a no-op. With
    /// <paramref name="register"/> false it only says whether the declaration would be accepted (a rule set registers its
    /// fields once it is known to load).
    /// </summary>
    /// <returns>Null, or why the declaration is refused (Japanese).</returns>
    public static string? Declare(string path, string fact, IntakeItemKinds on, IntakeFieldType type, (string Fact, bool Value)? follows,
        bool register = true)
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
        if (Layout.FirstOrDefault(k => k.Field is null && k.Path == path) is { } structural)
        {
            return $"field「{path}」は申出の書式の項目「{structural.Path}」です。別のキーにしてください。";
        }
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
            if (!register || ImmutableInterlocked.InterlockedCompareExchange(ref _all, all.Add(field), all) == all)
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

    private static IntakeKey Key(string path, IntakeItemKinds on, IntakeKeyType type, string description, Func<object, object?> get,
        Func<object, object?, object> set) => new(path, on, type, get, set) { Description = description };

    private static IntakeKey KeyOf(IntakeField field) => new(field.Path, field.On, IntakeKeyType.Field, field.Get, field.Set) { Field = field };

    private static readonly object Yes = true, No = false;

    /// <summary>
    /// A yes or no as one of two shared boxes: a yes/no field reads as one (the engine reads every field of every item it
    /// screens, and a box per answer was a good part of what building an item's facts allocated).
    /// </summary>
    public static object Boxed(bool value) => value ? Yes : No;

    private static object? Boxed(bool? value) => value is { } flag ? Boxed(flag) : null;

    // A yes/no field: the overloads below take its getter as it is typed, and box what it reads as the shared boxes.
    private static IntakeKey Item(string path, string fact, RegistryAnswer registry, Func<IntakeItem, bool?> get,
        Func<IntakeItem, object?, IntakeItem> set) =>
        Item(path, fact, registry, i => Boxed(get(i)), set);

    private static IntakeKey Use(string path, string fact, RegistryAnswer registry, Func<UseOrProvisionItem, bool?> get,
        Func<UseOrProvisionItem, object?, UseOrProvisionItem> set) =>
        Use(path, fact, registry, u => Boxed(get(u)), set);

    private static IntakeKey Outsourcing(string path, string fact, Func<OutsourcingItem, bool?> get,
        Func<OutsourcingItem, object?, OutsourcingItem> set) =>
        Outsourcing(path, fact, o => Boxed(get(o)), set);

    private static IntakeKey Task(string key, string fact, Func<OutsourcingTask, bool?> get,
        Func<OutsourcingTask, object?, OutsourcingTask> set) =>
        Task(key, fact, t => Boxed(get(t)), set);

    private static IntakeKey Item(string path, string fact, RegistryAnswer registry, Func<IntakeItem, object?> get,
        Func<IntakeItem, object?, IntakeItem> set, IntakeFieldType type = IntakeFieldType.Bool) =>
        KeyOf(new(path, fact, IntakeItemKinds.Items, type, registry, h => get((IntakeItem)h), (h, v) => set((IntakeItem)h, v)));

    private static IntakeKey Use(string path, string fact, RegistryAnswer registry, Func<UseOrProvisionItem, object?> get,
        Func<UseOrProvisionItem, object?, UseOrProvisionItem> set, IntakeFieldType type = IntakeFieldType.Bool) =>
        KeyOf(new(path, fact, IntakeItemKinds.UseOrProvision, type, registry, h => get((UseOrProvisionItem)h), (h, v) => set((UseOrProvisionItem)h, v)));

    private static IntakeKey Outsourcing(string path, string fact, Func<OutsourcingItem, object?> get,
        Func<OutsourcingItem, object?, OutsourcingItem> set, IntakeFieldType type = IntakeFieldType.Bool) =>
        KeyOf(new(path, fact, IntakeItemKinds.Outsourcing, type, RegistryAnswer.None, h => get((OutsourcingItem)h), (h, v) => set((OutsourcingItem)h, v)));

    private static IntakeKey Task(string key, string fact, Func<OutsourcingTask, object?> get,
        Func<OutsourcingTask, object?, OutsourcingTask> set, IntakeFieldType type = IntakeFieldType.Bool) =>
        KeyOf(new(TaskPrefix + key, fact, IntakeItemKinds.Task, type, RegistryAnswer.None, h => get((OutsourcingTask)h), (h, v) => set((OutsourcingTask)h, v)));
}
