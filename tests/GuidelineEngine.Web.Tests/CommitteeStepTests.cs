namespace GuidelineEngine.Web.Tests;

/// <summary>
/// The 運営委員会's result on a referred record: a closed set of codes shown in Japanese, recorded by 情報公開課 from the
/// record page (with its CSRF token) or the API; and the user who made each entry, shown in the record's history.
/// </summary>
public sealed class CommitteeStepTests(GuidelineWebFactory factory) : IClassFixture<GuidelineWebFactory>
{
    private async Task<string> ReferredAsync(WebSession office)
    {
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var submitted = await fukushi.PostApiAsync("/api/records", Intakes.WelfareUse());
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var id = (await WebSession.JsonAsync(submitted)).GetProperty("id").GetString()!;
        (await office.PostApiAsync($"/api/records/{id}/start", "{}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await office.PostApiAsync($"/api/records/{id}/decision", new { result = "referred", reason = "委員会の意見を聴く" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task CommitteeForm_OnAReferredRecord_RecordsTheCodeAndShowsTheJapaneseLabel()
    {
        // Arrange
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        var id = await ReferredAsync(office);
        var page = await office.GetPageAsync($"/records/{id}");

        // Act
        var response = await office.PostFormAsync($"/records/{id}/committee", page,
            new() { ["result"] = "approved_with_conditions", ["reason"] = "保存期間を3年とする条件で承認する。" });

        // Assert
        page.Should().Contain($"id=\"committee-form-{id}\"").And.Contain("<option value=\"approved_with_conditions\">条件付き承認</option>");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be($"/records/{id}");
        var after = await office.GetPageAsync($"/records/{id}");
        after.Should().Contain("data-result=\"approved_with_conditions\">条件付き承認</td>")
            .And.Contain("保存期間を3年とする条件で承認する。")
            .And.NotContain($"id=\"committee-form-{id}\"", "the committee gives one result");
    }

    [Theory]
    [InlineData("approved", "")]
    [InlineData("maybe", "理由はある")]
    public async Task CommitteeForm_WithoutReasonOrWithAnUnknownResult_Is400AndWritesNothing(string result, string reason)
    {
        // Arrange
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        var id = await ReferredAsync(office);
        var page = await office.GetPageAsync($"/records/{id}");

        // Act
        var response = await office.PostFormAsync($"/records/{id}/committee", page, new() { ["result"] = result, ["reason"] = reason });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("id=\"errors\"").And.Contain("運営委員会の結果");
        var record = await WebSession.JsonAsync(await office.Client.GetAsync($"/api/records/{id}"));
        record.GetProperty("entries").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public async Task CommitteeForm_WithoutTheCsrfToken_IsRefused()
    {
        // Arrange
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        var id = await ReferredAsync(office);

        // Act
        var response = await office.PostFormAsync($"/records/{id}/committee", null, new() { ["result"] = "approved", ["reason"] = "承認する" });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var record = await WebSession.JsonAsync(await office.Client.GetAsync($"/api/records/{id}"));
        record.GetProperty("entries").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public async Task CommitteeApi_WithACode_AnswersTheCodeAndItsLabel()
    {
        // Arrange
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        var id = await ReferredAsync(office);

        // Act
        var unknown = await office.PostApiAsync($"/api/records/{id}/committee", new { result = "承認済み", reason = "理由" });
        var withdrawn = await office.PostApiAsync($"/api/records/{id}/committee", new { result = "withdrawn", reason = "所管課が申出を取り下げた。" });

        // Assert
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await WebSession.JsonAsync(unknown)).GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("result");
        withdrawn.StatusCode.Should().Be(HttpStatusCode.OK);
        var committee = (await WebSession.JsonAsync(withdrawn)).GetProperty("committee");
        committee.GetProperty("result").GetString().Should().Be("withdrawn");
        committee.GetProperty("result_label").GetString().Should().Be("取下げ");
        committee.GetProperty("actor").GetString().Should().Be("koukai（総務部情報公開課）");
    }

    [Fact]
    public async Task RecordPage_AfterASubmissionByAUser_ShowsThatUserInTheHistory()
    {
        // Arrange
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        var id = await ReferredAsync(office);

        // Act
        var page = await office.GetPageAsync($"/records/{id}");

        // Assert
        page.Should().Contain("<td id=\"record-submitted-by\">fukushi（福祉部生活福祉課）</td>");
        var history = page[page.IndexOf("id=\"record-entries\"", StringComparison.Ordinal)..];
        history.Should().Contain(">fukushi（福祉部生活福祉課）</td>").And.Contain(">koukai（総務部情報公開課）</td>");
    }
}
