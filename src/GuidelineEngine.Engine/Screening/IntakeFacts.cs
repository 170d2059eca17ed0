using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;

namespace GuidelineEngine.Engine.Screening;

/// <summary>
/// Turns an intake item into fact slots, looking up organs and files in the rule set's registries.
/// What the intake leaves out stays unknown, except where a registry of the version states it.
/// </summary>
public static class IntakeFacts
{
    /// <summary>The intake facts this adapter can fill: <c>item.kind</c> and the fact of every intake field (<see cref="IntakeFields"/>).</summary>
    public static IReadOnlySet<string> Provided => Index().Provided;

    /// <summary>
    /// The inverse direction: for each intake fact a department answers, the intake field that gives it (as a case file
    /// writes it; <c>tasks[].</c> for a task's field), from the declarations (<see cref="IntakeFields"/>). <c>item.kind</c> is
    /// the kind of the item itself, so it is not answered. <see cref="With"/> sets them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Fields => Index().Fields;

    /// <summary>Facts answered by a section name (部課名), whose organ the organ registry gives.</summary>
    public static IReadOnlySet<string> SectionFacts => Index().Sections;

    private sealed record FieldIndex(ImmutableArray<IntakeField> From, IReadOnlySet<string> Provided, IReadOnlyDictionary<string, string> Fields,
        IReadOnlySet<string> Sections);

    private static FieldIndex? _index;

    // Rebuilt only when a catalogue declares a field (the declarations grow as versions are loaded).
    private static FieldIndex Index()
    {
        var all = IntakeFields.All;
        if (Volatile.Read(ref _index) is { } index && index.From == all)
        {
            return index;
        }
        index = new FieldIndex(all, all.Select(f => f.Fact).Append("item.kind").ToHashSet(), all.ToDictionary(f => f.Fact, f => f.Path),
            all.Where(f => f.Registry == RegistryAnswer.Sections && f.Type == IntakeFieldType.Text && f.Fact != "recipient.kind").Select(f => f.Fact).ToHashSet());
        Volatile.Write(ref _index, index);
        return index;
    }

    /// <summary>
    /// The item with the intake field behind <paramref name="fact"/> set (the inverse of <see cref="Build"/>). The value is a
    /// bool, an enum code or text (a section name for <c>holder.organ</c> and <c>recipient.organ</c>, whose organ the
    /// registry gives), or a number; <paramref name="task"/> is the 0-based task of an outsourcing for a task fact.
    /// A follow-up that the new answer makes meaningless is dropped (the catalogue's <c>follows</c>), as is a recipient's
    /// section when the recipient is said to be outside the ward and its kind when a section of the ward is given, so the
    /// intake stays one the intake checks accept.
    /// </summary>
    /// <exception cref="ArgumentException">The fact has no intake field, or none on this kind of item, or the value has the wrong type.</exception>
    public static IntakeItem With(IntakeItem item, string fact, object value, int? task = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(value);
        var kindName = item is OutsourcingItem ? "業務の委託" : "目的外の利用・提供";
        var field = IntakeFields.OfFact(fact) ?? throw NoField(fact, kindName);
        object converted = field.Type switch
        {
            IntakeFieldType.Bool => Flag(fact, value),
            IntakeFieldType.Number => Number(fact, value),
            _ => Text(fact, value),
        };
        if (field.On == IntakeItemKinds.Task)
        {
            return item is OutsourcingItem outsourcing ? WithTask(outsourcing, field, converted, task) : throw NoField(fact, kindName);
        }
        if (!field.Fits(item))
        {
            throw NoField(fact, kindName);
        }
        var answered = (IntakeItem)field.Set(item, converted);
        answered = converted is bool flag ? IntakeFields.DropFollowUps(answered, fact, flag) : answered;
        return answered switch
        {
            UseOrProvisionItem use => Consistent(use, fact, converted),
            OutsourcingItem outsourcing when fact == "outsourcing.subcontracting" && Equals(converted, false) =>
                outsourcing with { SubcontractingApproved = null },
            _ => answered,
        };
    }

    // What a new answer makes meaningless in the C# model's own fields: the recipient's section or kind, the statute's details,
    // the consent to provision abroad.
    private static UseOrProvisionItem Consistent(UseOrProvisionItem use, string fact, object value) => fact switch
    {
        "recipient.organ" => use with { Recipient = use.Recipient! with { Kind = use.Recipient.Kind is "ward_organ" or "ward_council" ? use.Recipient.Kind : null } },
        "recipient.kind" when value is not ("ward_organ" or "ward_council") => use with { Recipient = use.Recipient! with { Section = null } },
        "statute.applies" when Equals(value, false) => use with { Statute = new LawReference { Applies = false } },
        "consent" when Equals(value, false) => use with { ConsentToForeignProvision = null },
        _ => use,
    };

    private static OutsourcingItem WithTask(OutsourcingItem outsourcing, IntakeField field, object value, int? task)
    {
        if (task is not { } t || t < 0 || t >= outsourcing.Tasks.Count)
        {
            throw new ArgumentException($"事実「{field.Fact}」は委託する作業ごとの事実です。作業の番号（1〜{outsourcing.Tasks.Count}）を指定してください。", nameof(task));
        }
        var tasks = outsourcing.Tasks.ToList();
        tasks[t] = (OutsourcingTask)field.Set(tasks[t], value);
        return outsourcing with { Tasks = tasks };
    }

    private static bool Flag(string fact, object value) =>
        value as bool? ?? throw new ArgumentException($"事実「{fact}」の値は「はい」か「いいえ」です（与えられた値: {value}）。", nameof(value));

    private static string Text(string fact, object value) =>
        value is string s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : throw new ArgumentException($"事実「{fact}」の値は空でない文字列です（与えられた値: {value}）。", nameof(value));

    private static int Number(string fact, object value) => value switch
    {
        int i => i,
        decimal d when d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        _ => throw new ArgumentException($"事実「{fact}」の値は整数です（与えられた値: {value}）。", nameof(value)),
    };

    private static ArgumentException NoField(string fact, string itemKind) =>
        new($"事実「{fact}」に当たる申出の項目は、{itemKind}の申出にはありません。", nameof(fact));

    private static readonly string[] MyNumberWords = ["個人番号", "マイナンバー"];

    /// <param name="rules">The compiled version, with its registries.</param>
    /// <param name="item">The item to turn into facts.</param>
    public static (object?[] Item, List<object?[]> Tasks) Build(CompiledRuleSet rules, IntakeItem item)
    {
        var layout = rules.Layout;
        var frame = new object?[layout.ItemSlots];

        // A field the department answers is the fact as written (blank text is no answer); the registries' fields below.
        var slots = SlotsOf(layout);
        foreach (var (field, slot) in item is OutsourcingItem ? slots.OutsourcingAnswered : slots.UseAnswered)
        {
            if (Answer(field, item) is { } value)
            {
                frame[slot] = Slotted(value);
            }
        }

        var registry = rules.Definition;
        var named = slots.Named;
        Set(frame, named.Children, item.ConcernsChildren);
        Set(frame, named.DvOrAbuseVictims, item.ConcernsDvOrAbuseVictims);
        var known = KnownFiles(item, registry.Files);
        Set(frame, named.MyNumber, MyNumber(item, known));
        Set(frame, named.SpecialCare, SpecialCare(item, known));
        // A flag the registry records for the file is raised even if the department says otherwise: the stricter answer wins.
        if (known.Any(static f => f?.Subjects.Contains("children") == true))
        {
            Set(frame, named.Children, true);
        }
        if (known.Any(static f => f?.Subjects.Contains("dv_or_abuse_victims") == true))
        {
            Set(frame, named.DvOrAbuseVictims, true);
        }

        var tasks = new List<object?[]>();
        switch (item)
        {
            case UseOrProvisionItem use:
                Set(frame, named.Kind, "use_or_provision");
                FillUse(use, known.Length > 0 ? known[0] : null, registry, frame, named);
                break;
            case OutsourcingItem outsourcing:
                Set(frame, named.Kind, "outsourcing");
                foreach (var task in outsourcing.Tasks)
                {
                    tasks.Add(TaskFrame(layout, slots, task));
                }
                break;
        }
        return (frame, tasks);
    }

    private static void Set(object?[] frame, int slot, object? value)
    {
        if (value is not null && slot >= 0)
        {
            frame[slot] = Slotted(value);
        }
    }

    // A yes or no goes into its slot as one of the shared boxes, without boxing it first.
    private static void Set(object?[] frame, int slot, bool? value)
    {
        if (value is { } flag && slot >= 0)
        {
            frame[slot] = IntakeFields.Boxed(flag);
        }
    }

    private static object? Answer(IntakeField field, object holder) =>
        field.Get(holder) is var value && value is string text && string.IsNullOrWhiteSpace(text) ? null : value;

    // The registry's entry for each file the item names (null for a file it does not list).
    private static FileDefinition?[] KnownFiles(IntakeItem item, FileRegistry files)
    {
        switch (item)
        {
            case UseOrProvisionItem { File: { } file }:
                return [files.Find(file)];
            case OutsourcingItem { Files.Count: > 0 } outsourcing:
                var known = new FileDefinition?[outsourcing.Files.Count];
                for (var f = 0; f < known.Length; f++)
                {
                    known[f] = files.Find(outsourcing.Files[f]);
                }
                return known;
            default:
                return [];
        }
    }

    private static void FillUse(UseOrProvisionItem use, FileDefinition? file, RuleSetDefinition registry, object?[] frame, NamedSlots named)
    {
        // Another law restricts when the department says so or the file registry lists one. The registry can only add a
        // restriction: that it names none says only that the sources name none, so "no" must come from the department.
        var restricted = use.OtherLawRestriction?.Applies == true || file?.RestrictedBy.Count > 0
            ? true
            : use.OtherLawRestriction?.Applies;
        Set(frame, named.OtherLawRestricts, restricted);

        var holder = use.HoldingSection ?? file?.Holder;
        Set(frame, named.HolderOrgan, holder is null ? null : registry.Organs.Find(holder)?.Organ.Id);

        var recipient = use.Recipient;
        if (recipient?.Section is { } section && registry.Organs.Find(section) is { } placement)
        {
            Set(frame, named.RecipientOrgan, placement.Organ.Id);
            Set(frame, named.RecipientKind, placement.Organ.Kind == OrganKind.Council ? "ward_council" : "ward_organ");
        }
        else if (recipient is not null)
        {
            Set(frame, named.RecipientKind, recipient.Kind);
        }
        // As written, also for a section of the ward: the version derives where a recipient is, and refuses a contradiction.
        Set(frame, named.RecipientOutsideJapan, recipient?.OutsideJapan);
    }

    // The stricter answer wins: a data item or the registry naming the My Number outweighs a "no". As with other laws,
    // the registry can say a file holds the My Number, never that it does not.
    private static bool? MyNumber(IntakeItem item, FileDefinition?[] known) =>
        item.DataItems.Any(NamesMyNumber) || known.Any(static f => f?.MyNumber == true)
            ? true
            : item.IncludesMyNumber ?? AllSay(known, static f => f.MyNumber);

    private static bool NamesMyNumber(string dataItem)
    {
        foreach (var word in MyNumberWords)
        {
            if (dataItem.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    // As with the My Number: a registry "yes" outweighs the department's "no"; otherwise the department answers, else the
    // registry where it states "no" for every file. A file the sources say nothing about leaves the fact unknown.
    private static bool? SpecialCare(IntakeItem item, FileDefinition?[] known) =>
        known.Any(static f => f?.SpecialCare == true) ? true : item.IncludesSpecialCare ?? AllSay(known, static f => f.SpecialCare);

    private static bool? AllSay(FileDefinition?[] known, Func<FileDefinition, bool?> says) =>
        known.Length > 0 && known.All(f => f is not null && says(f) == false) ? false : null;

    private static object?[] TaskFrame(FactLayout layout, FieldSlots slots, OutsourcingTask task)
    {
        var frame = new object?[layout.TaskSlots];
        foreach (var (field, slot) in slots.Task)
        {
            if (Answer(field, task) is { } value)
            {
                frame[slot] = value is bool b ? IntakeFields.Boxed(b) : value;
            }
        }
        return frame;
    }

    // A number is a decimal in the frame, and every yes and no one of the two shared boxes.
    private static object Slotted(object value) => value switch
    {
        int i => (decimal)i,
        bool b => IntakeFields.Boxed(b),
        _ => value,
    };

    // Where the fields a department answers, and the facts filled in above, put their facts in a layout: resolved once per
    // layout (and set of declared fields), not looked up by fact name for every item.
    // The answered fields are split by the kind of item they fit, so that an item does not test each field's kind.
    private sealed record FieldSlots(ImmutableArray<IntakeField> From, (IntakeField Field, int Slot)[] UseAnswered,
        (IntakeField Field, int Slot)[] OutsourcingAnswered, (IntakeField Field, int Slot)[] Task, NamedSlots Named);

    // The slot of each fact the adapter sets itself (-1 for a fact the version does not have: it is not set).
    private sealed class NamedSlots(FactLayout layout)
    {
        public int Children { get; } = Slot(layout, "subjects.children");
        public int DvOrAbuseVictims { get; } = Slot(layout, "subjects.dv_or_abuse_victims");
        public int MyNumber { get; } = Slot(layout, "data.my_number");
        public int SpecialCare { get; } = Slot(layout, "file.special_care");
        public int Kind { get; } = Slot(layout, "item.kind");
        public int OtherLawRestricts { get; } = Slot(layout, "other_law.restricts");
        public int HolderOrgan { get; } = Slot(layout, "holder.organ");
        public int RecipientOrgan { get; } = Slot(layout, "recipient.organ");
        public int RecipientKind { get; } = Slot(layout, "recipient.kind");
        public int RecipientOutsideJapan { get; } = Slot(layout, "recipient.outside_japan");

        private static int Slot(FactLayout layout, string fact) => layout.TrySlot(fact, out var slot) ? slot : -1;
    }

    private static readonly ConditionalWeakTable<FactLayout, FieldSlots> Resolved = [];

    private static FieldSlots SlotsOf(FactLayout layout)
    {
        var all = IntakeFields.All;
        if (Resolved.TryGetValue(layout, out var slots) && slots.From == all)
        {
            return slots;
        }
        (IntakeField, int)[] InLayout(Func<IntakeField, bool> which) =>
            [.. all.Where(f => which(f) && layout.Contains(f.Fact)).Select(f => (f, layout[f.Fact].Slot))];
        slots = new FieldSlots(all,
            InLayout(f => f.Registry == RegistryAnswer.None && (f.On & IntakeItemKinds.UseOrProvision) != 0),
            InLayout(f => f.Registry == RegistryAnswer.None && (f.On & IntakeItemKinds.Outsourcing) != 0),
            InLayout(f => f.On == IntakeItemKinds.Task),
            new NamedSlots(layout));
        Resolved.AddOrUpdate(layout, slots);
        return slots;
    }
}
