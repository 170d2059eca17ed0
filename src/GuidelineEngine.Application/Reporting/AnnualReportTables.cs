using System.Globalization;

namespace GuidelineEngine.Application.Reporting;

/// <summary>A cell of a report table: text, or a number (written as a number in the workbook).</summary>
public sealed record ReportCell(string Text, long? Number = null)
{
    public static implicit operator ReportCell(string text) => new(text);
    public static implicit operator ReportCell(int number) => new(number.ToString(CultureInfo.InvariantCulture), number);
}

/// <summary>One table of the report as every format shows it: a title, headings, rows and notes (Japanese).</summary>
/// <param name="SheetName">The worksheet's name in the workbook (at most 31 characters, none of []:*?/\).</param>
public sealed record ReportTable(
    string Title, string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportCell>> Rows, IReadOnlyList<string> Notes);

/// <summary>The report's tables, in order; the Markdown, CSV and workbook writers all render these.</summary>
public static class AnnualReportTables
{
    /// <summary>The report's title: 令和6年度 個人情報の利活用の状況について.</summary>
    public static string Title(AnnualReportData data) => $"{data.FiscalYearLabel} 個人情報の利活用の状況について";

    /// <summary>The line under the title: what the report counts and over which dates.</summary>
    public static string Subtitle(AnnualReportData data) =>
        $"協議記録からの集計（対象: {Date(data.From)}〜{Date(data.To)}）";

    public static IReadOnlyList<ReportTable> Of(AnnualReportData data)
    {
        var tables = new List<ReportTable>
        {
            Consultations(data),
            Files(data),
            UseOrProvisionListing(data),
            OutsourcingListing(data),
            Provisions(data),
        };
        if (data.Published is not null)
        {
            tables.Add(Comparison(data));
        }
        tables.Add(new ReportTable("注記", "注記", ["注記"], data.Notes.Select(n => (IReadOnlyList<ReportCell>)[n]).ToList(), []));
        return tables;
    }

    private static ReportTable Consultations(AnnualReportData data)
    {
        var c = data.Consultations;
        var covered = c.Total > 0 && c.UnderGuideline == c.Total ? "※ 全件がガイドラインに該当。" : "";
        covered += $"情報公開課の確定{N(c.CoveredByOffice)}件";
        if (c.CoveredByEngine > 0)
        {
            covered += $"、確定前でエンジンの判定による{N(c.CoveredByEngine)}件";
        }
        var committee = c.CommitteeCases == 0
            ? "運営委員会への審議案件はなし"
            : $"運営委員会の結果: 承認{N(c.CommitteeApproved)}件、不承認{N(c.CommitteeRejected)}件、"
                + (c.CommitteeWithdrawn > 0 ? $"取下げ{N(c.CommitteeWithdrawn)}件、" : "") + $"未記録{N(c.CommitteePending)}件";
        if (c.ReferredByEngine > 0)
        {
            committee += $"。ほかに確定前でエンジンが審議を要すると判定したもの{N(c.ReferredByEngine)}件（付議の数に含めない）";
        }
        var notPermitted = c.NotPermittedByEngine > 0 ? $"ほかに確定前でエンジンが不可と判定したもの{N(c.NotPermittedByEngine)}件（数に含めない）" : "";
        var rows = new List<IReadOnlyList<ReportCell>>
        {
            new ReportCell[] { "① 協議件数", c.Total, "協議記録の数" },
            new ReportCell[] { "うちガイドラインに該当", c.UnderGuideline, covered },
            new ReportCell[] { "運営委員会への審議案件（付議）", c.CommitteeCases, committee },
            new ReportCell[] { "不可", c.NotPermittedByOffice, notPermitted },
            new ReportCell[] { "情報公開課の確定前", c.Undecided, c.Undecided == 0 ? "なし" : "エンジンの判定で数えた" },
        };
        return new ReportTable($"情報公開課への協議実績（{data.FiscalYearLabel}）", "協議実績", ["項目", "件数", "内訳・注記"], rows, []);
    }

    private static ReportTable Files(AnnualReportData data)
    {
        var f = data.Files;
        var rows = new List<IReadOnlyList<ReportCell>>
        {
            new ReportCell[] { "目的外利用", f.Use, "同一行政機関内の利用（法第69条第2項第2号）" },
            new ReportCell[] { "目的外提供", f.Provision, "他の行政機関等への提供（法第69条第2項第3号・第4号）" },
        };
        if (f.Unknown > 0)
        {
            rows.Add(new ReportCell[] { "区分未確定", f.Unknown, "判定に区分がない項目" });
        }
        rows.Add(new ReportCell[] { "目的外利用・提供 小計", f.UseOrProvision, "" });
        rows.Add(new ReportCell[] { "業務委託", f.Outsourcing, "委託項目のファイル（法第66条第2項）" });
        rows.Add(new ReportCell[] { "合計", f.Total, "" });
        var notes = new List<string> { "ファイル数は別紙の行の数（同じファイルを複数の業務で使うときは、それぞれ数える）。" };
        if (data.Published is { Use: null } published)
        {
            notes.Add($"{AnnualReport.FiscalYearLabel(published.FiscalYear)}の公表資料は目的外利用・提供を合計（{N(published.UseOrProvision)}ファイル）でのみ示す。"
                + "目的外利用・目的外提供の内訳は判定の区分によるもので、資料に内訳はない。");
        }
        return new ReportTable($"新たに目的外利用・目的外提供・業務委託を行った個人情報ファイル数（{data.FiscalYearLabel}）", "ファイル数",
            ["区分", "ファイル数", "注記"], rows, notes);
    }

    private static ReportTable UseOrProvisionListing(AnnualReportData data) =>
        new("別紙 ○ 目的外利用および目的外提供", "別紙 目的外利用・提供",
            ["No", "ファイル利用等部課名", "利用業務・目的", "区分", "個人情報ファイル名", "ファイル保有部課名", "記録番号"],
            data.UseOrProvisionRows.Select(r => (IReadOnlyList<ReportCell>)new ReportCell[]
                { r.No, r.Section, r.Work, r.Kind.Label(), r.File, r.HoldingSection, r.RecordId }).ToList(),
            ["区分は判定の区分（目的外利用＝同一行政機関内、目的外提供＝行政機関を超える提供）。記録番号は協議記録の番号。"]);

    private static ReportTable OutsourcingListing(AnnualReportData data) =>
        new("別紙 ○ 業務委託", "別紙 業務委託",
            ["No", "ファイル利用等部課名", "利用業務・委託内容", "個人情報ファイル名", "記録番号"],
            data.OutsourcingRows.Select(r => (IReadOnlyList<ReportCell>)new ReportCell[]
                { r.No, r.Section, r.Work, r.File, r.RecordId }).ToList(),
            ["番号は目的外利用および目的外提供の表から続けて付した。"]);

    private static ReportTable Provisions(AnnualReportData data)
    {
        var p = data.Provisions;
        var ours = $"本報告（記録から、{data.FiscalYearLabel}）";
        var notes = new List<string>
        {
            "本報告の各号の数は、実施となった協議の項目を判定の根拠条項で数えたもの（1項目に1つの号）。"
                + "法令に基づく場合は、協議記録のうちエンジンが法令に基づくと判定した項目の数で、協議を経ない法令に基づく利用・提供は含まない。",
        };
        if (data.National is not { } national)
        {
            notes.Add("個人情報保護委員会の表（法69条2項各号の別）は、この年度と前年度のものが資料にない。");
            return new ReportTable($"法第69条第2項各号の別（{data.FiscalYearLabel}）", "法69条2項各号", ["区分", ours],
            [
                new ReportCell[] { "法令に基づく場合", p.BasedOnLaw },
                new ReportCell[] { "法69条２項に基づく場合", p.Article69Paragraph2 },
                new ReportCell[] { "２号（内部利用）", p.Item2 },
                new ReportCell[] { "３号（外部提供）", p.Item3 },
                new ReportCell[] { "４号（公益等）", p.Item4 },
            ], notes);
        }
        var nationalYear = AnnualReport.FiscalYearLabel(national.FiscalYear);
        notes.Add($"参考の列は、個人情報保護委員会の表「個人情報ファイルの目的外利用・提供の状況」の練馬区の行（{national.Source}）。"
            + "国の表は各号の別を複数該当ありで数える。");
        notes.Add($"資料は「{national.Caveat}」としている。本報告の数と参考の列は一致しない前提で示す。");
        if (national.FiscalYear != data.FiscalYear)
        {
            notes.Add($"参考の列は{nationalYear}の表で、本報告の年度（{data.FiscalYearLabel}）と異なる（資料に{data.FiscalYearLabel}の表はない）。");
        }
        return new ReportTable($"法第69条第2項各号の別（{data.FiscalYearLabel}）", "法69条2項各号",
            ["区分", ours, $"参考: 個人情報保護委員会公表（{nationalYear}、練馬区）"],
            [
                new ReportCell[] { "法令に基づく場合", p.BasedOnLaw, national.BasedOnLaw },
                new ReportCell[] { "法69条２項に基づく場合", p.Article69Paragraph2, national.Article69Paragraph2 },
                new ReportCell[] { "２号（内部利用）", p.Item2, national.Item2 },
                new ReportCell[] { "３号（外部提供）", p.Item3, national.Item3 },
                new ReportCell[] { "４号（公益等）", p.Item4, national.Item4 },
            ], notes);
    }

    private static ReportTable Comparison(AnnualReportData data)
    {
        var published = data.Published!;
        return new ReportTable($"公表値との照合（{AnnualReport.FiscalYearLabel(published.FiscalYear)}）", "公表値との照合",
            ["項目", "記録からの集計", "公表値", "照合", "注記"],
            data.Comparisons.Select(c => (IReadOnlyList<ReportCell>)new ReportCell[]
            {
                c.Item, c.Ours, c.Published is { } value ? (ReportCell)value : "—", c.ResultLabel, c.Note,
            }).ToList(),
            [$"公表値の出典: {published.Source}"]);
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) =>
        $"{date.Year.ToString(CultureInfo.InvariantCulture)}年{date.Month.ToString(CultureInfo.InvariantCulture)}月{date.Day.ToString(CultureInfo.InvariantCulture)}日";
}
