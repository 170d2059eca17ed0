namespace GuidelineEngine.Records.Reporting;

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

/// <summary>The published figures the seeds hold; the report compares its own counts with them.</summary>
public static class PublishedFigures
{
    private const string Seed2023 = "000_4ddf9eee692eaf36.txt";
    private const string Seed2024 = "001_432322869203f666.txt";

    /// <summary>The seed's sentence on the national table (資料3), quoted verbatim.</summary>
    public const string NationalCaveat = "区の令和５年度運用状況とは集計方法が異なるため、件数等は一致しない。";

    public static IReadOnlyList<PublishedReport> Reports { get; } =
    [
        new PublishedReport
        {
            FiscalYear = 2023,
            Source = $"{Seed2023}「令和5年度 個人情報の利活用の状況について」（令和6年6月 総務部情報公開課）",
            Consultations = 19,
            UnderGuideline = 19,
            CommitteeCases = 0,
            CommitteeSource = "「運営委員会への審議案件はなし」",
            Files = 111,
            UseOrProvision = 109,
            Outsourcing = 2,
            ListingNote = "令和5年度の別紙2は部署名を部の単位で示し、区分（目的外利用・目的外提供）の列を持たない。"
                + "本報告の別紙は令和6年度の様式（ファイル利用等部課名・利用業務・目的・区分・個人情報ファイル名・ファイル保有部課名）で示し、"
                + "区分は判定の区分による。",
        },
        new PublishedReport
        {
            FiscalYear = 2024,
            Source = $"{Seed2024} 資料2「令和６年度 個人情報の利活用の状況について」（令和７年６月 総務部情報公開課）",
            Consultations = 19,
            UnderGuideline = 19,
            CommitteeCases = 0,
            CommitteeSource = "審議実績の記載はなく、「全件がガイドラインに該当」からの読み",
            Files = 55,
            UseOrProvision = 43,
            Use = 27,
            Provision = 16,
            Outsourcing = 12,
            ListingNote = "令和6年度の別紙は、区分（目的外利用・目的外提供）の印字が資料の本文（PDFから抽出したもの）で行から離れており、"
                + "行ごとの区分は資料から確かめられない。本報告の別紙の区分は判定の区分で、資料と照合できるのは内訳の合計"
                + "（目的外利用27・目的外提供16）である。",
        },
    ];

    public static IReadOnlyList<NationalStatistics> National { get; } =
    [
        new NationalStatistics
        {
            FiscalYear = 2023,
            Source = $"{Seed2024} 資料3「令和５年度における個人情報保護法の施行の状況について（地方公共団体の機関）抜粋版」"
                + "「個人情報ファイルの目的外利用・提供の状況」練馬区の行",
            BasedOnLaw = 38,
            Article69Paragraph2 = 26,
            Item2 = 18,
            Item3 = 11,
            Item4 = 1,
            Caveat = NationalCaveat,
        },
    ];

    public static PublishedReport? ReportFor(int fiscalYear) => Reports.FirstOrDefault(r => r.FiscalYear == fiscalYear);

    /// <summary>
    /// The national row of the fiscal year, else of the year before (the national figures come out a year late: the ward's
    /// FY2024 papers cite FY2023's); null when the seeds have neither.
    /// </summary>
    public static NationalStatistics? NationalFor(int fiscalYear) =>
        National.Where(n => n.FiscalYear == fiscalYear || n.FiscalYear == fiscalYear - 1).MaxBy(n => n.FiscalYear);
}
