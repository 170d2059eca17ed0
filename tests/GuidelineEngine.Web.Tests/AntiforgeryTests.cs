namespace GuidelineEngine.Web.Tests;

/// <summary>Every form and every write to the records through the API needs the CSRF token of the signed-in user.</summary>
public sealed class AntiforgeryTests(GuidelineWebFactory factory) : IClassFixture<GuidelineWebFactory>
{
    [Theory]
    [InlineData("/interview")]
    [InlineData("/interview/answer")]
    [InlineData("/records")]
    [InlineData("/signout")]
    public async Task PostForm_WithoutToken_Is400(string path)
    {
        // Arrange
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var response = await session.PostFormAsync(path, page: null, new() { ["intake"] = Intakes.WelfareUse(), ["date"] = "2024-10-01" });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostOfficeDecision_WithAnExpiredToken_SaysThePageExpiredAndKeepsTheTypedReason()
    {
        // Arrange
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);

        // Act
        var response = await office.PostFormAsync("/records/R5-0001/decision", page: null,
            new() { ["result"] = "covered", ["reason"] = "別表2-2に該当することを確認した。" });
        var page = await response.Content.ReadAsStringAsync();

        // Assert: a page in the clerk's words, not a bare 400; the reason can be copied back.
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.Should().Contain("ページの有効期限が切れました").And.Contain("別表2-2に該当することを確認した。").And.Contain("href=\"/records/R5-0001\"");
    }

    [Fact]
    public async Task PostSignIn_WithoutToken_Is400()
    {
        // Arrange
        using var session = factory.Session();

        // Act
        var response = await session.PostFormAsync("/signin", page: null, new() { ["username"] = "fukushi", ["password"] = "fukushi-pass" });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostForm_WithAnotherUsersToken_Is400()
    {
        // Arrange: a token issued to kyoiku, replayed by fukushi.
        using var other = await factory.Session().SignedInAsync(WebSession.Kyoiku);
        var foreignPage = await other.GetPageAsync("/interview");
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);
        await session.GetPageAsync("/interview");

        // Act
        var response = await session.PostFormAsync("/records", foreignPage, new() { ["intake"] = Intakes.WelfareUse() });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostRecordsApi_WithoutCsrfHeader_Is400AndRecordsNothing()
    {
        // Arrange
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var response = await session.PostApiAsync("/api/records", Intakes.WelfareUse(), csrf: false);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await WebSession.JsonAsync(response)).GetProperty("title").GetString().Should().Contain("CSRF");
        (await WebSession.JsonAsync(await session.Client.GetAsync("/api/records"))).EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task PostDecisionApi_WithoutCsrfHeader_Is400()
    {
        // Arrange
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);

        // Act
        var response = await office.PostApiAsync("/api/records/R5-0001/decision", new { result = "covered" }, csrf: false);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
