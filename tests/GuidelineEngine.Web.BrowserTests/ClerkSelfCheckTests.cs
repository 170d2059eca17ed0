using System.Diagnostics;
using System.Globalization;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace GuidelineEngine.Web.BrowserTests;

/// <summary>
/// A clerk's first self-check in a real browser, at desktop width and at phone width (390 px): a section the account may
/// not act for is refused on the basics page; the result leads with the entry and the next step; an incomplete result is
/// submitted only with the confirmation; the record and 情報公開課's queue fit the phone without sideways scrolling.
/// Screenshots go to TestResults/screenshots/selfcheck-*.png.
/// </summary>
[Trait(Speed.Trait, Speed.Slow)]
public sealed class ClerkSelfCheckTests(ITestOutputHelper output)
{
    private const int Phone = 390;

    // Scroll bars and rounding: a few pixels more than the viewport is not a table running off the screen.
    private const int Tolerance = 4;

    private static readonly (string Name, string Password, string Section) Kyoiku = ("kyoiku", "kyoiku-pass", "教育振興部");
    private static readonly (string Name, string Password, string Section) Koukai = ("koukai", "koukai-pass", "総務部情報公開課");

    [BrowserFact]
    public async Task SelfCheck_AtDesktopAndPhoneWidth_RefusesAnotherSectionUpFrontAndFitsThePhone()
    {
        BrowserTools.Require();
        var clock = Stopwatch.StartNew();
        using var service = await RunningService.StartAsync();
        using var browser = new Browser(service);
        try
        {
            foreach (var (width, mobile, name) in new[] { (1280, false, "desktop"), (Phone, true, "phone") })
            {
                browser.Viewport(width, mobile);
                browser.SignIn(Kyoiku);

                // Act 1: another department's section is refused on the basics page, before any question.
                browser.ClickAndLoad("nav-interview");
                FillBasics(browser, "福祉部生活福祉課", $"自己点検（{name}）");
                browser.ClickAndLoad("start-interview");
                browser.Find("proposing_section-error").Text.Should().Contain("福祉部生活福祉課 の協議を提出できません");
                browser.Has("step-title").Should().BeFalse("the section is refused up front, not after the interview");
                browser.Find("title").GetDomProperty("value").Should().Be($"自己点検（{name}）", "what was typed is kept");
                Fits(browser, width, name, "basics refused");
                Shot(browser.Screenshot($"selfcheck-{name}-01-section-refused"));

                // Act 2: the department's own section goes on to the questions; the clerk asks for the result at once.
                browser.Type("proposing_section", "教育振興部学務課");
                browser.ClickAndLoad("start-interview");
                browser.Find("step-title");
                browser.ClickAndLoad("show-result");

                // Assert 2: the entry and the next step come first; details are folded; the incomplete result needs the box.
                browser.Attribute("outcome", "data-outcome").Should().Be("more_information_needed");
                browser.Find("entered").Text.Should().Contain("教育振興部学務課").And.Contain("見守り");
                browser.Find("next-step").Text.Should().Contain("質問に答えて");
                browser.Find("version-hash").Displayed.Should().BeFalse("the hash is behind 詳細");
                browser.Find("incomplete-warning").Displayed.Should().BeTrue();
                Fits(browser, width, name, "result");
                Shot(browser.Screenshot($"selfcheck-{name}-02-result"));
                browser.Find("submit-consultation").Click();
                browser.Driver.FindElements(By.Id("record")).Should().BeEmpty("the browser does not send it without the confirmation");
                browser.Find("confirm-incomplete").Click();
                browser.ClickAndLoad("submit-consultation");
                var recordId = browser.Attribute("record", "data-record");
                browser.Find("record-intake").Text.Should().Contain("協議する部課").And.NotContain("{");
                Fits(browser, width, name, "record");
                Shot(browser.Screenshot($"selfcheck-{name}-03-record"));
                browser.ClickAndLoad("nav-records");
                browser.Find($"conclusion-{recordId}").Text.Should().Be("（未確定）");
                Fits(browser, width, name, "records list");
                browser.SignOut();

                // Act 3: 情報公開課's queue, with its forms, on the same screen.
                browser.SignIn(Koukai);
                browser.ClickAndLoad("nav-records");
                browser.Find($"row-{recordId}");
                Fits(browser, width, name, "office queue");
                Shot(browser.Screenshot($"selfcheck-{name}-04-office-queue"));
                browser.SignOut();
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {name} done ({recordId})");
            }
        }
        catch
        {
            output.WriteLine($"Failed on {browser.Driver.Url}; screenshot {browser.Screenshot("selfcheck-failure")}");
            output.WriteLine("Service output:\n" + service.Output);
            throw;
        }
    }

    private static void FillBasics(Browser browser, string section, string title)
    {
        browser.SetValue("date", new DateOnly(2024, 10, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        browser.Type("proposing_section", section);
        browser.Type("title", title);
        browser.Type("file", "生活保護事務（法外援護事務を含む。）ファイル");
        browser.Type("purpose", "児童の見守りのため");
    }

    private static void Fits(Browser browser, int width, string name, string page) =>
        browser.ScrollWidth().Should().BeLessThanOrEqualTo(width + Tolerance, "the {0} page fits the {1} width without sideways scrolling", page, name);

    private void Shot(string path) => output.WriteLine("saved " + path);
}
