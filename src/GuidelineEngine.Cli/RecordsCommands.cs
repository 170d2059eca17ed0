using GuidelineEngine.Domain.Model;
using System.CommandLine;
using System.Text;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Application.Screening;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Application.Replay;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Casebook;

namespace GuidelineEngine.Cli;

/// <summary><c>records …</c>: the consultation log — submit, take up, decide, list, verify, replay, impact, export, import.</summary>
internal static class RecordsCommands
{
    private const string Office = CasebookLoader.Office;

    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "記録番号（例: R7-0001）" };
        var actor = new Option<string>("--actor") { Description = "操作した人・課", DefaultValueFactory = _ => Office };
        var reason = new Option<string?>("--reason") { Description = "理由（エンジンの判定と異なる確定には必須）" };

        var caseFile = new Argument<string>("case-file") { Description = "申出のファイル" };
        var section = new Option<string?>("--section") { Description = "協議する課（既定: 申出の proposing_section）" };
        var submitter = new Option<string?>("--actor") { Description = "提出した人（既定: 協議する課）" };
        var submit = Command("submit", "申出を判定し、協議記録として受け付ける", context, caseFile, section, submitter);
        submit.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(caseFile)!;
            var ledger = Ledger(context, parse);
            var record = ledger.Submit(Rules.Intake.IntakeReader.ReadFileBytes(path), path, parse.GetValue(section), user: parse.GetValue(submitter));
            context.Output.WriteLine($"{record.Id}\t{ledger.Labels(record.VersionId).Outcome(record.EngineOutcome)}\t{record.VersionId}\t{record.VersionHash}");
            return ExitCodes.Proceed;
        }));

        var start = Command("start", "協議を始める（協議中）", context, id, actor);
        start.SetAction(parse => context.Guard(() =>
            Print(context, parse, ledger => ledger.Start(parse.GetValue(id)!, parse.GetValue(actor)!))));

        var result = new Option<string>("--result") { Description = "確定の結論: covered（該当）, referred（運営委員会へ）, not_permitted（不可）", Required = true };
        result.AcceptOnlyFromAmong("covered", "referred", "not_permitted");
        var decide = Command("decide", "情報公開課が確定する", context, id, result, reason, actor);
        decide.SetAction(parse => context.Guard(() =>
        {
            OfficeResults.TryParse(parse.GetValue(result)!, out var office);
            return Print(context, parse, ledger => ledger.Decide(parse.GetValue(id)!, office, parse.GetValue(reason), parse.GetValue(actor)!));
        }));

        var committeeResult = new Option<string>("--result") { Description = $"運営委員会の結果: {CommitteeResults.Codes}", Required = true };
        committeeResult.AcceptOnlyFromAmong([.. Enum.GetValues<CommitteeResult>().Select(r => r.Code())]);
        var committeeReason = new Option<string>("--reason") { Description = "委員会の意見・理由（条件付き承認なら条件）", Required = true };
        var committee = Command("committee", "運営委員会の結果を記録する", context, id, committeeResult, committeeReason, actor);
        committee.SetAction(parse => context.Guard(() =>
        {
            CommitteeResults.TryParse(parse.GetValue(committeeResult), out var decided);
            return Print(context, parse, ledger => ledger.RecordCommittee(parse.GetValue(id)!, decided, parse.GetValue(committeeReason)!, parse.GetValue(actor)!));
        }));

        var fiscalYear = new Option<int?>("--fiscal-year") { Description = "年度（例: 2024）" };
        var list = Command("list", "協議記録を一覧する", context, fiscalYear);
        list.SetAction(parse => context.Guard(() =>
        {
            foreach (var record in Ledger(context, parse).All().Where(r => parse.GetValue(fiscalYear) is not { } year || r.FiscalYear == year))
            {
                context.Output.WriteLine($"{record.Id}\t{ConsultationLedger.Label(record.Status)}\t{record.Section}\t{record.EngineOutcome.Code()}\t{record.Office?.Result.Code() ?? "-"}\t{record.VersionId}");
            }
            return ExitCodes.Proceed;
        }));

        var show = Command("show", "協議記録の内容（申出、判定、判断理由、確定）を示す", context, id);
        show.SetAction(parse => context.Guard(() => Print(context, parse, ledger => ledger.Get(parse.GetValue(id)!), withDecision: true)));

        var verify = Command("verify", "記録簿の鎖と、提出ごとの派生データを検証し、一致しない記録を示す", context);
        verify.SetAction(parse => context.Guard(() =>
        {
            using var store = context.OpenStore(parse, readOnly: true);
            var report = StoreVerifier.Verify(store);
            if (!report.Chain.Intact)
            {
                context.Error.WriteLine($"不一致（{report.Chain.Problem!.Kind}）: {report.Chain.Problem.Message}");
            }
            else
            {
                context.Output.WriteLine($"OK: {report.Chain.Entries} 件の記録の鎖が一致しました（{store.Description}）。");
                context.Output.WriteLine($"最後の記録のハッシュ: {report.Chain.LastHash}（別の場所に控えておくと、末尾の書き換えも確かめられます）");
            }
            foreach (var problem in report.Problems)
            {
                context.Error.WriteLine($"派生データの不一致（{problem.Field}）: {problem.Message}");
            }
            if (report.ProblemCount > report.Problems.Count)
            {
                context.Error.WriteLine($"派生データの不一致は、ほかに {report.ProblemCount - report.Problems.Count} 件あります。");
            }
            if (report.Chain.Intact && report.ProblemCount == 0)
            {
                context.Output.WriteLine($"派生データ: 提出 {report.Derived + report.Underived} 件のうち {report.Derived} 件が記録と一致しました。"
                    + (report.Underived > 0 ? $"派生データのない提出 {report.Underived} 件は、records impact が記録から作ります。" : ""));
            }
            return report.Intact ? ExitCodes.Proceed : ExitCodes.RecordsProblem;
        }));

        var replay = Command("replay", "記録した版で判定し直し、結論が同じことを確かめる", context, id);
        replay.SetAction(parse => context.Guard(() =>
        {
            var screener = Screener(context, parse);
            var outcome = new RecordReplay(screener).Replay(Ledger(context, parse, screener).Get(parse.GetValue(id)!));
            context.Output.WriteLine($"{outcome.Record.Id}: 版 {outcome.VersionId}（内容のハッシュ{(outcome.SameVersionHash ? "は記録時と同じ" : "が記録時と異なる")}）");
            context.Output.WriteLine($"  記録: {outcome.Recorded}");
            context.Output.WriteLine($"  再判定: {outcome.Now}");
            context.Output.WriteLine(outcome.Same ? "  同じ結論です。" : "  結論が異なります。");
            return outcome.Same && outcome.SameVersionHash ? ExitCodes.Proceed : ExitCodes.RecordsProblem;
        }));

        var target = new Option<string>("--rules-version") { Description = "影響を調べる規則の版", Required = true };
        var impact = Command("impact", "すべての記録と事例集をある版で判定し直し、結論・類型が変わるものを示す", context, target, context.RulesOption, context.CasebookOption);
        impact.SetAction(parse => context.Guard(() =>
        {
            var catalog = context.Catalog(parse);
            var screener = new CaseScreener(catalog.Versions);
            var cases = CasebookReader.ReadAll(context.CasebookRoot(parse), catalog.Versions);
            using var store = context.OpenStore(parse);
            Fill(context, store);
            // Printed as they come: the store is streamed, never held whole.
            var changes = 0;
            foreach (var change in new RecordReplay(screener).Impact(store, cases, parse.GetValue(target)!))
            {
                context.Output.WriteLine($"{change.Case}\t{change.Source}\t{change.Before} → {change.After}");
                changes++;
            }
            context.Output.WriteLine($"変わるもの: {changes} 件");
            return ExitCodes.Proceed;
        }));

        var output = new Option<string?>("--output") { Description = "書き出すファイル（既定: 標準出力）" };
        var export = Command("export", "記録簿を JSON lines で書き出す（鎖のハッシュごと）", context, output);
        export.SetAction(parse => context.Guard(() =>
        {
            using var store = context.OpenStore(parse, readOnly: true);
            using var writer = parse.GetValue(output) is { } path ? new StreamWriter(path, false, new UTF8Encoding(false)) : null;
            var count = JsonLines.Export(store, writer ?? context.Output);
            context.Error.WriteLine($"{count} 件を書き出しました。");
            return ExitCodes.Proceed;
        }));

        var input = new Argument<string>("file") { Description = "JSON lines のファイル" };
        var import = Command("import", "JSON lines を空の記録簿に取り込む（鎖を検証しながら）", context, input);
        import.SetAction(parse => context.Guard(() =>
        {
            using var store = context.OpenStore(parse);
            using var reader = new StreamReader(parse.GetValue(input)!, Encoding.UTF8);
            store.Import(JsonLines.Read(reader, parse.GetValue(input)!));
            context.Output.WriteLine($"取り込みました（{store.Description}）。");
            Fill(context, store);
            return ExitCodes.Proceed;
        }));

        var casebookDir = new Argument<string?>("dir") { Description = "事例集のフォルダ", Arity = ArgumentArity.ZeroOrOne };
        var load = Command("load-casebook", "事例集の実例（年度の協議）を協議記録として記録簿に入れる", context, casebookDir, context.RulesOption);
        load.SetAction(parse => context.Guard(() =>
        {
            var catalog = context.Catalog(parse);
            var screener = new CaseScreener(catalog.Versions);
            var cases = CasebookReader.ReadAll(context.CasebookRoot(parse, parse.GetValue(casebookDir)), catalog.Versions);
            var records = CasebookLoader.Load(Ledger(context, parse, screener), cases);
            context.Output.WriteLine($"{records.Count} 件の協議記録を入れました（{string.Join(", ", records.GroupBy(r => r.FiscalYear).Select(g => $"{g.Key}年度 {g.Count()} 件"))}）。");
            return ExitCodes.Proceed;
        }));

        return new Command("records", "協議記録（記録簿）")
        {
            submit, start, decide, committee, list, show, verify, replay, impact, export, import, load,
        };
    }

    private static Command Command(string name, string description, CliContext context, params Symbol[] symbols)
    {
        var command = context.StoreCommand(name, description, symbols);
        if (!command.Options.Contains(context.RulesOption))
        {
            command.Options.Add(context.RulesOption);
        }
        return command;
    }

    /// <summary>
    /// Makes the derived rows that submissions lack (a store made before they existed, or imported) from the payloads, and
    /// says so: impact reads only those rows, and must not skip a record.
    /// </summary>
    private static void Fill(CliContext context, IRecordStore store)
    {
        var filled = DerivedSubmissions.Fill(store, missing =>
            context.Error.WriteLine($"派生データのない提出が {missing} 件あります。記録から作ります（提出ごとに申出を読み直すため、件数が多いと数分かかります）。"));
        if (filled > 0)
        {
            context.Error.WriteLine($"提出 {filled} 件の派生データを記録から作りました。");
        }
    }

    private static CaseScreener Screener(CliContext context, ParseResult parse) => new(context.Catalog(parse).Versions);

    private static ConsultationLedger Ledger(CliContext context, ParseResult parse, CaseScreener? screener = null) =>
        context.Ledger(parse, new ConsultationScreening(screener ?? Screener(context, parse)));

    // The record's engine outcome is named in the version that judged it.
    private static int Print(CliContext context, ParseResult parse, Func<ConsultationLedger, ConsultationRecord> act, bool withDecision = false)
    {
        var ledger = Ledger(context, parse);
        var record = act(ledger);
        context.Output.WriteLine($"{record.Id}\t{ConsultationLedger.Label(record.Status)}\t{record.Section}\t判定: {ledger.Labels(record.VersionId).Outcome(record.EngineOutcome)}\t{record.VersionId} {record.VersionHash}");
        if (record.Office is { } office)
        {
            context.Output.WriteLine($"  確定: {office.Result.Label()}（{office.Actor} {office.At}）{(office.Reason is null ? "" : $" 理由: {office.Reason}")}");
        }
        if (record.Committee is { } committee)
        {
            context.Output.WriteLine($"  運営委員会: {committee.Label}（{committee.Actor} {committee.At}） {committee.Reason}");
        }
        if (withDecision)
        {
            context.Output.WriteLine();
            context.Output.WriteLine(record.Decision);
        }
        return ExitCodes.Proceed;
    }
}
