using System.CommandLine;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Application.Reporting;

namespace GuidelineEngine.Cli;

/// <summary><c>report --fiscal-year Y</c>: the tables the ward publishes on its use of personal information, from the records.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var year = new Option<int>("--fiscal-year") { Description = "年度（例: 2024 は令和6年度）", Required = true };
        var format = new Option<string>("--format") { Description = "markdown, csv または xlsx", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "csv", "xlsx");
        var output = new Option<string?>("--output") { Description = "書き出すファイル（xlsx では必須。既定: 標準出力）" };
        var command = new Command("report", "個人情報の利活用の状況（年度の協議実績と別紙）を記録簿から作る")
        {
            year, format, output, context.DataOption, context.RulesOption,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var kind = Enum.Parse<ReportFormat>(parse.GetValue(format)!, ignoreCase: true);
            var path = parse.GetValue(output);
            if (kind == ReportFormat.Xlsx && path is null)
            {
                context.Error.WriteLine("xlsx は --output でファイルを指定してください。");
                return ExitCodes.InputError;
            }
            using var store = context.OpenStore(parse, readOnly: true);
            var versions = context.Catalog(parse).Versions;
            var ledger = new ConsultationLedger(store, new CaseScreener(versions), TimeProvider.System);
            var data = AnnualReport.Build(ledger.All(), parse.GetValue(year), versions);
            if (path is not null)
            {
                using var file = File.Create(path);
                AnnualReportWriter.Write(data, kind, file);
                context.Error.WriteLine($"{path} に書き出しました。");
            }
            else
            {
                using var buffer = new MemoryStream();
                AnnualReportWriter.Write(data, kind, buffer);
                context.Output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()).TrimStart('\uFEFF'));
            }
            return ExitCodes.Proceed;
        }));
        return command;
    }
}
