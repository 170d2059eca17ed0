using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Interview;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Casebook;
using Xunit.Abstractions;
using static GuidelineEngine.Engine.Tests.Interview.InterviewSupport;

namespace GuidelineEngine.Engine.Tests.Interview;

/// <summary>
/// Whatever a department has already filled in, the interview goes on to the outcome: over every casebook case (all groups,
/// under each expected version), from random subsets of its answers, it never stops while the outcome is open, and answered
/// from the file it reaches the expected outcome (unless it asks something the file leaves out).
/// </summary>
public sealed class PartialIntakeInterviewTests(ITestOutputHelper output)
{
    private const int TrialsPerCase = 2;
    private const int MaxSteps = 30;

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void Interview_FromAnyPartialIntake_NeverStopsWhileTheOutcomeIsOpen()
    {
        // Arrange
        var cases = CasebookReader.ReadAll(TestPaths.Casebook, Versions);
        var random = new Random(20250507);
        var problems = new List<string>();
        var interviews = 0;
        var unanswerable = 0;

        foreach (var casebookCase in cases)
        {
            foreach (var expectation in casebookCase.Expected)
            {
                for (var trial = 0; trial < TrialsPerCase; trial++)
                {
                    var intake = Partial(casebookCase.Intake, random);
                    interviews++;

                    // Act
                    var step = TestInterviewer.Next(intake, expectation.Version);
                    var steps = 0;
                    var answerable = true;
                    while (!step.Finished && answerable && steps++ < MaxSteps)
                    {
                        foreach (var question in step.Questions)
                        {
                            if (SourceAnswer(casebookCase.Intake, question) is not { } answer)
                            {
                                answerable = false;
                                break;
                            }
                            intake = Interviewer.Answer(intake, question, answer);
                        }
                        step = answerable ? TestInterviewer.Next(intake, expectation.Version) : step;
                    }

                    // Assert (collected)
                    if (!answerable)
                    {
                        unanswerable++;
                        continue;
                    }
                    if (step.Decision.Outcome == Outcome.MoreInformationNeeded && step.Finished)
                    {
                        problems.Add($"{casebookCase.File} ({expectation.Version ?? "by date"}): no question left, outcome still open");
                    }
                    else if (step.Decision.Outcome != expectation.Outcome)
                    {
                        problems.Add($"{casebookCase.File} ({expectation.Version ?? "by date"}): {step.Decision.Outcome}, expected {expectation.Outcome}");
                    }
                }
            }
        }
        output.WriteLine($"{interviews} interviews, {unanswerable} stopped at a question the file leaves out");

        problems.Should().BeEmpty();
        unanswerable.Should().BeLessThan(interviews / 10);
    }

    // The case with each answerable field of each item kept or dropped at random.
    private static CaseIntake Partial(CaseIntake complete, Random random)
    {
        var stripped = Strip(complete);
        var items = complete.Items.Select((item, i) =>
        {
            var partial = stripped.Items[i];
            var tasks = item is OutsourcingItem o ? Enumerable.Range(0, o.Tasks.Count).Select(t => (int?)t).ToList() : [null];
            foreach (var fact in IntakeFacts.Fields.Keys)
            {
                foreach (var task in fact.StartsWith("task.", StringComparison.Ordinal) ? tasks : [null])
                {
                    if (random.Next(2) == 0 && SourceValue(item, fact, task) is { } value)
                    {
                        try
                        {
                            partial = IntakeFacts.With(partial, fact, value, task);
                        }
                        catch (ArgumentException)
                        {
                            // a field of the other kind of item
                        }
                    }
                }
            }
            return partial;
        }).ToList();
        return complete with { Items = items };
    }
}
