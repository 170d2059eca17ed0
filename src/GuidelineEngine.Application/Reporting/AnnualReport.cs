using System.Globalization;
using System.Text;
using System.Text.Json;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Rules.Intake;

namespace GuidelineEngine.Application.Reporting;

/// <summary>
/// Builds the annual report 「個人情報の利活用の状況について」 from consultation records: what the ward publishes
/// (seeds <c>000_…</c> for 令和5年度 and <c>001_…</c> for 令和6年度), counted from what each record holds — the intake
/// as submitted, the engine's decision JSON and the office's decision.
/// </summary>
/// <remarks>
/// How it counts:
/// <list type="bullet">
/// <item>A record belongs to the fiscal year its case date falls in, else its submission date (in Japan time).</item>
/// <item>協議件数 is every such record. ガイドライン該当 / 運営委員会付議 / 不可 follow the office's decision; a record the office
/// has not decided is counted by the engine's outcome, in separate counts, and the report says how many.</item>
/// <item>A record is carried out (実施) when the office decided it covered, when the committee approved a referred record
/// (<c>approved</c> or <c>approved_with_conditions</c>; in old free-text entries, 承認), or — undecided — when the engine found it covered. The files and the 別紙 come from the
/// items of carried-out records only, leaving out items the engine found within the purpose, based on law or consented
/// (they need no consultation).</item>
/// <item>目的外利用 / 目的外提供 come from the item's <c>transfer</c> code in the decision JSON (else its <c>provision</c>);
/// 業務委託 counts the files of the outsourcing items. One row and one file per file and use, as the 別紙 does: a file used
/// by two works counts twice.</item>
/// <item>法69条2項 2号/3号/4号 counts the same items by the decision's <c>provision</c> code; 法令に基づく場合 counts the year's
/// items the engine found based on law.</item>
/// </list>
/// </remarks>
public static class AnnualReport
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private const string NotWritten = "（申出に記載なし）";

    /// <summary>The fiscal year a record is reported in: its case date's, else its submission date's (Japan time).</summary>
    public static int FiscalYearOf(ConsultationRecord record) =>
        FiscalYear.Of(record.CaseDate ?? DateOnly.FromDateTime(
            DateTimeOffset.Parse(record.SubmittedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToOffset(Jst).DateTime));

    /// <summary>The fiscal year as the ward writes it: 令和6年度, 令和元年度, 平成21年度.</summary>
    public static string FiscalYearLabel(int fiscalYear)
    {
        var (era, year) = fiscalYear >= 2019 ? ("令和", fiscalYear - 2018) : ("平成", fiscalYear - 1988);
        return year == 1 ? $"{era}元年度" : $"{era}{year.ToString(CultureInfo.InvariantCulture)}年度";
    }

    /// <summary>Builds the report of <paramref name="fiscalYear"/> from the records (any order; others years are left out).</summary>
    /// <param name="versions">The rule sets, to read records stored before codes (their labels); without them such items count as 区分未確定.</param>
    public static AnnualReportData Build(IEnumerable<ConsultationRecord> records, int fiscalYear, IReadOnlyList<RuleSetDefinition>? versions = null)
    {
        var ofYear = records
            .Where(r => FiscalYearOf(r) == fiscalYear)
            .OrderBy(r => r.Entries.Count > 0 ? r.Entries[0].Sequence : long.MaxValue)
            .ThenBy(r => r.SubmittedAt, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

        var tally = new Tally();
        var useRows = new List<(string RecordId, string Section, string Work, TransferKind Kind, string File, string Holder, string? Provision)>();
        var outsourcingRows = new List<(string RecordId, string Section, string Work, string File)>();
        foreach (var record in ofYear)
        {
            var carried = tally.Count(record);
            var intake = ReadIntake(record);
            var decisions = ReadDecisionItems(record, versions ?? []);
            for (var i = 0; i < intake.Items.Count; i++)
            {
                var item = intake.Items[i];
                var decision = i < decisions.Count ? decisions[i] : new DecisionItem(null, null, null);
                if (decision.Outcome == Outcome.BasedOnLaw)
                {
                    tally.BasedOnLaw++;
                }
                if (!carried)
                {
                    continue;
                }
                if (decision.Outcome is Outcome.NotOutOfPurpose or Outcome.BasedOnLaw or Outcome.ConsentOrToPerson)
                {
                    tally.LeftOutItems++;
                    continue;
                }
                var kind = Classify(decision, item);
                switch (item)
                {
                    case OutsourcingItem outsourcing:
                        var work = OutsourcingWork(intake, outsourcing);
                        var section = intake.ProposingSection ?? record.Section;
                        if (outsourcing.Files.Count == 0)
                        {
                            tally.OutsourcingWithoutFiles++;
                        }
                        foreach (var file in outsourcing.Files)
                        {
                            outsourcingRows.Add((record.Id, section, work, file));
                            tally.Outsourcing++;
                        }
                        break;
                    case UseOrProvisionItem use:
                        useRows.Add((record.Id, UserSection(intake, use, record), UseWork(intake, use), kind,
                            use.File ?? NotWritten, use.HoldingSection ?? NotWritten, decision.Provision));
                        tally.AddUse(kind, decision.Provision, use.HoldingSection is null);
                        break;
                }
            }
        }

        var number = 0;
        var listing = useRows.Select(r => new UseOrProvisionRow(++number, r.RecordId, r.Section, r.Work, r.Kind, r.File, r.Holder, r.Provision)).ToList();
        var outsourcingListing = outsourcingRows.Select(r => new OutsourcingRow(++number, r.RecordId, r.Section, r.Work, r.File)).ToList();
        var consultations = tally.Consultations(ofYear.Count);
        var files = new FileCounts(tally.Use, tally.Provision, tally.Outsourcing, tally.Unknown);
        var provisions = new ProvisionCounts(tally.Item2, tally.Item3, tally.Item4, tally.BasedOnLaw);
        var published = PublishedFigures.ReportFor(fiscalYear);
        var comparisons = published is null ? [] : Compare(consultations, files, published);
        var (from, to) = FiscalYear.Range(fiscalYear);
        var data = new AnnualReportData
        {
            FiscalYear = fiscalYear,
            FiscalYearLabel = FiscalYearLabel(fiscalYear),
            From = from,
            To = to,
            Consultations = consultations,
            Files = files,
            UseOrProvisionRows = listing,
            OutsourcingRows = outsourcingListing,
            Provisions = provisions,
            Published = published,
            National = PublishedFigures.NationalFor(fiscalYear),
            Comparisons = comparisons,
            Notes = [],
        };
        return data with { Notes = Notes(data, tally) };
    }

    private static CaseIntake ReadIntake(ConsultationRecord record)
    {
        try
        {
            return IntakeReader.ReadBytes(Encoding.UTF8.GetBytes(record.Intake), record.Id).Intake;
        }
        catch (Rules.Yaml.InputException e)
        {
            throw new InvalidOperationException($"記録 {record.Id} の申出を読めません: {string.Join(" / ", e.Diagnostics)}", e);
        }
    }

    private sealed record DecisionItem(Outcome? Outcome, string? Transfer, string? Provision);

    /// <summary>
    /// The decision's items in order (docs/decision-json.md): one per intake item, with <c>transfer</c> and <c>provision</c>
    /// as codes. Records stored before codes hold the labels of the version that judged them: its catalogue maps them back.
    /// </summary>
    private static List<DecisionItem> ReadDecisionItems(ConsultationRecord record, IReadOnlyList<RuleSetDefinition> versions)
    {
        var version = versions.FirstOrDefault(v => v.Version.Id == record.VersionId);
        string? Code(JsonElement item, string field, string fact) =>
            Text(item, field) is { } text && version?.Fact(fact) is { } definition ? definition.CodeOf(text) : Text(item, field);

        using var document = JsonDocument.Parse(record.Decision);
        if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return items.EnumerateArray().Select(item => new DecisionItem(
            Text(item, "outcome") is { } code && Outcomes.TryParse(code, out var outcome) ? outcome : null,
            Code(item, "transfer", "transfer"),
            Code(item, "provision", "legal.basis"))).ToList();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The 区分 of an item: from the code of <c>transfer</c>, else from the code of <c>legal.basis</c> (2号 use; 3号・4号
    /// provision; outsourcing), else from the intake (an outsourcing item).
    /// </summary>
    private static TransferKind Classify(DecisionItem decision, IntakeItem item)
    {
        switch (decision.Transfer)
        {
            case "outsourcing":
                return TransferKind.Outsourcing;
            case "use":
                return TransferKind.Use;
            case "provision":
                return TransferKind.Provision;
        }
        switch (ArticleItem(decision.Provision))
        {
            case 2:
                return TransferKind.Use;
            case 3 or 4:
                return TransferKind.Provision;
        }
        return decision.Provision == "outsourcing" || item is OutsourcingItem ? TransferKind.Outsourcing : TransferKind.Unknown;
    }

    /// <summary>2, 3 or 4 for the codes <c>item2</c>/<c>item3</c>/<c>item4</c> (法第69条第2項第2号/第3号/第4号); 0 for anything else.</summary>
    private static int ArticleItem(string? provision) => provision switch
    {
        "item2" => 2,
        "item3" => 3,
        "item4" => 4,
        _ => 0,
    };

    /// <summary>ファイル利用等部課名: the section that uses the file (the recipient within the ward, else the proposing section).</summary>
    private static string UserSection(CaseIntake intake, UseOrProvisionItem item, ConsultationRecord record) =>
        item.Recipient?.Section ?? intake.ProposingSection ?? record.Section;

    /// <summary>利用業務・目的 as the ward prints it: 【work】 purpose, and the recipient when it is outside the ward.</summary>
    private static string UseWork(CaseIntake intake, UseOrProvisionItem item)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(intake.Title))
        {
            parts.Add($"【{intake.Title}】");
        }
        if (!string.IsNullOrWhiteSpace(item.Purpose))
        {
            parts.Add(item.Purpose);
        }
        if (item.Recipient is { Section: null } recipient && (recipient.Name ?? recipient.Kind) is { } outside)
        {
            parts.Add($"（提供先: {outside}）");
        }
        return parts.Count == 0 ? NotWritten : string.Join(" ", parts);
    }

    /// <summary>
    /// 利用業務・委託内容: the work's title when it names every task; else 【title】 and the tasks (①②… when several), as the
    /// 令和5年度 別紙2 prints them.
    /// </summary>
    private static string OutsourcingWork(CaseIntake intake, OutsourcingItem item)
    {
        var title = intake.Title ?? "";
        var tasks = item.Tasks.Select(t => t.Description).OfType<string>().Where(d => d.Length > 0).ToList();
        if (tasks.All(d => title.Contains(d, StringComparison.Ordinal)))
        {
            return title.Length == 0 ? NotWritten : title;
        }
        var list = tasks.Count == 1 ? tasks[0] : string.Join(" ", tasks.Select((t, i) => $"{Circled(i + 1)}{t}"));
        return title.Length == 0 ? list : $"【{title}】 {list}";
    }

    private static string Circled(int n) => n is >= 1 and <= 20 ? ((char)('①' + n - 1)).ToString() : $"({n.ToString(CultureInfo.InvariantCulture)})";

    private static List<FigureComparison> Compare(ConsultationCounts consultations, FileCounts files, PublishedReport published)
    {
        static FigureComparison Item(string item, int ours, int? published, string note) =>
            new(item, ours, published, published is null ? ComparisonResult.NotPublished
                : ours == published ? ComparisonResult.Matches : ComparisonResult.Differs, note);

        var label = FiscalYearLabel(published.FiscalYear);
        return
        [
            Item("協議件数", consultations.Total, published.Consultations, "① 協議件数"),
            Item("ガイドラインに該当", consultations.UnderGuideline, published.UnderGuideline, "※ 全件がガイドラインに該当"),
            Item("運営委員会への審議案件", consultations.CommitteeCases, published.CommitteeCases, published.CommitteeSource),
            Item("ファイル数（合計）", files.Total, published.Files, "新たに目的外利用・提供等を行ったファイル数"),
            Item("目的外利用・提供", files.UseOrProvision, published.UseOrProvision, "【内訳】"),
            Item("目的外利用", files.Use, published.Use,
                published.Use is null ? $"{label}の資料は目的外利用・提供の合計だけを示し、内訳はない" : "【内訳】"),
            Item("目的外提供", files.Provision, published.Provision,
                published.Provision is null ? $"{label}の資料は目的外利用・提供の合計だけを示し、内訳はない" : "【内訳】"),
            Item("業務委託", files.Outsourcing, published.Outsourcing, "【内訳】"),
        ];
    }

    private static List<string> Notes(AnnualReportData data, Tally tally)
    {
        var c = data.Consultations;
        var notes = new List<string>
        {
            $"集計の対象: 案件の日付（なければ受付日、日本時間）が{data.FiscalYearLabel}（{Date(data.From)}〜{Date(data.To)}）に入る協議記録"
                + $"{N(c.Total)}件。",
        };
        notes.Add(c.Undecided == 0
            ? "協議件数の内訳は、すべて情報公開課の確定による。"
            : $"情報公開課の確定前の記録{N(c.Undecided)}件は、エンジンの判定で数えた（ガイドライン該当{N(c.CoveredByEngine)}件、"
                + $"審議が必要{N(c.ReferredByEngine)}件、不可{N(c.NotPermittedByEngine)}件、その他{N(c.OtherByEngine)}件）。");
        if (c.OfficeDiffersFromEngine > 0)
        {
            notes.Add($"情報公開課がエンジンの判定と異なる結論とした記録が{N(c.OfficeDiffersFromEngine)}件ある（理由は各記録に記載）。");
        }
        notes.Add("ファイル数と別紙は、実施となった協議（情報公開課がガイドライン該当と確定したもの、運営委員会が承認したもの、"
            + "確定前でエンジンがガイドライン該当と判定したもの）の項目から数えた。目的外利用・目的外提供の別は判定の区分による。"
            + "業務委託は委託項目のファイルの数。同じファイルを複数の業務で使うときは、それぞれ1ファイルと数える（別紙の1行）。");
        if (tally.LeftOutItems > 0)
        {
            notes.Add($"目的内の利用、法令に基づく利用・提供、本人同意によると判定された項目{N(tally.LeftOutItems)}件は、協議を要しないため、ファイル数と別紙に含めない。");
        }
        if (c.CommitteePending > 0)
        {
            notes.Add($"運営委員会の結果がまだ記録されていない付議案件{N(c.CommitteePending)}件の項目は、ファイル数と別紙に含めない。");
        }
        if (data.Files.Unknown > 0)
        {
            notes.Add($"判定に区分がない項目{N(data.Files.Unknown)}件（情報不足で判定されたものなど）は「区分未確定」とし、目的外利用・提供の小計に含めた。");
        }
        if (tally.HolderMissing > 0)
        {
            notes.Add($"保有部課名が申出に書かれていない行{N(tally.HolderMissing)}件は「{NotWritten}」とした。");
        }
        if (tally.OutsourcingWithoutFiles > 0)
        {
            notes.Add($"ファイル名が申出に書かれていない委託{N(tally.OutsourcingWithoutFiles)}件は、ファイル数にも別紙にも現れない。");
        }
        if (data.Published is { } published)
        {
            var label = FiscalYearLabel(published.FiscalYear);
            if (published.Use is null || published.Provision is null)
            {
                notes.Add($"{label}の公表資料は目的外利用・提供を合計（{N(published.UseOrProvision)}ファイル）でのみ示し、目的外利用と目的外提供の内訳を示していない。"
                    + $"本報告の内訳（目的外利用{N(data.Files.Use)}・目的外提供{N(data.Files.Provision)}）は判定の区分によるもので、資料とは照合できない。");
            }
            notes.Add(published.ListingNote);
            var mismatches = data.Mismatches.ToList();
            notes.Add(mismatches.Count == 0
                ? $"公表値（{published.Source}）と照合できる数はすべて一致した。"
                : $"公表値（{published.Source}）と一致しない数: "
                    + string.Join("、", mismatches.Select(m => $"{m.Item}（記録から{N(m.Ours)}、公表{N(m.Published!.Value)}）"))
                    + "。記録に載っていない協議があるか、記録の結論・区分が資料と異なるためで、記録ごとに確かめる必要がある。");
        }
        else
        {
            notes.Add($"{data.FiscalYearLabel}の公表値は資料にないため、照合していない。");
        }
        return notes;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) =>
        $"{date.Year.ToString(CultureInfo.InvariantCulture)}年{date.Month.ToString(CultureInfo.InvariantCulture)}月{date.Day.ToString(CultureInfo.InvariantCulture)}日";

    /// <summary>Running counts while the records are read.</summary>
    private sealed class Tally
    {
        private int _coveredByOffice, _coveredByEngine, _referredByOffice, _referredByEngine, _notPermittedByOffice,
            _notPermittedByEngine, _otherByEngine, _undecided, _differs, _approved, _rejected, _withdrawn, _pending;

        public int Use, Provision, Outsourcing, Unknown, Item2, Item3, Item4, BasedOnLaw, LeftOutItems, HolderMissing, OutsourcingWithoutFiles;

        public int CommitteePending => _pending;

        /// <summary>Counts a record's conclusion; true when it was carried out (its files count).</summary>
        public bool Count(ConsultationRecord record)
        {
            if (record.Office is { } office)
            {
                if (OfficeResults.Matching(record.EngineOutcome) != office.Result)
                {
                    _differs++;
                }
                switch (office.Result)
                {
                    case OfficeResult.Covered:
                        _coveredByOffice++;
                        return true;
                    case OfficeResult.Referred:
                        _referredByOffice++;
                        if (record.Committee is null)
                        {
                            _pending++;
                            return false;
                        }
                        if (Approved(record.Committee))
                        {
                            _approved++;
                            return true;
                        }
                        // A withdrawn proposal was never judged: it is not a rejection.
                        if (record.Committee.Result == CommitteeResult.Withdrawn)
                        {
                            _withdrawn++;
                            return false;
                        }
                        _rejected++;
                        return false;
                    default:
                        _notPermittedByOffice++;
                        return false;
                }
            }
            _undecided++;
            switch (record.EngineOutcome)
            {
                case Outcome.Covered:
                    _coveredByEngine++;
                    return true;
                case Outcome.NeedsReview:
                    _referredByEngine++;
                    return false;
                case Outcome.NotPermitted:
                    _notPermittedByEngine++;
                    return false;
                default:
                    _otherByEngine++;
                    return false;
            }
        }

        // Approved with conditions is carried out too; withdrawn is not. Old free text that names no result of the set is read
        // as before: 承認 without 不承認.
        private static bool Approved(CommitteeDecision committee) => committee.Result is { } result
            ? result is CommitteeResult.Approved or CommitteeResult.ApprovedWithConditions
            : committee.Recorded.Contains("承認", StringComparison.Ordinal) && !committee.Recorded.Contains("不承認", StringComparison.Ordinal);

        public void AddUse(TransferKind kind, string? provision, bool holderMissing)
        {
            switch (kind)
            {
                case TransferKind.Use:
                    Use++;
                    break;
                case TransferKind.Provision:
                    Provision++;
                    break;
                default:
                    Unknown++;
                    break;
            }
            switch (ArticleItem(provision))
            {
                case 2:
                    Item2++;
                    break;
                case 3:
                    Item3++;
                    break;
                case 4:
                    Item4++;
                    break;
            }
            if (holderMissing)
            {
                HolderMissing++;
            }
        }

        public ConsultationCounts Consultations(int total) => new()
        {
            Total = total,
            CoveredByOffice = _coveredByOffice,
            CoveredByEngine = _coveredByEngine,
            ReferredByOffice = _referredByOffice,
            ReferredByEngine = _referredByEngine,
            NotPermittedByOffice = _notPermittedByOffice,
            NotPermittedByEngine = _notPermittedByEngine,
            OtherByEngine = _otherByEngine,
            Undecided = _undecided,
            OfficeDiffersFromEngine = _differs,
            CommitteeApproved = _approved,
            CommitteeRejected = _rejected,
            CommitteeWithdrawn = _withdrawn,
            CommitteePending = _pending,
        };
    }
}
