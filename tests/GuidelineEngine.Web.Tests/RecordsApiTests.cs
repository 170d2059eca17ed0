using System.Text.Json;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// The section boundary through the API: a department submits and sees only its own section's records (another
/// section's id is 404, as if it did not exist), cannot decide (403); 情報公開課 lists all and decides.
/// </summary>
public sealed class RecordsApiTests(GuidelineWebFactory factory) : IClassFixture<GuidelineWebFactory>
{
    private async Task<string> SubmitAsWelfareAsync()
    {
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var response = await fukushi.PostApiAsync("/api/records", Intakes.WelfareUse());
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await WebSession.JsonAsync(response)).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Submit_OwnSection_IsCreatedWithTheEnginesDecision()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var response = await fukushi.PostApiAsync("/api/records", Intakes.WelfareUse());

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var record = await WebSession.JsonAsync(response);
        var id = record.GetProperty("id").GetString()!;
        id.Should().MatchRegex(@"^R5-\d{4}$", "the case date 2023-10-01 is in 令和5年度");
        response.Headers.Location!.ToString().Should().Be($"/api/records/{id}");
        record.GetProperty("status").GetString().Should().Be("submitted");
        record.GetProperty("section").GetString().Should().Be("福祉部生活福祉課");
        record.GetProperty("engine_outcome").GetString().Should().Be("covered");
        record.GetProperty("version_hash").GetString().Should().StartWith("sha256:");
        record.GetProperty("decision").GetProperty("items").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Submit_DepartmentAccountForOneOfItsSections_IsAccepted()
    {
        // Arrange: 教育振興部 is a department-level account; 学務課 is one of its sections in the organ registry.
        using var kyoiku = await factory.Session().SignedInAsync(WebSession.Kyoiku);

        // Act
        var response = await kyoiku.PostApiAsync("/api/records", Intakes.WelfareUse("教育振興部学務課"));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("教育振興部")]
    [InlineData("福祉部管理課")]
    [InlineData("福祉部")]
    public async Task Submit_ForAnotherSection_IsRefused(string proposingSection)
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var before = (await WebSession.JsonAsync(await fukushi.Client.GetAsync("/api/records"))).GetArrayLength();

        // Act
        var response = await fukushi.PostApiAsync("/api/records", Intakes.WelfareUse(proposingSection));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = await WebSession.JsonAsync(response);
        problem.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("case.proposing_section");
        (await WebSession.JsonAsync(await fukushi.Client.GetAsync("/api/records"))).GetArrayLength().Should().Be(before);
    }

    [Fact]
    public async Task Submit_IntakeWithErrors_IsProblemDetailsAndRecordsNothing()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var intake = Intakes.WelfareUse().Replace("\"coordinated_support\"", "\"no_such_kind\"", StringComparison.Ordinal);

        // Act
        var response = await fukushi.PostApiAsync("/api/records", intake);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await WebSession.JsonAsync(response)).GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("items[0].purpose_kind");
    }

    [Fact]
    public async Task Get_AnotherSectionsRecordById_Is404LikeAMissingOne()
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var kyoiku = await factory.Session().SignedInAsync(WebSession.Kyoiku);

        // Act
        var other = await kyoiku.Client.GetAsync($"/api/records/{id}");
        var missing = await kyoiku.Client.GetAsync("/api/records/R5-9999");

        // Assert
        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var otherProblem = await WebSession.JsonAsync(other);
        var missingProblem = await WebSession.JsonAsync(missing);
        otherProblem.GetProperty("title").GetString().Should().Be(missingProblem.GetProperty("title").GetString());
        (await other.Content.ReadAsStringAsync()).Should().NotContain("福祉部", "nothing of the record leaks");
    }

    [Fact]
    public async Task List_AsAnotherSection_DoesNotShowTheRecord()
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var kyoiku = await factory.Session().SignedInAsync(WebSession.Kyoiku);
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var theirs = await WebSession.JsonAsync(await kyoiku.Client.GetAsync("/api/records"));
        var own = await WebSession.JsonAsync(await fukushi.Client.GetAsync("/api/records"));

        // Assert
        Ids(theirs).Should().NotContain(id);
        Ids(own).Should().Contain(id);
        own.EnumerateArray().Should().OnlyContain(r => r.GetProperty("section").GetString() == "福祉部生活福祉課");
    }

    [Fact]
    public async Task Get_OwnRecordById_ReturnsIt()
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var response = await fukushi.Client.GetAsync($"/api/records/{id}");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var record = await WebSession.JsonAsync(response);
        record.GetProperty("intake").GetString().Should().Contain("スクールソーシャルワーク事業ケースファイル");
        record.GetProperty("entries").GetArrayLength().Should().Be(1);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("decision")]
    public async Task OfficeStep_AsDepartment_Is403(string step)
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var response = await fukushi.PostApiAsync($"/api/records/{id}/{step}", new { result = "covered", reason = "自分で確定" });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        WebSession.ContentType(response)!.MediaType.Should().Be("application/problem+json");
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        var record = await WebSession.JsonAsync(await office.Client.GetAsync($"/api/records/{id}"));
        record.GetProperty("status").GetString().Should().Be("submitted");
    }

    [Fact]
    public async Task Office_ListsEverySectionAndDecides()
    {
        // Arrange
        var welfare = await SubmitAsWelfareAsync();
        using var kyoiku = await factory.Session().SignedInAsync(WebSession.Kyoiku);
        var school = (await WebSession.JsonAsync(await kyoiku.PostApiAsync("/api/records", Intakes.CasebookJson("examples/fy2023-school-lunch.yaml"))))
            .GetProperty("id").GetString()!;
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);

        // Act
        var all = await WebSession.JsonAsync(await office.Client.GetAsync("/api/records"));
        var started = await office.PostApiAsync($"/api/records/{welfare}/start", "{}");
        var decided = await office.PostApiAsync($"/api/records/{welfare}/decision", new { result = "covered" });

        // Assert
        Ids(all).Should().Contain([welfare, school]);
        started.StatusCode.Should().Be(HttpStatusCode.OK);
        (await WebSession.JsonAsync(started)).GetProperty("status").GetString().Should().Be("under_consultation");
        decided.StatusCode.Should().Be(HttpStatusCode.OK);
        var record = await WebSession.JsonAsync(decided);
        record.GetProperty("status").GetString().Should().Be("decided");
        record.GetProperty("office").GetProperty("result").GetString().Should().Be("covered");
        record.GetProperty("office").GetProperty("actor").GetString().Should().Be("koukai（総務部情報公開課）");
        record.GetProperty("entries").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public async Task Decide_OtherThanTheEngineWithoutReason_Is400()
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        await office.PostApiAsync($"/api/records/{id}/start", "{}");

        // Act
        var withoutReason = await office.PostApiAsync($"/api/records/{id}/decision", new { result = "referred" });
        var withReason = await office.PostApiAsync($"/api/records/{id}/decision", new { result = "referred", reason = "要配慮個人情報を含むため委員会で確認する" });

        // Assert
        withoutReason.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await WebSession.JsonAsync(withoutReason);
        problem.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("reason");
        withReason.StatusCode.Should().Be(HttpStatusCode.OK);
        (await WebSession.JsonAsync(withReason)).GetProperty("office").GetProperty("reason").GetString().Should().Contain("委員会");
    }

    [Fact]
    public async Task Decide_BeforeStarting_Is409()
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);

        // Act
        var response = await office.PostApiAsync($"/api/records/{id}/decision", new { result = "covered" });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Decide_UnknownRecord_Is404()
    {
        // Arrange
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);

        // Act
        var response = await office.PostApiAsync("/api/records/R5-9999/decision", new { result = "covered" });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static List<string> Ids(JsonElement list) => [.. list.EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
}
