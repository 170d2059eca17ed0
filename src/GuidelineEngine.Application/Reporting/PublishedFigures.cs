using System.Text.Json;

namespace GuidelineEngine.Application.Reporting;

/// <summary>
/// The figures of the ward's published 「個人情報の利活用の状況について」 for one fiscal year, as the seed prints them.
/// A null figure is one the publication does not give.
/// </summary>
public sealed record PublishedReport
{
    public required int FiscalYear { get; init; }

    /// <summary>The publication (seed file and section).</summary>
    public required string Source { get; init; }

    /// <summary>① 協議件数.</summary>
    public required int Consultations { get; init; }

    /// <summary>※ 全件がガイドラインに該当.</summary>
    public required int UnderGuideline { get; init; }

    /// <summary>運営委員会での審議案件.</summary>
    public required int CommitteeCases { get; init; }

    /// <summary>Where the committee figure comes from (stated, or read from 「全件がガイドラインに該当」).</summary>
    public required string CommitteeSource { get; init; }

    /// <summary>新たに目的外利用・提供等を行ったファイル数.</summary>
    public required int Files { get; init; }

    /// <summary>目的外利用・提供 together.</summary>
    public required int UseOrProvision { get; init; }

    public int? Use { get; init; }
    public int? Provision { get; init; }
    public required int Outsourcing { get; init; }

    /// <summary>What the published 別紙 lets the report check, and what it does not (Japanese).</summary>
    public required string ListingNote { get; init; }
}

/// <summary>
/// 練馬区's row of the national table 「個人情報ファイルの目的外利用・提供の状況」 (個人情報保護委員会
/// 「個人情報保護法の施行の状況について（地方公共団体の機関）」, as extracted in seed <c>001_…</c> 資料3).
/// The columns may overlap (複数該当あり).
/// </summary>
public sealed record NationalStatistics
{
    public required int FiscalYear { get; init; }
    public required string Source { get; init; }

    /// <summary>法令に基づく場合.</summary>
    public required int BasedOnLaw { get; init; }

    /// <summary>法69条２項に基づく場合.</summary>
    public required int Article69Paragraph2 { get; init; }

    /// <summary>２号（内部利用）.</summary>
    public required int Item2 { get; init; }

    /// <summary>３号（外部提供）.</summary>
    public required int Item3 { get; init; }

    /// <summary>４号（公益等）.</summary>
    public required int Item4 { get; init; }

    /// <summary>The seed's own warning, quoted.</summary>
    public required string Caveat { get; init; }
}

/// <summary>
/// The published figures the seeds hold, read from <c>casebook/published-figures.json</c> (each with its seed file and
/// section), which is built into this assembly: they are data beside the casebook they are checked against, not code.
/// </summary>
public static class PublishedFigures
{
    private const string Resource = "GuidelineEngine.Application.published-figures.json";

    private sealed record FiguresFile(IReadOnlyList<PublishedReport> Reports, IReadOnlyList<NationalStatistics> National);

    private static readonly Lazy<FiguresFile> File = new(Read);

    public static IReadOnlyList<PublishedReport> Reports => File.Value.Reports;

    public static IReadOnlyList<NationalStatistics> National => File.Value.National;

    /// <summary>Reads the figures; the file is part of the build, so a malformed one fails loudly rather than dropping the comparison.</summary>
    private static FiguresFile Read()
    {
        using var stream = typeof(PublishedFigures).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not built into {typeof(PublishedFigures).Assembly.GetName().Name}.");
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
        };
        return JsonSerializer.Deserialize<FiguresFile>(stream, options)
            ?? throw new InvalidOperationException($"{Resource} is empty.");
    }

    public static PublishedReport? ReportFor(int fiscalYear) => Reports.FirstOrDefault(r => r.FiscalYear == fiscalYear);

    /// <summary>
    /// The national row of the fiscal year, else of the year before (the national figures come out a year late: the ward's
    /// FY2024 papers cite FY2023's); null when the seeds have neither.
    /// </summary>
    public static NationalStatistics? NationalFor(int fiscalYear) =>
        National.Where(n => n.FiscalYear == fiscalYear || n.FiscalYear == fiscalYear - 1).MaxBy(n => n.FiscalYear);
}
