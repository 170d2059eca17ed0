using System.CommandLine;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Application.Precedents;
using GuidelineEngine.Application.Screening;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Cli;

/// <summary><c>screen</c>: decide cases, print the decisions, and optionally record them as consultations.</summary>
internal static class ScreenCommand
{
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "出力形式: text（日本語の報告）または json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var version = new Option<string?>("--rules-version") { Description = "日付によらず使う規則の版（例: nerima/pre-2023）" };
        var record = new Option<bool>("--record") { Description = "判定を協議記録として記録簿に残す（既定の記録簿: ./data/records.db）" };
        var files = new Argument<string[]>("case-file") { Description = "申出のファイル（YAML または JSON）", Arity = ArgumentArity.OneOrMore };
        var command = new Command("screen", "申出を判定し、結論と判断理由と類似事例を示す")
        {
            files, format, version, record, context.RulesOption, context.CasebookOption, context.DataOption,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var catalog = context.Catalog(parse);
            var casebookRoot = context.CasebookRoot(parse);
            // The casebook (類似事例) is read on another core while the case is read and its version compiled: a cold
            // start takes the longer of the two, not their sum. It is waited for before anything is printed, so its
            // messages and errors come first.
            var casebook = Task.Run(() => CasebookCommands.PrecedentCases(catalog, casebookRoot, context.Error));
            try
            {
                var screening = new ConsultationScreening(new CaseScreener(catalog.Versions), new PrecedentIndex(casebook));
                var ledger = parse.GetValue(record) ? context.Ledger(parse, screening) : null;
                return Screen(parse.GetValue(files)!, parse.GetValue(format)!, parse.GetValue(version), screening, ledger, context, casebook);
            }
            finally
            {
                casebook.GetAwaiter().GetResult();
            }
        }));
        return command;
    }

    private static int Screen(string[] files, string format, string? version, ConsultationScreening screening, ConsultationLedger? ledger,
        CliContext context, Task casebookRead)
    {
        var decisions = new List<CaseDecision>();
        var exit = ExitCodes.Proceed;
        foreach (var file in files)
        {
            try
            {
                CaseDecision decision;
                try
                {
                    decision = ledger is null ? Decide(file, version, screening) : Record(file, version, ledger, context);
                }
                finally
                {
                    casebookRead.GetAwaiter().GetResult();
                }
                decisions.Add(decision);
                exit = Math.Max(exit, ExitCodes.Of(decision.Outcome));
                if (format == "text")
                {
                    context.Output.WriteLine(TextReport.Render(decision, screening.Labels(decision.VersionId)));
                }
            }
            catch (InputException e)
            {
                e.Diagnostics.ToList().ForEach(d => context.Error.WriteLine(d));
                exit = Math.Max(exit, ExitCodes.InputError);
            }
            catch (ScreeningException e)
            {
                context.Error.WriteLine($"{DisplayPath.Of(file)}: {e.Message}");
                exit = Math.Max(exit, ExitCodes.InputError);
            }
        }
        if (format == "json")
        {
            context.Output.WriteLine(files.Length == 1 && decisions.Count == 1 ? JsonReport.Render(decisions[0]) : JsonReport.Render(decisions));
        }
        // An input error must not hide behind a lower outcome code, nor a stricter outcome behind it.
        return exit;
    }

    private static CaseDecision Decide(string file, string? version, ConsultationScreening screening)
    {
        var document = IntakeReader.ReadFile(file);
        IntakeAdmission.Admit(document, screening.Screener, version);
        return screening.Screen(document.Intake, version);
    }

    private static CaseDecision Record(string file, string? version, ConsultationLedger ledger, CliContext context)
    {
        var record = ledger.Submit(IntakeReader.ReadFileBytes(file), DisplayPath.Of(file), versionId: version);
        context.Error.WriteLine($"協議記録 {record.Id} として記録しました（{ledger.Store.Description}）。");
        return System.Text.Json.JsonSerializer.Deserialize<CaseDecision>(record.Decision, JsonReport.Options)!;
    }
}
