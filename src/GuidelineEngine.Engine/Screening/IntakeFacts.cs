using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Compilation;

namespace GuidelineEngine.Engine.Screening;

/// <summary>
/// Turns an intake item into fact slots, looking up organs and files in the rule set's registries.
/// What the intake leaves out stays unknown, except where a registry of the version states it.
/// </summary>
public static class IntakeFacts
{
    /// <summary>The intake facts this adapter can fill; a catalogue may declare no other intake fact.</summary>
    public static readonly IReadOnlySet<string> Provided = new HashSet<string>
    {
        "item.kind", "purpose.within_registered", "purpose.kind", "holder.organ", "recipient.organ", "recipient.kind",
        "recipient.outside_japan", "recipient.requested", "person.unable_to_express_will", "frequency", "persons",
        "statute.applies", "statute.kind", "statute.name", "consent", "consent.foreign_provision", "data.my_number", "file.special_care", "other_law.restricts",
        "rights.infringement_risk", "subjects.children", "subjects.dv_or_abuse_victims", "contractor.kind",
        "outsourcing.subcontracting", "outsourcing.subcontracting_approved", "outsourcing.outside_japan",
        "outsourcing.standard_clauses", "task.kind", "task.place", "task.qualified",
    };

    /// <summary>
    /// The inverse direction: for each intake fact a department answers, the intake field that gives it (as a case file
    /// writes it; <c>tasks[].</c> for a task's field). <c>item.kind</c> is the kind of the item itself, so it is not answered.
    /// <see cref="With"/> sets them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["purpose.within_registered"] = "within_registered_purpose",
        ["purpose.kind"] = "purpose_kind",
        ["holder.organ"] = "holding_section",
        ["recipient.organ"] = "recipient.section",
        ["recipient.kind"] = "recipient.kind",
        ["recipient.outside_japan"] = "recipient.outside_japan",
        ["recipient.requested"] = "requested_by_recipient",
        ["person.unable_to_express_will"] = "person_unable_to_express_will",
        ["frequency"] = "frequency",
        ["persons"] = "persons",
        ["statute.applies"] = "statute.applies",
        ["statute.kind"] = "statute.kind",
        ["statute.name"] = "statute.name",
        ["consent"] = "consent",
        ["consent.foreign_provision"] = "consent_to_foreign_provision",
        ["data.my_number"] = "includes_my_number",
        ["file.special_care"] = "includes_special_care",
        ["other_law.restricts"] = "other_law_restriction.applies",
        ["rights.infringement_risk"] = "rights_infringement_risk",
        ["subjects.children"] = "concerns_children",
        ["subjects.dv_or_abuse_victims"] = "concerns_dv_or_abuse_victims",
        ["contractor.kind"] = "contractor_kind",
        ["outsourcing.subcontracting"] = "subcontracting",
        ["outsourcing.subcontracting_approved"] = "subcontracting_approved",
        ["outsourcing.outside_japan"] = "outside_japan",
        ["outsourcing.standard_clauses"] = "standard_clauses",
        ["task.kind"] = "tasks[].kind",
        ["task.place"] = "tasks[].place",
        ["task.qualified"] = "tasks[].by_qualified_professionals",
    };

    /// <summary>Facts answered by a section name (部課名), whose organ the organ registry gives.</summary>
    public static readonly IReadOnlySet<string> SectionFacts = new HashSet<string> { "holder.organ", "recipient.organ" };

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
        switch (fact)
        {
            case "persons":
                return item with { Persons = Number(fact, value) };
            case "subjects.children":
                return item with { ConcernsChildren = Flag(fact, value) };
            case "subjects.dv_or_abuse_victims":
                return item with { ConcernsDvOrAbuseVictims = Flag(fact, value) };
            case "data.my_number":
                return item with { IncludesMyNumber = Flag(fact, value) };
            case "file.special_care":
                return item with { IncludesSpecialCare = Flag(fact, value) };
        }
        return item switch
        {
            UseOrProvisionItem use => WithUse(use, fact, value),
            OutsourcingItem outsourcing when fact.StartsWith("task.", StringComparison.Ordinal) => WithTask(outsourcing, fact, value, task),
            OutsourcingItem outsourcing => WithOutsourcing(outsourcing, fact, value),
            _ => throw NoField(fact),
        };
    }

    private static UseOrProvisionItem WithUse(UseOrProvisionItem use, string fact, object value)
    {
        var recipient = use.Recipient ?? new Recipient();
        return fact switch
        {
            "purpose.within_registered" => use with { WithinRegisteredPurpose = Flag(fact, value) },
            "purpose.kind" => use with { PurposeKind = Text(fact, value) },
            "holder.organ" => use with { HoldingSection = Text(fact, value) },
            "recipient.organ" => use with
            {
                Recipient = recipient with { Section = Text(fact, value), Kind = recipient.Kind is "ward_organ" or "ward_council" ? recipient.Kind : null },
            },
            "recipient.kind" => use with
            {
                Recipient = Text(fact, value) is var kind && kind is "ward_organ" or "ward_council"
                    ? recipient with { Kind = kind }
                    : recipient with { Kind = kind, Section = null },
            },
            "recipient.outside_japan" => use with { Recipient = recipient with { OutsideJapan = Flag(fact, value) } },
            "recipient.requested" => use with { RequestedByRecipient = Flag(fact, value) },
            "person.unable_to_express_will" => use with { PersonUnableToExpressWill = Flag(fact, value) },
            "frequency" => use with { Frequency = Text(fact, value) },
            "statute.applies" => use with
            {
                Statute = Flag(fact, value) is var applies && applies
                    ? (use.Statute ?? new LawReference()) with { Applies = true }
                    : new LawReference { Applies = false },
            },
            "statute.kind" => use with { Statute = (use.Statute ?? new LawReference()) with { Kind = Text(fact, value) } },
            "statute.name" => use with { Statute = (use.Statute ?? new LawReference()) with { Name = Text(fact, value) } },
            "consent" => Flag(fact, value)
                ? use with { Consent = true }
                : use with { Consent = false, ConsentToForeignProvision = null },
            "consent.foreign_provision" => use with { ConsentToForeignProvision = Flag(fact, value) },
            "other_law.restricts" => use with { OtherLawRestriction = (use.OtherLawRestriction ?? new LawReference()) with { Applies = Flag(fact, value) } },
            "rights.infringement_risk" => use with { RightsInfringementRisk = Flag(fact, value) },
            _ => throw NoField(fact, "目的外の利用・提供"),
        };
    }

    private static OutsourcingItem WithOutsourcing(OutsourcingItem outsourcing, string fact, object value) => fact switch
    {
        "contractor.kind" => outsourcing with { ContractorKind = Text(fact, value) },
        "outsourcing.subcontracting" => Flag(fact, value)
            ? outsourcing with { Subcontracting = true }
            : outsourcing with { Subcontracting = false, SubcontractingApproved = null },
        "outsourcing.subcontracting_approved" => outsourcing with { SubcontractingApproved = Flag(fact, value) },
        "outsourcing.outside_japan" => outsourcing with { OutsideJapan = Flag(fact, value) },
        "outsourcing.standard_clauses" => outsourcing with { StandardClauses = Flag(fact, value) },
        _ => throw NoField(fact, "業務の委託"),
    };

    private static OutsourcingItem WithTask(OutsourcingItem outsourcing, string fact, object value, int? task)
    {
        if (task is not { } t || t < 0 || t >= outsourcing.Tasks.Count)
        {
            throw new ArgumentException($"事実「{fact}」は委託する作業ごとの事実です。作業の番号（1〜{outsourcing.Tasks.Count}）を指定してください。", nameof(task));
        }
        var tasks = outsourcing.Tasks.ToList();
        tasks[t] = fact switch
        {
            "task.kind" => tasks[t] with { Kind = Text(fact, value) },
            "task.place" => tasks[t] with { Place = Text(fact, value) },
            "task.qualified" => tasks[t] with { ByQualifiedProfessionals = Flag(fact, value) },
            _ => throw NoField(fact, "委託する作業"),
        };
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

    private static ArgumentException NoField(string fact, string? itemKind = null) =>
        new(itemKind is null
            ? $"事実「{fact}」に当たる申出の項目はありません。"
            : $"事実「{fact}」に当たる申出の項目は、{itemKind}の申出にはありません。", nameof(fact));

    private static readonly string[] MyNumberWords = ["個人番号", "マイナンバー"];

    // Every yes and no in a frame is one of two boxes, not a new one per fact.
    private static readonly object Yes = true, No = false;

    private static object Boxed(bool value) => value ? Yes : No;

    /// <summary>Refuses a catalogue that declares an intake fact no intake field provides.</summary>
    public static void CheckCatalogue(RuleSetDefinition ruleSet)
    {
        foreach (var fact in ruleSet.Facts.Where(f => f.Source == FactSource.Intake && !Provided.Contains(f.Name)))
        {
            throw new RuleCompilationException(fact.Name, fact.Mark,
                new InvalidOperationException($"申出から得る事実「{fact.Name}」を埋める申出の項目がありません。"));
        }
    }

    /// <param name="rules">The compiled version, with its registries.</param>
    /// <param name="item">The item to turn into facts.</param>
    public static (object?[] Item, List<object?[]> Tasks) Build(CompiledRuleSet rules, IntakeItem item)
    {
        var layout = rules.Layout;
        var frame = new object?[layout.ItemSlots];
        void Set(string name, object? value)
        {
            if (value is not null && layout.TrySlot(name, out var slot))
            {
                frame[slot] = value switch
                {
                    int i => (decimal)i,
                    bool b => Boxed(b),
                    _ => value,
                };
            }
        }

        var registry = rules.Definition;
        Set("persons", item.Persons);
        Set("subjects.children", item.ConcernsChildren);
        Set("subjects.dv_or_abuse_victims", item.ConcernsDvOrAbuseVictims);
        var files = item switch
        {
            UseOrProvisionItem u when u.File is not null => [u.File],
            OutsourcingItem o => o.Files,
            _ => [],
        };
        var known = files.Select(registry.Files.Find).ToList();
        Set("data.my_number", MyNumber(item, known));
        Set("file.special_care", SpecialCare(item, known));
        // A flag the registry records for the file is raised even if the department says otherwise: the stricter answer wins.
        if (known.Any(f => f?.Subjects.Contains("children") == true))
        {
            Set("subjects.children", true);
        }
        if (known.Any(f => f?.Subjects.Contains("dv_or_abuse_victims") == true))
        {
            Set("subjects.dv_or_abuse_victims", true);
        }

        var tasks = new List<object?[]>();
        switch (item)
        {
            case UseOrProvisionItem use:
                Set("item.kind", "use_or_provision");
                FillUse(use, known.FirstOrDefault(), registry, Set);
                break;
            case OutsourcingItem outsourcing:
                Set("item.kind", "outsourcing");
                Set("contractor.kind", outsourcing.ContractorKind);
                Set("outsourcing.subcontracting", outsourcing.Subcontracting);
                Set("outsourcing.subcontracting_approved", outsourcing.SubcontractingApproved);
                Set("outsourcing.outside_japan", outsourcing.OutsideJapan);
                Set("outsourcing.standard_clauses", outsourcing.StandardClauses);
                tasks.AddRange(outsourcing.Tasks.Select(t => TaskFrame(layout, t)));
                break;
        }
        return (frame, tasks);
    }

    private static void FillUse(UseOrProvisionItem use, FileDefinition? file, RuleSetDefinition registry, Action<string, object?> set)
    {
        set("purpose.within_registered", use.WithinRegisteredPurpose);
        set("purpose.kind", use.PurposeKind);
        set("frequency", use.Frequency);
        set("statute.applies", use.Statute?.Applies);
        set("statute.name", string.IsNullOrWhiteSpace(use.Statute?.Name) ? null : use.Statute.Name);
        set("statute.kind", use.Statute?.Kind);
        set("consent", use.Consent);
        set("consent.foreign_provision", use.ConsentToForeignProvision);
        set("recipient.requested", use.RequestedByRecipient);
        set("person.unable_to_express_will", use.PersonUnableToExpressWill);
        set("rights.infringement_risk", use.RightsInfringementRisk);

        // Another law restricts when the department says so or the file registry lists one. The registry can only add a
        // restriction: that it names none says only that the sources name none, so "no" must come from the department.
        var restricted = use.OtherLawRestriction?.Applies == true || file?.RestrictedBy.Count > 0
            ? true
            : use.OtherLawRestriction?.Applies;
        set("other_law.restricts", restricted);

        var holder = use.HoldingSection ?? file?.Holder;
        set("holder.organ", holder is null ? null : registry.Organs.Find(holder)?.Organ.Id);

        var recipient = use.Recipient;
        if (recipient?.Section is { } section && registry.Organs.Find(section) is { } placement)
        {
            set("recipient.organ", placement.Organ.Id);
            set("recipient.kind", placement.Organ.Kind == OrganKind.Council ? "ward_council" : "ward_organ");
        }
        else if (recipient is not null)
        {
            set("recipient.kind", recipient.Kind);
        }
        // As written, also for a section of the ward: the version derives where a recipient is, and refuses a contradiction.
        set("recipient.outside_japan", recipient?.OutsideJapan);
    }

    // The stricter answer wins: a data item or the registry naming the My Number outweighs a "no". As with other laws,
    // the registry can say a file holds the My Number, never that it does not.
    private static object? MyNumber(IntakeItem item, List<FileDefinition?> known) =>
        item.DataItems.Any(d => MyNumberWords.Any(w => d.Contains(w, StringComparison.Ordinal))) || known.Any(f => f?.MyNumber == true)
            ? true
            : item.IncludesMyNumber ?? AllSay(known, f => f.MyNumber);

    // As with the My Number: a registry "yes" outweighs the department's "no"; otherwise the department answers, else the
    // registry where it states "no" for every file. A file the sources say nothing about leaves the fact unknown.
    private static object? SpecialCare(IntakeItem item, List<FileDefinition?> known) =>
        known.Any(f => f?.SpecialCare == true) ? true : item.IncludesSpecialCare ?? AllSay(known, f => f.SpecialCare);

    private static bool? AllSay(List<FileDefinition?> known, Func<FileDefinition, bool?> says) =>
        known.Count > 0 && known.All(f => f is not null && says(f) == false) ? false : null;

    private static object?[] TaskFrame(FactLayout layout, OutsourcingTask task)
    {
        var frame = new object?[layout.TaskSlots];
        void Set(string name, object? value)
        {
            if (value is not null && layout.TrySlot(name, out var slot))
            {
                frame[slot] = value is bool b ? Boxed(b) : value;
            }
        }
        Set("task.kind", task.Kind);
        Set("task.place", task.Place);
        Set("task.qualified", task.ByQualifiedProfessionals);
        return frame;
    }
}
