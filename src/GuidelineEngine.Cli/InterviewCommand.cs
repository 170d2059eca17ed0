using System.CommandLine;
using System.Globalization;
using GuidelineEngine.Application.Screening;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Engine.Interview;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Intake;
using Spectre.Console;

namespace GuidelineEngine.Cli;

/// <summary>Asks one question and returns the answer as the interview takes it (a choice's value, or text).</summary>
internal interface IInterviewPrompter
{
    string Ask(string text, string? help, IReadOnlyList<(string Value, string Label)> choices, bool optional = false);
}

/// <summary>
/// <c>guideline interview</c>: asks a department, in the terminal, only the questions that can change the outcome,
/// writes the finished case file and shows the result.
/// </summary>
internal static class InterviewCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output") { Description = "書き出す申出ファイル", Required = true };
        var start = new Option<string?>("--from") { Description = "途中まで書いた申出ファイルから始める" };
        var command = new Command("interview", "質問に答えて申出を作り、判定する（結論を左右する質問だけを尋ねる）")
        {
            output, start, context.RulesOption,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var screening = new ConsultationScreening(new CaseScreener(context.Catalog(parse).Versions));
            var intake = parse.GetValue(start) is { } from ? IntakeReader.ReadFile(from).Intake : Basics(new SpectrePrompter());
            return Run(screening, intake, new SpectrePrompter(), parse.GetValue(output)!, context);
        }));
        return command;
    }

    /// <summary>Asks until the outcome is determined, writes the case file, prints the report; the exit code follows the outcome.</summary>
    public static int Run(ConsultationScreening screening, CaseIntake intake, IInterviewPrompter prompter, string outputPath, CliContext context)
    {
        var step = screening.Interview(intake);
        while (!step.Finished)
        {
            var question = step.Questions[0];
            var answer = prompter.Ask(question.Text, question.Help, question.Choices.Select(c => (c.Value, c.Label)).ToList());
            try
            {
                intake = Interviewer.Answer(intake, question, answer);
            }
            catch (ArgumentException e)
            {
                context.Error.WriteLine(e.Message);
                continue;
            }
            step = screening.Interview(intake);
        }
        File.WriteAllText(outputPath, IntakeWriter.ToYaml(intake));
        context.Output.WriteLine(TextReport.Render(step.Decision, screening.Labels(step.Decision.VersionId)));
        context.Error.WriteLine($"申出を {outputPath} に書き出しました。");
        return ExitCodes.Of(step.Decision.Outcome);
    }

    /// <summary>The basics a department always knows: date, section, title, and one item.</summary>
    public static CaseIntake Basics(IInterviewPrompter prompter)
    {
        var today = DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var date = prompter.Ask($"協議の日付（YYYY-MM-DD、空欄なら {today}）", null, [], optional: true);
        var section = prompter.Ask("協議する部課（例: 福祉部生活福祉課）", null, []);
        var title = prompter.Ask("業務の名前", null, []);
        var kind = prompter.Ask("申出の種類", null, [("use_or_provision", "目的外の利用・提供"), ("outsourcing", "業務の委託")]);
        IntakeItem item;
        if (kind == "outsourcing")
        {
            var files = prompter.Ask("委託先が取り扱う個人情報ファイル（複数は「、」で区切る）", null, []);
            var tasks = prompter.Ask("委託する作業（複数は「、」で区切る）", null, []);
            item = new OutsourcingItem
            {
                Id = "1",
                Files = Split(files),
                Tasks = [.. Split(tasks).Select(t => new OutsourcingTask { Description = t })],
            };
        }
        else
        {
            var file = prompter.Ask("利用・提供する個人情報ファイル", null, []);
            var holder = prompter.Ask("ファイルを保有する課（登録簿にあるファイルなら空欄）", null, [], optional: true);
            var recipient = prompter.Ask("情報を使う（受け取る）区の課（区の外に提供するなら空欄）", null, [], optional: true);
            var purpose = prompter.Ask("利用業務・目的（自分の言葉で）", null, []);
            item = new UseOrProvisionItem
            {
                Id = "1",
                File = file,
                HoldingSection = Blank(holder),
                Recipient = Blank(recipient) is { } user ? new Recipient { Section = user } : null,
                Purpose = purpose,
            };
        }
        return new CaseIntake
        {
            Date = DateOnly.ParseExact(Blank(date) ?? today, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            ProposingSection = section,
            Title = title,
            Items = [item],
        };
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> Split(string value) =>
        [.. value.Split(['、', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Spectre.Console prompts: a selection list for choices, a text prompt otherwise.</summary>
    private sealed class SpectrePrompter : IInterviewPrompter
    {
        public string Ask(string text, string? help, IReadOnlyList<(string Value, string Label)> choices, bool optional = false)
        {
            if (help is not null)
            {
                AnsiConsole.MarkupLine($"[grey]{Markup.Escape(help)}[/]");
            }
            if (choices.Count > 0)
            {
                var label = AnsiConsole.Prompt(new SelectionPrompt<string>()
                    .Title(Markup.Escape(text))
                    .AddChoices(choices.Select(c => c.Label)));
                return choices.First(c => c.Label == label).Value;
            }
            var prompt = new TextPrompt<string>(Markup.Escape(text));
            if (optional)
            {
                prompt.AllowEmpty();
            }
            return AnsiConsole.Prompt(prompt);
        }
    }
}
