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
        "statute.applies", "statute.name", "consent", "data.my_number", "file.special_care", "other_law.restricts",
        "rights.infringement_risk", "subjects.children", "subjects.dv_or_abuse_victims", "contractor.kind",
        "outsourcing.subcontracting", "outsourcing.subcontracting_approved", "outsourcing.outside_japan",
        "outsourcing.standard_clauses", "task.kind", "task.place", "task.qualified",
    };

    private static readonly string[] MyNumberWords = ["個人番号", "マイナンバー"];

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
    /// <param name="proposingSection">The section that proposes the case: when it is itself the recipient, it asked for the information.</param>
    public static (object?[] Item, List<object?[]> Tasks) Build(CompiledRuleSet rules, IntakeItem item, string? proposingSection = null)
    {
        var layout = rules.Layout;
        var frame = new object?[layout.ItemSlots];
        void Set(string name, object? value)
        {
            if (value is not null && layout.Contains(name))
            {
                frame[layout[name].Slot] = value is int i ? (decimal)i : value;
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
        var allRegistered = files.Count > 0 && known.All(f => f is not null);
        Set("data.my_number", MyNumber(item, known));
        Set("file.special_care", known.Any(f => f?.SpecialCare == true) ? true : allRegistered ? false : null);
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
                FillUse(use, known.FirstOrDefault(), registry, proposingSection, Set);
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

    private static void FillUse(UseOrProvisionItem use, FileDefinition? file, RuleSetDefinition registry, string? proposingSection, Action<string, object?> set)
    {
        set("purpose.within_registered", use.WithinRegisteredPurpose);
        set("purpose.kind", use.PurposeKind);
        set("frequency", use.Frequency);
        set("statute.applies", use.Statute?.Applies);
        set("statute.name", string.IsNullOrWhiteSpace(use.Statute?.Name) ? null : use.Statute.Name);
        set("consent", use.Consent);
        var recipientProposes = use.Recipient?.Section is { } user && proposingSection is not null && NameKey.Of(user) == NameKey.Of(proposingSection);
        set("recipient.requested", use.RequestedByRecipient ?? (recipientProposes ? true : null));
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
            set("recipient.outside_japan", false);
        }
        else if (recipient is not null)
        {
            set("recipient.kind", recipient.Kind);
            set("recipient.outside_japan", recipient.OutsideJapan);
        }
    }

    // The stricter answer wins: a data item or the registry naming the My Number outweighs a "no". As with other laws,
    // the registry can say a file holds the My Number, never that it does not.
    private static object? MyNumber(IntakeItem item, List<FileDefinition?> known) =>
        item.DataItems.Any(d => MyNumberWords.Any(w => d.Contains(w, StringComparison.Ordinal))) || known.Any(f => f?.MyNumber == true)
            ? true
            : item.IncludesMyNumber;

    private static object?[] TaskFrame(FactLayout layout, OutsourcingTask task)
    {
        var frame = new object?[layout.TaskSlots];
        void Set(string name, object? value)
        {
            if (value is not null && layout.Contains(name))
            {
                frame[layout[name].Slot] = value;
            }
        }
        Set("task.kind", task.Kind);
        Set("task.place", task.Place);
        Set("task.qualified", task.ByQualifiedProfessionals);
        return frame;
    }
}
