using GuidelineEngine.Application.Screening;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Cli.Tests;

/// <summary>The terminal interview, answered by a script instead of a person.</summary>
public sealed class InterviewCommandTests
{
    private static readonly CaseScreener Screener = new(RuleSetCatalog.Load(TestPaths.Rules).Versions);

    /// <summary>Answers by the first answer whose key the question contains; records what was asked.</summary>
    private sealed class ScriptedPrompter(params (string Key, string Answer)[] script) : IInterviewPrompter
    {
        public List<string> Asked { get; } = [];

        public string Ask(string text, string? help, IReadOnlyList<(string Value, string Label)> choices, bool optional = false)
        {
            Asked.Add(text);
            if (Asked.Count(a => a == text) > 2)
            {
                throw new InvalidOperationException($"Asked 「{text}」 again after its answer: {string.Join(" / ", Asked)}");
            }
            foreach (var (key, answer) in script)
            {
                if (text.Contains(key, StringComparison.Ordinal))
                {
                    return answer;
                }
            }
            throw new InvalidOperationException($"The script has no answer for 「{text}」.");
        }
    }

    [Fact]
    public void Interview_SchoolLunchUseFromTheBasics_AsksOnlyWhatDecidesWritesTheCaseFileAndShowsTheResult()
    {
        // The more specific keys first: the first key a question contains answers it.
        var prompter = new ScriptedPrompter(
            ("利用目的の範囲内", "false"), ("法律・政令・条例", "false"), ("個人番号", "false"), ("他の法令", "false"),
            ("不当に侵害", "false"), ("本人の同意", "false"), ("目的に最も近い", "eligibility_check"),
            ("日付", "2023-10-01"), ("協議する部課", "教育振興部"), ("業務の名前", "多子世帯に対する学校給食費補助業務"),
            ("申出の種類", "use_or_provision"), ("保有する課", ""), ("利用・提供する個人情報ファイル", "就学援助申請者ファイル"),
            ("区の課", "教育振興部"), ("利用業務・目的", "学校給食費補助事業の対象外となる児童生徒を把握するため"));
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "case.yaml");
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter());

        var intake = InterviewCommand.Basics(prompter);
        var exit = InterviewCommand.Run(new ConsultationScreening(Screener), intake, prompter, path, context);

        exit.Should().Be(ExitCodes.Proceed);
        output.ToString().Should().StartWith("# 判定結果: ガイドライン該当").And.Contain("別表1-1");
        prompter.Asked.Should().NotContain(q => q.Contains("照会や提供の求め", StringComparison.Ordinal), "a request by the recipient cannot matter for a use");
        var written = IntakeReader.ReadFile(path);
        IntakeChecker.Check(written, Screener.Versions[0].Definition).Should().BeEmpty();
        Screener.Screen(written.Intake).Outcome.Should().Be(Outcome.Covered, "the written case file decides the same way");
    }

    [Fact]
    public void Interview_WithinTheRegisteredPurpose_StopsAfterThatAnswer()
    {
        var prompter = new ScriptedPrompter(("利用目的の範囲内", "true"));
        var intake = IntakeReader.ReadFile(CliRunner.Example("missing-facts.yaml")).Intake;
        using var folder = new TempFolder();

        var exit = InterviewCommand.Run(new ConsultationScreening(Screener), intake, prompter, Path.Combine(folder.Path, "case.yaml"), new CliContext(new StringWriter(), new StringWriter()));

        exit.Should().Be(ExitCodes.Proceed);
        prompter.Asked.Should().ContainSingle();
    }

    [Fact]
    public void IntakeWriter_EveryCasebookExample_ReadsBackToTheSameIntake()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.Casebook, "examples")))
        {
            var intake = IntakeReader.ReadFile(file).Intake;
            using var folder = new TempFolder();
            var path = Path.Combine(folder.Path, "copy.yaml");
            File.WriteAllText(path, IntakeWriter.ToYaml(intake));

            var copy = IntakeReader.ReadFile(path).Intake;

            copy.Should().BeEquivalentTo(intake, options => options.RespectingRuntimeTypes(), file);
        }
    }
}
