using GuidelineEngine.Domain.Intake;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// Builds case intakes as a department fills them in. The use and provision builders state every
/// exception of 法69条 as not applying, so a test changes only the fact it is about.
/// </summary>
internal static class Intakes
{
    /// <summary>A day in FY2023, under nerima/2023-04.</summary>
    public static readonly DateOnly FiscalYear2023 = new(2023, 10, 1);

    public static CaseIntake Case(params IntakeItem[] items) => On(FiscalYear2023, items);

    /// <summary>The case is proposed by the section that uses the first item's information, as departments do.</summary>
    public static CaseIntake On(DateOnly date, params IntakeItem[] items) => new()
    {
        Date = date,
        ProposingSection = items.OfType<UseOrProvisionItem>().FirstOrDefault()?.Recipient?.Section,
        Items = items,
    };

    /// <summary>A ward section uses (or, across organs, receives) a file for a purpose outside its registered one.</summary>
    public static UseOrProvisionItem UseBy(string section, string file, string purposeKind) =>
        Settled(file, new Recipient { Section = section }, purposeKind);

    /// <summary>
    /// 教育振興部学務課 checks a subsidy requirement in 教育振興部's own 就学援助申請者ファイル (seed 000, 学校給食費補助):
    /// a use under 法69条2項2号 that 別表1 No.1 covers.
    /// </summary>
    public static UseOrProvisionItem SchoolAidCheck => UseBy(Ward.SchoolAffairsSection, Ward.SchoolAidFile, "eligibility_check");

    /// <summary>A file is provided to a body outside the ward (kind from the fact catalogue, recipient.kind).</summary>
    public static UseOrProvisionItem ProvideTo(string recipientKind, string file, string purposeKind) =>
        Settled(file, new Recipient { Kind = recipientKind, OutsideJapan = false }, purposeKind);

    /// <summary>An outsourcing of the evacuation file with standard clauses, in Japan, not subcontracted.</summary>
    public static OutsourcingItem Outsourcing(params OutsourcingTask[] tasks) => new()
    {
        Files = [Ward.EvacuationFile],
        ContractorKind = "private_company",
        Tasks = tasks,
        Subcontracting = false,
        OutsideJapan = false,
        StandardClauses = true,
    };

    /// <summary>The same provision, to a recipient outside Japan (法71条).</summary>
    public static UseOrProvisionItem Abroad(this UseOrProvisionItem item) =>
        item with { Recipient = (item.Recipient ?? new Recipient()) with { OutsideJapan = true } };

    public static OutsourcingTask Task(string kind, string? place = null) => new() { Kind = kind, Place = place };

    private static UseOrProvisionItem Settled(string file, Recipient recipient, string purposeKind) => new()
    {
        File = file,
        Recipient = recipient,
        PurposeKind = purposeKind,
        WithinRegisteredPurpose = false,
        Statute = new LawReference { Applies = false },
        Consent = false,
        RightsInfringementRisk = false,
        OtherLawRestriction = new LawReference { Applies = false },
        IncludesMyNumber = false,
    };
}
