using System.Text.RegularExpressions;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// A clerk's first self-check through the pages: the section checked on the basics page, errors in the form's words,
/// the result page led by the entry and the next step, incomplete results, expired forms, and the record as a table.
/// </summary>
public sealed class ClerkSelfCheckTests(GuidelineWebFactory factory) : IClassFixture<GuidelineWebFactory>
{
    private const string WelfareFile = "生活保護事務（法外援護事務を含む。）ファイル";

    private static Dictionary<string, string> Basics(string proposing, string file = WelfareFile, string holding = "", string title = "自己点検の件") => new()
    {
        ["date"] = "2024-10-01", ["proposing_section"] = proposing, ["title"] = title, ["item_kind"] = "use_or_provision",
        ["file"] = file, ["holding_section"] = holding, ["recipient_type"] = "section", ["purpose"] = "見守りのため",
    };

    [Fact]
    public async Task BasicsPage_DepartmentAccount_OffersItsSectionsAndRefusesAnotherThere()
    {
        // Arrange
        using var kyoiku = await factory.Session().SignedInAsync(WebSession.Kyoiku);
        var page = await kyoiku.GetPageAsync("/interview");

        // Act
        var other = await kyoiku.PostFormAsync("/interview", page, Basics("福祉部生活福祉課"));
        var own = await kyoiku.PostFormAsync("/interview", page, Basics("教育振興部学務課"));

        // Assert: the department's sections are offered, another department's are not; the refusal comes before any question.
        var offered = Regex.Match(page, "<datalist id=\"my-sections\">(.*?)</datalist>", RegexOptions.Singleline).Groups[1].Value;
        offered.Should().Contain("value=\"教育振興部学務課\"").And.NotContain("福祉部");
        other.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var refused = await other.Content.ReadAsStringAsync();
        refused.Should().Contain("id=\"proposing_section-error\"").And.Contain("福祉部生活福祉課 の協議を提出できません").And.NotContain("id=\"step-title\"");
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await own.Content.ReadAsStringAsync()).Should().Contain("id=\"step-title\"");
    }

    [Fact]
    public async Task SectionAccount_ActsForItsSectionOnly_OnThePagesAndTheApiAlike()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var page = await fukushi.GetPageAsync("/interview");

        // Act
        var basics = await fukushi.PostFormAsync("/interview", page, Basics("福祉部"));
        var api = await fukushi.PostApiAsync("/api/records", Intakes.WelfareUse("福祉部"));

        // Assert: the basics page and the desk give the same answer, from the same function.
        basics.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await basics.Content.ReadAsStringAsync()).Should().Contain("id=\"proposing_section-error\"").And.Contain("協議できる部課: 福祉部生活福祉課");
        api.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BasicsForm_Errors_SpeakTheFormsWordsAllAtOnceWithNearestNames()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var page = await fukushi.GetPageAsync("/interview");
        var fields = Basics("福祉部生活福祉課", file: "生活保護ファイル", holding: "福祉部生活福祉");
        fields["purpose"] = "";

        // Act
        var response = await fukushi.PostFormAsync("/interview", page, fields);
        var unknownFile = await fukushi.PostFormAsync("/interview", page, Basics("福祉部生活福祉課", file: "生活保護事務ファイル"));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        text.Should().Contain("「ファイルを保有する部課」").And.Contain("近い名前: 福祉部生活福祉課").And.Contain("「利用・提供の目的」")
            .And.NotContain("items[0]").And.NotContain("（purpose）");
        text.Should().Contain("id=\"holding_section-error\"").And.Contain("id=\"purpose-error\"");
        text.Should().Contain("id=\"file-error\"").And.Contain("「生活保護ファイル」は登録簿にありません").And.Contain($"近い名前: {WelfareFile}");
        // Alone, a file outside the registry is no error (its holder becomes a question); the nearest names stand on the step.
        var file = WebUtility.HtmlDecode(await unknownFile.Content.ReadAsStringAsync());
        unknownFile.StatusCode.Should().Be(HttpStatusCode.OK);
        file.Should().Contain("id=\"step-title\"").And.Contain("「生活保護事務ファイル」は登録簿にありません").And.Contain($"近い名前: {WelfareFile}");
    }

    [Fact]
    public async Task ResultPage_LeadsWithTheEntryAndTheNextStep_DetailsFolded()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var result = await ResultOfAsync(fukushi, Intakes.WelfareUse());

        // Assert
        result.Should().Contain("data-outcome=\"covered\"").And.Contain("id=\"entered\"").And.Contain("ファイルを保有する部課")
            .And.Contain("情報公開課へ協議を提出");
        var details = result.IndexOf("<details id=\"details\"", StringComparison.Ordinal);
        details.Should().BePositive("rule ids, the hash and sources are behind 詳細");
        result.IndexOf("id=\"version-hash\"", StringComparison.Ordinal).Should().BeGreaterThan(details);
        result.IndexOf("id=\"entered\"", StringComparison.Ordinal).Should().BeLessThan(result.IndexOf("id=\"outcome\"", StringComparison.Ordinal) + 2000);
        var before = result[..details];
        before.Should().NotContain(".yaml", "precedents are named by title and fiscal year").And.NotContain("類似度 0.");
        before.Should().MatchRegex("item-1-precedents.*年度", "a similar case is named with its fiscal year");
        before.Should().NotContain("運営委員会", "no review is needed for a covered case");
    }

    [Fact]
    public async Task IncompleteResult_IsSubmittedOnlyWithTheConfirmation()
    {
        // Arrange: the basics alone, no question answered.
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var page = await fukushi.GetPageAsync("/interview");
        var step = await (await fukushi.PostFormAsync("/interview", page, Basics("福祉部生活福祉課"))).Content.ReadAsStringAsync();
        step.Should().Contain("data-outcome=\"more_information_needed\"");
        var intake = WebSession.InputValue(step, "intake");
        var result = await (await fukushi.PostFormAsync("/interview/answer", step, new() { ["intake"] = intake, ["step"] = "1", ["action"] = "result" }))
            .Content.ReadAsStringAsync();

        // Act
        var unconfirmed = await fukushi.PostFormAsync("/records", result, new() { ["intake"] = intake });
        var confirmed = await fukushi.PostFormAsync("/records", result, new() { ["intake"] = intake, ["confirm_incomplete"] = "yes" });

        // Assert
        result.Should().Contain("id=\"incomplete-warning\"").And.Contain("id=\"confirm-incomplete\"").And.Contain("質問に答え");
        unconfirmed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unconfirmed.Content.ReadAsStringAsync()).Should().Contain("id=\"errors\"").And.Contain("id=\"confirm-incomplete\"");
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ExpiredForm_SaysSoAndKeepsTheEntryWithAFreshToken()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        await fukushi.GetPageAsync("/interview");
        var fields = Basics("福祉部生活福祉課", title: "期限切れの件");
        fields["__RequestVerificationToken"] = "expired-token";

        // Act
        var response = await fukushi.Client.PostAsync("/interview", new FormUrlEncodedContent(fields));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("ページの有効期限が切れた").And.Contain("id=\"basics-form\"");
        WebSession.InputValue(page, "title").Should().Be("期限切れの件");
        var again = await fukushi.PostFormAsync("/interview", page, Basics("福祉部生活福祉課"));
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the re-rendered form carries a token that works");
    }

    [Fact]
    public async Task RecordPage_ShowsTheProposalAsALabelledTable_ListShowsTheConclusion()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var id = (await WebSession.JsonAsync(await fukushi.PostApiAsync("/api/records", Intakes.WelfareUse()))).GetProperty("id").GetString()!;
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        await office.PostFormAsync($"/records/{id}/start", await office.GetPageAsync("/records"), new() { ["return_to"] = "/records" });
        await office.PostFormAsync($"/records/{id}/decision", await office.GetPageAsync("/records"), new() { ["result"] = "covered", ["reason"] = "確認した。", ["return_to"] = "/records" });

        // Act
        var record = await fukushi.GetPageAsync($"/records/{id}");
        var list = await fukushi.GetPageAsync("/records");

        // Assert
        var table = Regex.Match(record, "<table class=\"meta\" id=\"record-intake\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        table.Should().Contain("<th>個人情報ファイル</th>").And.Contain("<th>協議する部課</th>").And.Contain("<th>利用・提供の目的</th>")
            .And.NotContain("{").And.NotContain("holding_section").And.NotContain("\"case\"");
        Regex.Match(list, $"id=\"conclusion-{id}\">([^<]*)<").Groups[1].Value.Should().StartWith("ガイドライン該当");
    }

    [Fact]
    public async Task Stylesheet_StacksTablesAtPhoneWidth()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var css = await fukushi.Client.GetStringAsync("/site.css");

        // Assert
        css.Should().Contain("@media screen and (max-width: 40rem)").And.Contain("table.stack tr").And.Contain("attr(data-label)");
    }

    private static async Task<string> ResultOfAsync(WebSession session, string intakeJson)
    {
        var step = await session.GetPageAsync("/interview");
        var response = await session.PostFormAsync("/interview/answer", step, new() { ["intake"] = intakeJson, ["step"] = "1", ["action"] = "result" });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return text;
    }
}
