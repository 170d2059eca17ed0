using System.Diagnostics;
using System.Text.RegularExpressions;
using GuidelineEngine.Domain.Intake;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace GuidelineEngine.Web.BrowserTests;

/// <summary>
/// The whole consultation in a real browser against the running service: a department interviews a FY2024 casebook
/// case and submits it; 情報公開課 takes it up and confirms it; another section cannot open it. Screenshots of the
/// sign-in page, the result and the printable record go to TestResults/screenshots/ (git-ignored).
/// </summary>
[Trait(Speed.Trait, Speed.Slow)]
public sealed partial class ConsultationFlowTests(ITestOutputHelper output)
{
    private const string CaseFile = "nerima/fy2024/49-itaku-hitorioya-recreation.yaml";
    private const int MaxSteps = 20;
    private const string Reason = "別表3第5号に該当することを確認した。";

    private static readonly (string Name, string Password, string Section) Fukushi = ("fukushi", "fukushi-pass", "福祉部生活福祉課");
    private static readonly (string Name, string Password, string Section) Kyoiku = ("kyoiku", "kyoiku-pass", "教育振興部");
    private static readonly (string Name, string Password, string Section) Koukai = ("koukai", "koukai-pass", "総務部情報公開課");

    [BrowserFact]
    public async Task Fy2024Case_InterviewSubmitDecide_OtherSectionCannotOpen()
    {
        BrowserTools.Require();
        var clock = Stopwatch.StartNew();
        var source = CaseAnswers.Read(CaseFile);
        if (Directory.Exists(RepositoryPaths.Screenshots))
        {
            Directory.Delete(RepositoryPaths.Screenshots, recursive: true);
        }
        using var service = await RunningService.StartAsync();
        Log(clock, $"service answering at {service.Address}");
        using var browser = new Browser(service);
        Log(clock, "chromium started");
        try
        {
            // Arrange + Act 1: the department signs in and goes through the interview, answering from the case file.
            browser.Go("/signin");
            browser.Find("username");
            Shot(browser.Screenshot("01-signin"));
            browser.SignIn(Fukushi);
            browser.ClickAndLoad("nav-interview");
            browser.SetValue("date", source.Date!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            browser.Find("proposing_section").GetDomProperty("value").Should().Be(Fukushi.Section, "the basics start from the user's own section");
            browser.Type("title", source.Title!);
            browser.Find("item_kind-outsourcing").Click();
            var outsourcing = (OutsourcingItem)source.Items.Single();
            browser.Type("files", string.Join("\n", outsourcing.Files));
            browser.Type("tasks", string.Join("\n", outsourcing.Tasks.Select(t => t.Description)));
            browser.ClickAndLoad("start-interview");

            var asked = new List<string>();
            for (var step = 1; browser.Has("step-title"); step++)
            {
                step.Should().BeLessThan(MaxSteps, "the interview ends");
                browser.Attribute("step-title", "data-step").Should().Be(step.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var questions = browser.Driver.FindElements(By.CssSelector("fieldset.question"));
                questions.Should().NotBeEmpty("a step page asks at least one question");
                foreach (var question in questions)
                {
                    var id = question.GetDomAttribute("data-question")!;
                    var task = question.GetDomAttribute("data-task");
                    var answer = CaseAnswers.Answer(source, question.GetDomAttribute("data-item")!, string.IsNullOrEmpty(task) ? null : task,
                        question.GetDomAttribute("data-fact")!);
                    answer.Should().NotBeNull("the case file answers {0} ({1})", id, question.GetDomAttribute("data-fact"));
                    asked.Add($"{id}={answer}");
                    var choices = question.FindElements(By.CssSelector("input[type=radio]"));
                    if (choices.Count > 0)
                    {
                        var choice = $"q-{CaseAnswers.Id(id)}-{CaseAnswers.Id(answer!)}";
                        choices.Select(c => c.GetDomAttribute("id")).Should().Contain(choice, "the page offers the case file's answer to {0}", id);
                        browser.Find(choice).Click();
                        browser.Find(choice).Selected.Should().BeTrue();
                    }
                    else
                    {
                        browser.Type($"q-{CaseAnswers.Id(id)}-value", answer!);
                    }
                }
                Log(clock, $"step {step}, now {browser.Attribute("current-outcome", "data-outcome")}: {string.Join(", ", asked.TakeLast(questions.Count))}");
                browser.ClickAndLoad("next-step");
            }

            // Assert 1: the outcome the casebook records, in Japanese, drawn with the Japanese font.
            asked.Should().NotBeEmpty("the basics alone do not decide an outsourcing");
            browser.Attribute("outcome", "data-outcome").Should().Be("covered", "the casebook records FY2024 No.49 as covered (別表3)");
            browser.Find("outcome").Text.Should().Contain("ガイドライン該当");
            browser.Find("main").Text.Should().Contain("別表3").And.Contain("類似事例");
            browser.Find("version-hash").GetDomProperty("textContent").Should().StartWith("sha256:", "the hash is kept behind 詳細");
            var fonts = browser.PlatformFonts("outcome");
            Log(clock, "outcome drawn with " + string.Join(", ", fonts));
            fonts.Should().Contain(f => f.Contains("CJK", StringComparison.Ordinal), "the page's Japanese is drawn with Noto Sans CJK (fonts-noto-cjk), not boxes");
            Shot(browser.Screenshot("02-result"));

            // Act 2: submit it as a consultation.
            browser.ClickAndLoad("submit-consultation");

            // Assert 2: the record page of a new 令和6年度 record, submitted.
            var recordId = browser.Attribute("record", "data-record");
            RecordId().IsMatch(recordId).Should().BeTrue("a FY2024 record is numbered in 令和6年度: {0}", recordId);
            browser.Attribute("record", "data-status").Should().Be("submitted");
            browser.Find("record-section").Text.Should().Be(Fukushi.Section);
            var recordPath = new Uri(browser.Driver.Url).AbsolutePath;
            recordPath.Should().Be($"/records/{recordId}");
            Shot(browser.Screenshot("03-record-submitted"));
            Log(clock, $"submitted {recordId}");
            browser.SignOut();

            // Act 3: 情報公開課 takes it up from the queue and confirms it, with a reason.
            browser.SignIn(Koukai);
            browser.ClickAndLoad("nav-records");
            browser.Attribute($"row-{recordId}", "data-status").Should().Be("submitted");
            browser.ClickAndLoad($"start-{recordId}");
            browser.Attribute($"row-{recordId}", "data-status").Should().Be("under_consultation");
            browser.Type($"reason-{recordId}", Reason);
            browser.ClickAndLoad($"confirm-{recordId}");
            browser.Attribute($"row-{recordId}", "data-status").Should().Be("decided");
            browser.ClickAndLoad($"open-{recordId}");

            // Assert 3: the printable record shows the decision.
            browser.Attribute("record", "data-status").Should().Be("decided");
            browser.Attribute("office-result", "data-result").Should().Be("covered");
            browser.Find("office-decision").Text.Should().Contain(Reason);
            Shot(browser.Screenshot("04-record-decided-print", print: true));
            Shot(browser.Pdf("04-record-decided"));
            Log(clock, $"decided {recordId}");
            browser.SignOut();

            // Act 4 + Assert 4: another section's user opens the record's address directly: not found.
            browser.SignIn(Kyoiku);
            browser.Go(recordPath);
            browser.Find("not-found").Text.Should().Contain(recordId);
            browser.Has("record").Should().BeFalse("教育振興部 sees nothing of 福祉部生活福祉課's record");
            browser.Driver.PageSource.Should().NotContain(source.Title!);
            Shot(browser.Screenshot("05-other-section-not-found"));
            // How long it took is logged, not asserted: a wall-clock bound says nothing about the pages on a fast machine and
            // fails on a busy one. The test carries the slow trait instead.
            Log(clock, "done");
        }
        catch
        {
            Failure(browser, service);
            throw;
        }
    }

    // What the browser and the service showed when the test failed, beside the screenshots.
    private void Failure(Browser browser, RunningService service)
    {
        try
        {
            output.WriteLine($"Failed on {browser.Driver.Url}; screenshot {browser.Screenshot("failure")}");
            File.WriteAllText(Path.Combine(RepositoryPaths.Screenshots, "failure.html"), browser.Driver.PageSource);
        }
        catch (WebDriverException e)
        {
            output.WriteLine("No screenshot of the failure: " + e.Message);
        }
        output.WriteLine("Service output:\n" + service.Output);
    }

    private void Shot(string path) => output.WriteLine("saved " + path);

    private void Log(Stopwatch clock, string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    [GeneratedRegex(@"^R6-\d{4}$")]
    private static partial Regex RecordId();
}
