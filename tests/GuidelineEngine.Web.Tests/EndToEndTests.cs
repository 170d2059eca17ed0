using System.Text.RegularExpressions;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// Through the pages as a browser without script would go: a department interviews a FY2024 casebook case, sees the
/// outcome the casebook expects, submits it; 情報公開課 takes it up and decides; another section cannot open it.
/// </summary>
public sealed class EndToEndTests(GuidelineWebFactory factory) : IClassFixture<GuidelineWebFactory>
{
    private const int MaxSteps = 20;

    [Fact]
    public async Task Interview_Fy2024OutsourcingCase_SubmitThenOfficeDecides()
    {
        // Arrange: FY2024 No.49, an outsourcing by 福祉部生活福祉課 that the source records as covered.
        var source = Intakes.Casebook("nerima/fy2024/49-itaku-hitorioya-recreation.yaml");
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act 1: the basics, then every step answered from the case file.
        var basics = await fukushi.GetPageAsync("/interview");
        var page = await ReadAsync(await fukushi.PostFormAsync("/interview", basics, new()
        {
            ["date"] = "2024-10-01",
            ["proposing_section"] = WebSession.InputValue(basics, "proposing_section"),
            ["title"] = source.Title!,
            ["item_kind"] = "outsourcing",
            ["files"] = "ひとり親・母子等への支援に関する業務ファイル",
            ["tasks"] = "ひとり親家庭親子レクリエーション事業",
        }));
        var steps = 0;
        var asked = new List<string>();
        while (page.Contains("id=\"step-form\"", StringComparison.Ordinal))
        {
            (++steps).Should().BeLessThan(MaxSteps, "the interview ends");
            var questions = InterviewDriver.Questions(page);
            questions.Should().NotBeEmpty();
            var answers = new Dictionary<string, string>
            {
                ["intake"] = WebSession.InputValue(page, "intake"),
                ["step"] = steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["action"] = "next",
            };
            foreach (var question in questions)
            {
                asked.Add(question.Id);
                var answer = InterviewDriver.Answer(source, question);
                answer.Should().NotBeNull("the case file answers {0}", question.Id);
                answers[$"answer:{question.Id}"] = answer!;
            }
            page = await ReadAsync(await fukushi.PostFormAsync("/interview/answer", page, answers));
        }

        // Assert 1: the result the casebook expects, with the category, 類似事例 and the button to submit.
        asked.Should().NotBeEmpty();
        page.Should().Contain("id=\"outcome\" class=\"outcome outcome-covered\" data-outcome=\"covered\"");
        page.Should().Contain("別表3").And.Contain("類似事例").And.Contain("id=\"submit-consultation\"");

        // Act 2: submit it as a consultation.
        var submitted = await fukushi.PostFormAsync("/records", page, new() { ["intake"] = WebSession.InputValue(page, "intake") });

        // Assert 2
        submitted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = submitted.Headers.Location!.ToString();
        var id = Regex.Match(location, @"^/records/(R6-\d{4})$").Groups[1].Value;
        id.Should().NotBeEmpty("the record of a FY2024 case is numbered in 令和6年度: {0}", location);
        var record = await fukushi.GetPageAsync(location);
        record.Should().Contain("data-status=\"submitted\"").And.Contain("福祉部生活福祉課").And.Contain("ひとり親家庭親子レクリエーション事業");

        // Act 3: 情報公開課 takes it up from the queue and confirms it.
        using var koukai = await factory.Session().SignedInAsync(WebSession.Koukai);
        var queue = await koukai.GetPageAsync("/records");
        queue.Should().Contain($"id=\"start-{id}\"");
        (await koukai.PostFormAsync($"/records/{id}/start", queue, new() { ["return_to"] = "/records" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        queue = await koukai.GetPageAsync("/records");
        var decided = await koukai.PostFormAsync($"/records/{id}/decision", queue,
            new() { ["result"] = "covered", ["reason"] = "別表3に該当することを確認した。", ["return_to"] = "/records" });

        // Assert 3
        decided.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var final = await koukai.GetPageAsync($"/records/{id}");
        final.Should().Contain("data-status=\"decided\"").And.Contain("id=\"office-result\" data-result=\"covered\"").And.Contain("別表3に該当することを確認した。");
        (await fukushi.GetPageAsync($"/records/{id}")).Should().Contain("data-status=\"decided\"");

        // And another section cannot open it.
        using var kyoiku = await factory.Session().SignedInAsync(WebSession.Kyoiku);
        (await kyoiku.Client.GetAsync($"/records/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await kyoiku.Client.GetAsync($"/api/records/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Interview_StoppedEarly_ShowsWhatIsStillUnknown()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var basics = await fukushi.GetPageAsync("/interview");
        var step = await ReadAsync(await fukushi.PostFormAsync("/interview", basics, new()
        {
            ["date"] = "2024-10-01", ["proposing_section"] = "福祉部生活福祉課", ["title"] = "見守りのための利用", ["item_kind"] = "use_or_provision",
            ["file"] = "生活保護事務（法外援護事務を含む。）ファイル", ["recipient_type"] = "section", ["purpose"] = "見守りの対象者を把握するため",
        }));

        // Act
        var result = await ReadAsync(await fukushi.PostFormAsync("/interview/answer", step,
            new() { ["intake"] = WebSession.InputValue(step, "intake"), ["action"] = "result" }));

        // Assert
        step.Should().Contain("id=\"step-form\"").And.Contain("class=\"help\"");
        result.Should().Contain("data-outcome=\"more_information_needed\"").And.Contain("確認が必要な事項");
    }

    [Fact]
    public async Task Interview_FileNotInTheRegistryWithoutHolder_AsksWhichSectionHoldsItAndTakesTheAnswer()
    {
        // Arrange: a department often does not know who holds a file; the holder is a question, not an input error.
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var basics = await fukushi.GetPageAsync("/interview");
        var step = await ReadAsync(await fukushi.PostFormAsync("/interview", basics, new()
        {
            ["date"] = "2024-10-01", ["proposing_section"] = "福祉部生活福祉課", ["title"] = "見守りのための利用", ["item_kind"] = "use_or_provision",
            ["file"] = "地域見守り協力員名簿ファイル", ["recipient_type"] = "section", ["purpose"] = "見守りの対象者を把握するため",
        }));
        var holder = InterviewDriver.Questions(step).Should().ContainSingle(q => q.Fact == "holder.organ").Subject;

        // Act
        var next = await ReadAsync(await fukushi.PostFormAsync("/interview/answer", step, new()
        {
            ["intake"] = WebSession.InputValue(step, "intake"),
            ["step"] = "1",
            ["action"] = "next",
            [$"answer:{holder.Id}"] = "福祉部生活福祉課",
        }));

        // Assert: the question names the holding section; once answered the interview goes on without asking it again.
        step.Should().Contain("個人情報ファイルを保有している課はどこですか");
        InterviewDriver.Questions(next).Should().NotContain(q => q.Fact == "holder.organ");
        WebSession.InputValue(next, "intake").Should().Contain("\"holding_section\":\"福祉部生活福祉課\"");
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return text;
    }
}
