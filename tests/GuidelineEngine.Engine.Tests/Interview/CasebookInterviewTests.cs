using System.Diagnostics;
using GuidelineEngine.Engine.Interview;
using Xunit.Abstractions;
using static GuidelineEngine.Engine.Tests.Interview.InterviewSupport;

namespace GuidelineEngine.Engine.Tests.Interview;

/// <summary>
/// Issue 5, "Done when": answered from the case file, the interview reaches the casebook's outcome for every FY2023 and
/// FY2024 case, asking nothing the file does not answer and no question whose answer could not change the result.
/// </summary>
public sealed class CasebookInterviewTests(ITestOutputHelper output)
{
    private const int MaxSteps = 30;

    public static TheoryData<string> CaseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in FiscalYearCases.Select(Key))
        {
            data.Add(file);
        }
        return data;
    }

    [Fact]
    public void Casebook_HoldsEveryFiscalYearCase()
    {
        // Arrange, Act
        var groups = FiscalYearCases.GroupBy(c => c.Group).ToDictionary(g => g.Key, g => g.Count());

        // Assert: 17 blocks + 2 outsourcings (FY2023), 7 projects + 12 outsourcings (FY2024).
        groups.Should().BeEquivalentTo(new Dictionary<string, int> { ["nerima/fy2023"] = 19, ["nerima/fy2024"] = 19 });
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Interview_AnsweredFromTheCaseFile_ReachesTheExpectedOutcomeAskingOnlyWhatMatters(string file)
    {
        // Arrange
        var casebookCase = Case(file);
        var source = casebookCase.Intake;
        var intake = Strip(source);
        var asked = new List<(CaseIntake Before, InterviewQuestion Question)>();
        var unanswerable = new List<string>();
        var watch = Stopwatch.StartNew();

        // Act
        InterviewStep step;
        var steps = 0;
        while (true)
        {
            step = TestInterviewer.Next(intake);
            if (step.Finished || steps++ == MaxSteps)
            {
                break;
            }
            output.WriteLine($"step {steps}: {string.Join(", ", step.Questions.Select(q => q.Id))}");
            var before = intake;
            foreach (var question in step.Questions)
            {
                asked.Add((before, question));
                if (SourceAnswer(source, question) is { } answer)
                {
                    intake = Interviewer.Answer(intake, question, answer);
                }
                else
                {
                    unanswerable.Add($"{question.Id}（{question.Text}）");
                }
            }
            if (unanswerable.Count > 0)
            {
                break;
            }
        }
        var interviewTime = watch.Elapsed;
        output.WriteLine($"{asked.Count} questions in {steps} steps, {interviewTime.TotalMilliseconds:F0} ms");

        // Assert
        unanswerable.Should().BeEmpty("the interview asks only what the case file answers");
        step.Finished.Should().BeTrue($"the interview ends within {MaxSteps} steps");
        step.Decision.Outcome.Should().Be(casebookCase.Expected[0].Outcome);
        asked.Select(a => a.Question.Id).Should().OnlyHaveUniqueItems("a question answered is not asked again");
        asked.Where(a => !CanChangeResult(OnlyItemOf(a.Before, a.Question), a.Question))
            .Select(a => a.Question.Id)
            .Should().BeEmpty("every question asked can change the result");
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Next_CompleteCaseFile_StopsAtOnce(string file)
    {
        // Arrange
        var casebookCase = Case(file);

        // Act
        var step = TestInterviewer.Next(casebookCase.Intake);

        // Assert
        step.Finished.Should().BeTrue();
        step.Questions.Should().BeEmpty();
        step.Decision.Outcome.Should().Be(casebookCase.Expected[0].Outcome);
    }
}
