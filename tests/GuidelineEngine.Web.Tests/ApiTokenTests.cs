using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// A program signs in with POST /api/token and sends the token as Authorization: Bearer: the same roles and section
/// boundaries as the cookie, no CSRF token needed (a browser never sends a bearer token by itself), and the same throttle.
/// </summary>
public sealed class ApiTokenTests
{
    [Fact]
    public async Task DepartmentToken_Submits_WithoutCsrf_AndSeesOnlyItsSection()
    {
        // Arrange
        await using var factory = new GuidelineWebFactory();
        using var fukushi = await ProgramAsync(factory, WebSession.Fukushi);
        using var kyoiku = await ProgramAsync(factory, WebSession.Kyoiku);

        // Act
        var submitted = await fukushi.PostAsync("/api/records", Json(Intakes.WelfareUse()));
        var id = (await WebSession.JsonAsync(submitted)).GetProperty("id").GetString();
        var own = await fukushi.GetAsync($"/api/records/{id}");
        var other = await kyoiku.GetAsync($"/api/records/{id}");
        var decide = await fukushi.PostAsync($"/api/records/{id}/start", null);

        // Assert
        submitted.StatusCode.Should().Be(HttpStatusCode.Created);
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().Be(HttpStatusCode.NotFound, "another section's record is as if it did not exist");
        decide.StatusCode.Should().Be(HttpStatusCode.Forbidden, "only 情報公開課 decides");
        WebSession.ContentType(decide)!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task OfficeToken_StartsAConsultation()
    {
        // Arrange
        await using var factory = new GuidelineWebFactory();
        using var fukushi = await ProgramAsync(factory, WebSession.Fukushi);
        using var koukai = await ProgramAsync(factory, WebSession.Koukai);
        var id = (await WebSession.JsonAsync(await fukushi.PostAsync("/api/records", Json(Intakes.WelfareUse())))).GetProperty("id").GetString();

        // Act
        var started = await koukai.PostAsync($"/api/records/{id}/start", null);

        // Assert
        started.StatusCode.Should().Be(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TokenRequest_WithTheRightPassword_AnswersABearerToken()
    {
        // Arrange
        await using var factory = new GuidelineWebFactory();
        using var client = factory.CreateClient();

        // Act
        var response = await client.PostAsJsonAsync("/api/token", new { name = WebSession.Koukai.Name, password = WebSession.Koukai.Password });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await WebSession.JsonAsync(response);
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        body.GetProperty("expires_in").GetInt64().Should().Be(3600);
        body.GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();
        response.Headers.Contains("Set-Cookie").Should().BeFalse("a program's sign-in sets no cookie");
    }

    [Fact]
    public async Task ForgedToken_Answers401AsProblem()
    {
        // Arrange
        await using var factory = new GuidelineWebFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        // Act
        var response = await client.GetAsync("/api/records");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        WebSession.ContentType(response)!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task WrongPasswords_ForAToken_LockTheName_ForThePageToo()
    {
        // Arrange
        await using var factory = new SignInWebFactory();
        using var program = factory.Session("192.0.2.50");
        var name = SignInWebFactory.Users[4];
        var limit = factory.Services.GetRequiredService<GuidelineEngine.Web.Security.SignInThrottleOptions>().MaxFailuresPerName;
        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < limit - 1; i++)
        {
            wrong.Add((await program.Client.PostAsJsonAsync("/api/token", new { name, password = "wrong-" + i })).StatusCode);
        }

        // Act
        var last = await program.Client.PostAsJsonAsync("/api/token", new { name, password = "wrong-last" });
        var page = await program.SignInAsync((name, SignInWebFactory.Password));

        // Assert
        wrong.Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        last.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter!.Delta.Should().BePositive();
        WebSession.ContentType(last)!.MediaType.Should().Be("application/problem+json");
        page.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the page and the API count against one throttle");
    }

    private static async Task<HttpClient> ProgramAsync(GuidelineWebFactory factory, (string Name, string Password) user)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/token", new { name = user.Name, password = user.Password });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
