namespace GuidelineEngine.Web.Tests;

/// <summary>The section and role boundaries through the pages, and what the pages show.</summary>
public sealed class PageBoundaryTests(GuidelineWebFactory factory) : IClassFixture<GuidelineWebFactory>
{
    private async Task<string> SubmitAsWelfareAsync()
    {
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var response = await fukushi.PostApiAsync("/api/records", Intakes.WelfareUse());
        return (await WebSession.JsonAsync(response)).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task RecordPage_OfAnotherSection_Is404()
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var kyoiku = await factory.Session().SignedInAsync(WebSession.Kyoiku);

        // Act
        var response = await kyoiku.Client.GetAsync($"/records/{id}");
        var list = await kyoiku.GetPageAsync("/records");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("id=\"not-found\"").And.NotContain("スクールソーシャルワーク");
        list.Should().NotContain(id);
    }

    [Fact]
    public async Task RecordPage_OwnSection_IsPrintableWithTheDecision()
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var page = await fukushi.GetPageAsync($"/records/{id}");
        var css = await fukushi.Client.GetStringAsync("/site.css");

        // Assert
        page.Should().Contain($"id=\"record-id\">{id}<").And.Contain("data-outcome=\"covered\"").And.Contain("類似事例")
            .And.Contain("id=\"version-hash\">sha256:");
        page.Should().NotContain("id=\"office-actions\"", "only 情報公開課 acts on a record");
        css.Should().Contain("@page { size: A4").And.Contain("\"Noto Sans CJK JP\"").And.Contain("@media print");
    }

    [Fact]
    public async Task DecisionForm_AsDepartment_IsForbidden()
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var page = await fukushi.GetPageAsync($"/records/{id}");

        // Act
        var start = await fukushi.PostFormAsync($"/records/{id}/start", page, new() { ["return_to"] = "/records" });

        // Assert: the cookie handler sends a page request to the refusal page, which answers 403.
        start.StatusCode.Should().Be(HttpStatusCode.Redirect);
        start.Headers.Location!.ToString().Should().Contain("/denied");
        (await fukushi.Client.GetAsync(start.Headers.Location)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Queue_AsOffice_OffersStartThenDecisionForms()
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);

        // Act
        var before = await office.GetPageAsync("/records");
        var start = await office.PostFormAsync($"/records/{id}/start", before, new() { ["return_to"] = "/records" });
        var after = await office.GetPageAsync("/records");

        // Assert
        before.Should().Contain($"id=\"start-{id}\"");
        start.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Should().Contain($"id=\"reason-{id}\"").And.Contain($"id=\"confirm-{id}\"").And.Contain($"id=\"refer-{id}\"").And.Contain($"id=\"reject-{id}\"");
    }

    [Fact]
    public async Task DecisionForm_OtherThanEngineWithoutReason_ShowsTheErrorAndKeepsTheRecordOpen()
    {
        // Arrange
        var id = await SubmitAsWelfareAsync();
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        await office.PostFormAsync($"/records/{id}/start", await office.GetPageAsync("/records"), new() { ["return_to"] = "/records" });
        var page = await office.GetPageAsync($"/records/{id}");

        // Act
        var response = await office.PostFormAsync($"/records/{id}/decision", page, new() { ["result"] = "not_permitted", ["reason"] = " ", ["return_to"] = $"/records/{id}" });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("id=\"errors\"").And.Contain("理由");
        text.Should().Contain("data-status=\"under_consultation\"");
    }

    [Fact]
    public async Task BasicsForm_WithErrors_ShowsThemBesideTheFields()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var page = await fukushi.GetPageAsync("/interview");

        // Act
        var response = await fukushi.PostFormAsync("/interview", page, new()
        {
            ["date"] = "2024-10-01", ["proposing_section"] = "福祉部生活福祉課", ["item_kind"] = "use_or_provision",
            ["file"] = "生活保護事務（法外援護事務を含む。）ファイル", ["recipient_type"] = "section", ["recipient_section"] = "<script>架空課</script>",
        });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("id=\"recipient_section-error\"").And.Contain("id=\"purpose-error\"");
        text.Should().NotContain("<script>", "what a user typed is encoded").And.Contain("&lt;script&gt;架空課");
    }

    [Fact]
    public async Task InterviewPage_PrefillsTheUsersSection()
    {
        // Arrange
        using var kyoiku = await factory.Session().SignedInAsync(WebSession.Kyoiku);

        // Act
        var page = await kyoiku.GetPageAsync("/interview");

        // Assert
        WebSession.InputValue(page, "proposing_section").Should().Be("教育振興部");
        page.Should().Contain("id=\"start-interview\"");
    }
}
