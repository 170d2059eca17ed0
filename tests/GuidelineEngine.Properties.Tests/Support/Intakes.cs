using FsCheck;
using FsCheck.Fluent;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Properties.Tests;

/// <summary>A generated intake; a failing property prints it as the case file (JSON) that reproduces the failure.</summary>
public sealed record GeneratedCase(CaseIntake Intake)
{
    public override string ToString() => IntakeWriter.ToJson(Intake, indented: true);
}

/// <summary>
/// The arbitrary case intakes the properties run over: three in four judged by nerima/2023-04, one in four by
/// nerima/pre-2023 (by its date or by naming it). A failing intake shrinks to a smaller valid one: fewer items and
/// tasks, facts left unknown, short texts.
/// </summary>
internal static class Intakes
{
    private static readonly Lazy<Gen<CaseIntake>> Generated = new(() => Both(FreeText.Full));

    public static Gen<CaseIntake> All => Generated.Value;

    /// <summary>Intakes whose free text may hold any Unicode scalar value.</summary>
    public static Arbitrary<GeneratedCase> Any => Arb.From(All.Select(i => new GeneratedCase(i)), Shrink);

    private static Gen<CaseIntake> Both(FreeText text) => Gen.Frequency(
        (3, new IntakeGenerator(Engines.Version(Engines.Current), text).Intake),
        (1, new IntakeGenerator(Engines.Version(Engines.PreAct), text).Intake));

    /// <summary>
    /// What the intake checks say about an intake, as <c>guideline screen</c> runs them: field checks, then the
    /// registries and catalogue of the version that will judge it. Every recipient section counts as written.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Problems(CaseIntake intake)
    {
        var (rules, _) = Engines.Screener.Select(intake);
        var written = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
        for (var i = 0; i < intake.Items.Count; i++)
        {
            if (intake.Items[i] is UseOrProvisionItem { Recipient.Section: not null })
            {
                written[$"items[{i}].recipient.section"] = new SourceMark("generated", 1, 1);
            }
        }
        return IntakeChecker.Check(new IntakeDocument(intake, "generated", written), rules.Definition);
    }

    // Cheap shrinks only, each kept when it is still a valid intake.
    private static IEnumerable<GeneratedCase> Shrink(GeneratedCase generated) =>
        Candidates(generated.Intake).Where(c => Problems(c).Count == 0).Select(c => new GeneratedCase(c));

    private static IEnumerable<CaseIntake> Candidates(CaseIntake intake)
    {
        for (var i = 0; i < intake.Items.Count && intake.Items.Count > 1; i++)
        {
            yield return intake with { Items = [.. intake.Items.Take(i), .. intake.Items.Skip(i + 1)] };
        }
        if (intake.Id is not null)
        {
            yield return intake with { Id = null };
        }
        if (intake.Title is not null)
        {
            yield return intake with { Title = null };
        }
        for (var i = 0; i < intake.Items.Count; i++)
        {
            foreach (var smaller in ShrinkItem(intake.Items[i]))
            {
                yield return intake with { Items = [.. intake.Items.Take(i), smaller, .. intake.Items.Skip(i + 1)] };
            }
        }
    }

    private const string ShortText = "目的";

    private static IEnumerable<IntakeItem> ShrinkItem(IntakeItem item)
    {
        if (item.Id is not null)
        {
            yield return item with { Id = null };
        }
        if (item.DataItems.Count > 0)
        {
            yield return item with { DataItems = [] };
        }
        if (item.ClaimedCategories.Count > 0)
        {
            yield return item with { ClaimedCategories = [] };
        }
        if (item.IncludesMyNumber is not null)
        {
            yield return item with { IncludesMyNumber = null };
        }
        if (item.Persons is not null)
        {
            yield return item with { Persons = null };
        }
        if (item.ConcernsChildren is not null)
        {
            yield return item with { ConcernsChildren = null };
        }
        if (item.ConcernsDvOrAbuseVictims is not null)
        {
            yield return item with { ConcernsDvOrAbuseVictims = null };
        }
        var specific = item switch
        {
            UseOrProvisionItem use => ShrinkUse(use),
            OutsourcingItem outsourcing => ShrinkOutsourcing(outsourcing),
            _ => [],
        };
        foreach (var smaller in specific)
        {
            yield return smaller;
        }
    }

    private static IEnumerable<IntakeItem> ShrinkUse(UseOrProvisionItem use)
    {
        if (use.Purpose != ShortText)
        {
            yield return use with { Purpose = ShortText };
        }
        // A file the registry does not know keeps its holding section (IntakeChecker).
        if (use.HoldingSection is not null && use.File?.StartsWith(IntakeGenerator.UnregisteredPrefix, StringComparison.Ordinal) != true)
        {
            yield return use with { HoldingSection = null };
        }
        if (use.Recipient is { Name: not null } or { OutsideJapan: not null })
        {
            yield return use with { Recipient = use.Recipient with { Name = null, OutsideJapan = null } };
        }
        if (use.PurposeKind is not null)
        {
            yield return use with { PurposeKind = null };
        }
        if (use.WithinRegisteredPurpose is not null)
        {
            yield return use with { WithinRegisteredPurpose = null };
        }
        if (use.Frequency is not null)
        {
            yield return use with { Frequency = null };
        }
        if (use.Statute is not null)
        {
            yield return use with { Statute = null };
        }
        if (use.Consent is not null)
        {
            yield return use with { Consent = null };
        }
        if (use.RequestedByRecipient is not null)
        {
            yield return use with { RequestedByRecipient = null };
        }
        if (use.PersonUnableToExpressWill is not null)
        {
            yield return use with { PersonUnableToExpressWill = null };
        }
        if (use.RightsInfringementRisk is not null)
        {
            yield return use with { RightsInfringementRisk = null };
        }
        if (use.OtherLawRestriction is not null)
        {
            yield return use with { OtherLawRestriction = null };
        }
    }

    private static IEnumerable<IntakeItem> ShrinkOutsourcing(OutsourcingItem outsourcing)
    {
        if (outsourcing.Files.Count > 1)
        {
            yield return outsourcing with { Files = [outsourcing.Files[0]] };
        }
        for (var t = 0; t < outsourcing.Tasks.Count; t++)
        {
            yield return outsourcing with { Tasks = [.. outsourcing.Tasks.Take(t), .. outsourcing.Tasks.Skip(t + 1)] };
        }
        for (var t = 0; t < outsourcing.Tasks.Count; t++)
        {
            var task = outsourcing.Tasks[t];
            var simpler = new OutsourcingTask { Kind = task.Kind, Description = ShortText };
            if (task != simpler)
            {
                yield return outsourcing with { Tasks = [.. outsourcing.Tasks.Take(t), simpler, .. outsourcing.Tasks.Skip(t + 1)] };
            }
        }
        if (outsourcing.ContractorKind is not null)
        {
            yield return outsourcing with { ContractorKind = null };
        }
        if (outsourcing.Subcontracting is not null)
        {
            // The approval follows its trigger.
            yield return outsourcing with { Subcontracting = null, SubcontractingApproved = null };
        }
        if (outsourcing.SubcontractingApproved is not null)
        {
            yield return outsourcing with { SubcontractingApproved = null };
        }
        if (outsourcing.OutsideJapan is not null)
        {
            yield return outsourcing with { OutsideJapan = null };
        }
        if (outsourcing.StandardClauses is not null)
        {
            yield return outsourcing with { StandardClauses = null };
        }
    }
}
