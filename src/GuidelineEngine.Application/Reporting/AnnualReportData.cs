namespace GuidelineEngine.Application.Reporting;

/// <summary>How a file was newly handled: the 区分 of the published 別紙.</summary>
public enum TransferKind
{
    /// <summary>目的外利用 (法69条2項2号, within the same 行政機関).</summary>
    Use,
    /// <summary>目的外提供 (法69条2項3号・4号, to another 行政機関 or outside the ward).</summary>
    Provision,
    /// <summary>業務委託 (法66条2項).</summary>
    Outsourcing,
    /// <summary>The decision gives no 区分 (e.g. information was missing when it was screened).</summary>
    Unknown,
}

/// <summary>The 区分 labels of the report.</summary>
public static class TransferKinds
{
    public static string Label(this TransferKind kind) => kind switch
    {
        TransferKind.Use => "目的外利用",
        TransferKind.Provision => "目的外提供",
        TransferKind.Outsourcing => "業務委託",
        TransferKind.Unknown => "区分未確定",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>
/// 情報公開課への協議実績: consultations (records) of the fiscal year and how they ended. Records the office has not
/// decided yet are counted by the engine's outcome, in the <c>…ByEngine</c> counts, and the report says so.
/// </summary>
public sealed record ConsultationCounts
{
    /// <summary>協議件数: every record of the fiscal year.</summary>
    public required int Total { get; init; }

    /// <summary>情報公開課 decided: falls under the guideline.</summary>
    public required int CoveredByOffice { get; init; }

    /// <summary>Not decided yet; the engine found the case covered.</summary>
    public required int CoveredByEngine { get; init; }

    /// <summary>情報公開課 referred it to the 運営委員会 (審議案件).</summary>
    public required int ReferredByOffice { get; init; }

    /// <summary>Not decided yet; the engine found no category (needs the committee's review).</summary>
    public required int ReferredByEngine { get; init; }

    /// <summary>情報公開課 decided: not permitted.</summary>
    public required int NotPermittedByOffice { get; init; }

    /// <summary>Not decided yet; the engine found it not permitted.</summary>
    public required int NotPermittedByEngine { get; init; }

    /// <summary>Not decided yet, with any other engine outcome (目的内, 法令に基づく, 本人同意, 情報不足).</summary>
    public required int OtherByEngine { get; init; }

    /// <summary>Records without an office decision (counted by the engine's outcome).</summary>
    public required int Undecided { get; init; }

    /// <summary>Decided records where the office's result differs from the engine's outcome (with a written reason).</summary>
    public required int OfficeDiffersFromEngine { get; init; }

    /// <summary>Referred records the committee approved.</summary>
    public required int CommitteeApproved { get; init; }

    /// <summary>Referred records the committee did not approve.</summary>
    public required int CommitteeRejected { get; init; }

    /// <summary>Referred records withdrawn before the committee judged them (取下げ): neither approved nor rejected.</summary>
    public required int CommitteeWithdrawn { get; init; }

    /// <summary>Referred records with no committee result yet.</summary>
    public required int CommitteePending { get; init; }

    /// <summary>ガイドラインに該当: decided covered, plus undecided records the engine found covered.</summary>
    public int UnderGuideline => CoveredByOffice + CoveredByEngine;

    /// <summary>運営委員会への審議案件: the records the office referred.</summary>
    public int CommitteeCases => ReferredByOffice;
}

/// <summary>新たに目的外利用・目的外提供・業務委託を行ったファイル数 (one per file and use, as the 別紙 rows).</summary>
public sealed record FileCounts(int Use, int Provision, int Outsourcing, int Unknown)
{
    /// <summary>目的外利用・提供 (the FY2023 report gives only this total).</summary>
    public int UseOrProvision => Use + Provision + Unknown;

    public int Total => UseOrProvision + Outsourcing;
}

/// <summary>
/// One row of the 別紙 「目的外利用および目的外提供」: ファイル利用等部課名 / 利用業務・目的 / 区分 / 個人情報ファイル名 /
/// ファイル保有部課名. <paramref name="No"/> numbers the rows of both 別紙 tables together, as the ward does.
/// </summary>
public sealed record UseOrProvisionRow(
    int No, string RecordId, string Section, string Work, TransferKind Kind, string File, string HoldingSection, string? Provision);

/// <summary>One row of the 別紙 「業務委託」: ファイル利用等部課名 / 利用業務・委託内容 / 個人情報ファイル名 (one row per file).</summary>
public sealed record OutsourcingRow(int No, string RecordId, string Section, string Work, string File);

/// <summary>
/// 法69条2項各号の別: items of the fiscal year's carried-out records by the provision the decision names, and the items
/// the engine found based on law (法69条1項).
/// </summary>
public sealed record ProvisionCounts(int Item2, int Item3, int Item4, int BasedOnLaw)
{
    /// <summary>法69条2項に基づく場合 (2号 + 3号 + 4号; each item has one provision).</summary>
    public int Article69Paragraph2 => Item2 + Item3 + Item4;
}

/// <summary>The annual report 「個人情報の利活用の状況について」 built from the consultation records of one fiscal year.</summary>
public sealed record AnnualReportData
{
    public required int FiscalYear { get; init; }

    /// <summary>The fiscal year as the ward writes it, e.g. 令和6年度.</summary>
    public required string FiscalYearLabel { get; init; }

    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }

    public required ConsultationCounts Consultations { get; init; }
    public required FileCounts Files { get; init; }

    /// <summary>別紙 「目的外利用および目的外提供」, in the order the records were submitted and their items written.</summary>
    public required IReadOnlyList<UseOrProvisionRow> UseOrProvisionRows { get; init; }

    /// <summary>別紙 「業務委託」, numbered on from the use and provision rows.</summary>
    public required IReadOnlyList<OutsourcingRow> OutsourcingRows { get; init; }

    public required ProvisionCounts Provisions { get; init; }

    /// <summary>The ward's published figures for the fiscal year, where a seed has them.</summary>
    public PublishedReport? Published { get; init; }

    /// <summary>The national table row (個人情報保護委員会) the report cites: the same fiscal year, else the latest before it.</summary>
    public NationalStatistics? National { get; init; }

    /// <summary>Every comparison with a published figure, matched or not.</summary>
    public required IReadOnlyList<FigureComparison> Comparisons { get; init; }

    /// <summary>Notes (注記) on how the report counts and where it cannot reproduce a published figure, in Japanese.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The comparisons whose figures differ from the published ones.</summary>
    public IEnumerable<FigureComparison> Mismatches => Comparisons.Where(c => c.Result == ComparisonResult.Differs);
}

public enum ComparisonResult
{
    Matches,
    Differs,
    /// <summary>The published report gives no such figure.</summary>
    NotPublished,
}

/// <summary>A figure of the report set against the published one.</summary>
public sealed record FigureComparison(string Item, int Ours, int? Published, ComparisonResult Result, string Note)
{
    public string ResultLabel => Result switch
    {
        ComparisonResult.Matches => "一致",
        ComparisonResult.Differs => "不一致",
        _ => "公表値なし",
    };
}
