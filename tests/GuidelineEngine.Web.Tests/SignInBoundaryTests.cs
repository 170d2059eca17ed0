namespace GuidelineEngine.Web.Tests;

/// <summary>Anonymous requests can read nothing and write nothing; a wrong password signs nobody in.</summary>
public sealed class SignInBoundaryTests(GuidelineWebFactory factory) : IClassFixture<GuidelineWebFactory>
{
    [Theory]
    [InlineData("/api/records")]
    [InlineData("/api/records/R6-0001")]
    [InlineData("/api/antiforgery")]
    [InlineData("/openapi/v1.json")]
    public async Task Get_ApiAnonymously_Is401ProblemDetails(string path)
    {
        // Arrange
        using var session = factory.Session();

        // Act
        var response = await session.Client.GetAsync(path);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        WebSession.ContentType(response)!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("/api/screen")]
    [InlineData("/api/interview")]
    [InlineData("/api/records")]
    [InlineData("/api/records/R6-0001/start")]
    [InlineData("/api/records/R6-0001/decision")]
    public async Task Post_ApiAnonymously_Is401AndWritesNothing(string path)
    {
        // Arrange
        using var session = factory.Session();

        // Act
        var response = await session.PostApiAsync(path, Intakes.WelfareUse(), csrf: false);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        var records = await WebSession.JsonAsync(await office.Client.GetAsync("/api/records"));
        records.EnumerateArray().Should().BeEmpty("an anonymous write records nothing");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/interview")]
    [InlineData("/records")]
    [InlineData("/records/R6-0001")]
    public async Task Get_PageAnonymously_RedirectsToSignIn(string path)
    {
        // Arrange
        using var session = factory.Session();

        // Act
        var response = await session.Client.GetAsync(path);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().StartWith("http://localhost/signin?ReturnUrl=");
    }

    [Fact]
    public async Task PostForm_Anonymously_RedirectsToSignInAndRecordsNothing()
    {
        // Arrange: a token from the sign-in page, so only the missing sign-in can refuse it.
        using var session = factory.Session();
        var page = await session.GetPageAsync("/signin");

        // Act
        var response = await session.PostFormAsync("/records", page, new() { ["intake"] = Intakes.WelfareUse() });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/signin");
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_FailsAndSetsNoCookie()
    {
        // Arrange
        using var session = factory.Session();

        // Act
        var response = await session.SignInAsync((WebSession.Fukushi.Name, "wrong-password"));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("id=\"signin-error\"").And.Contain("ユーザー名またはパスワードが違います");
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).Should().NotContain(c => c.StartsWith("guideline.auth=", StringComparison.Ordinal));
        (await session.Client.GetAsync("/api/records")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_WithUnknownUser_Fails()
    {
        // Arrange
        using var session = factory.Session();

        // Act
        var response = await session.SignInAsync(("nobody", "fukushi-pass"));

        // Assert
        (await response.Content.ReadAsStringAsync()).Should().Contain("id=\"signin-error\"");
        (await session.Client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("fukushi", "fukushi-pass", "福祉部生活福祉課")]
    [InlineData("kyoiku", "kyoiku-pass", "教育振興部")]
    [InlineData("koukai", "koukai-pass", "総務部情報公開課")]
    public async Task SignIn_AsExampleUser_OpensTheHomePage(string name, string password, string section)
    {
        // Arrange
        using var session = factory.Session();

        // Act
        var response = await session.SignInAsync((name, password));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/");
        (await session.GetPageAsync("/")).Should().Contain($"所属: {section}");
    }

    [Fact]
    public async Task SignIn_WithForeignReturnUrl_StaysOnThisSite()
    {
        // Arrange
        using var session = factory.Session();
        var page = await session.GetPageAsync("/signin");

        // Act
        var response = await session.PostFormAsync("/signin", page,
            new() { ["username"] = "fukushi", ["password"] = "fukushi-pass", ["returnUrl"] = "//evil.example/steal" });

        // Assert
        response.Headers.Location!.ToString().Should().Be("/");
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        // Arrange
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var home = await session.GetPageAsync("/");

        // Act
        var response = await session.PostFormAsync("/signout", home, []);

        // Assert
        response.Headers.Location!.ToString().Should().Be("/signin");
        (await session.Client.GetAsync("/api/records")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OpenApi_SignedIn_DescribesTheApi()
    {
        // Arrange
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var document = await WebSession.JsonAsync(await session.Client.GetAsync("/openapi/v1.json"));

        // Assert
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/screen", "/api/interview", "/api/records", "/api/records/{id}", "/api/records/{id}/start", "/api/records/{id}/decision"]);
        paths.Should().NotContain(p => p.StartsWith("/interview", StringComparison.Ordinal) || p == "/signin", "pages are not part of the API");
    }
}
