using System.Net.Http.Json;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// Behind a reverse proxy the throttle counts the client's address from X-Forwarded-For, but only when the request comes
/// from a configured proxy: otherwise a client could name a new address with each guess.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const int AddressLimit = 3;

    [Fact]
    public async Task FromAConfiguredProxy_EachClientAddress_IsCountedApart()
    {
        // Arrange
        await using var service = new LoopbackWebFactory(Settings(knownProxy: "127.0.0.1"));
        using var client = service.Session();
        for (var i = 0; i < AddressLimit - 1; i++)
        {
            await WrongPasswordAsync(client, "203.0.113.7", $"guess-{i}");
        }

        // Act
        var locking = await WrongPasswordAsync(client, "203.0.113.7", "guess-last");
        var otherClient = await WrongPasswordAsync(client, "203.0.113.8", "guess-other");

        // Assert
        locking.Should().Be(HttpStatusCode.TooManyRequests, "the guesses came from one client address");
        otherClient.Should().Be(HttpStatusCode.Unauthorized, "another client behind the same proxy is not locked");
    }

    [Fact]
    public async Task WithoutAConfiguredProxy_XForwardedFor_IsIgnored()
    {
        // Arrange
        await using var service = new LoopbackWebFactory(Settings(knownProxy: null));
        using var client = service.Session();
        for (var i = 0; i < AddressLimit - 1; i++)
        {
            await WrongPasswordAsync(client, $"203.0.113.{10 + i}", $"guess-{i}");
        }

        // Act
        var last = await WrongPasswordAsync(client, "203.0.113.99", "guess-last");

        // Assert
        last.Should().Be(HttpStatusCode.TooManyRequests, "a client cannot escape the count by naming another address");
    }

    [Fact]
    public async Task FromAConfiguredProxy_XForwardedProto_MarksTheCookieSecure()
    {
        // Arrange
        await using var service = new LoopbackWebFactory(Settings(knownProxy: "127.0.0.1"));
        using var client = service.Session();
        var page = await client.GetPageAsync("/signin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = WebSession.Fukushi.Name, ["password"] = WebSession.Fukushi.Password,
                ["__RequestVerificationToken"] = WebSession.FormToken(page),
            }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");

        // Act
        var response = await client.Client.SendAsync(request);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("guideline.auth=", StringComparison.Ordinal) && c.Contains("secure"));
    }

    private static Dictionary<string, string?> Settings(string? knownProxy)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Guideline:SignIn:MaxFailuresPerName"] = "0",
            ["Guideline:SignIn:MaxFailuresPerAddress"] = AddressLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (knownProxy is not null)
        {
            settings["Guideline:ReverseProxy:KnownProxies:0"] = knownProxy;
        }
        return settings;
    }

    // A wrong password for a new name each time, so only the address can be counted.
    private static async Task<HttpStatusCode> WrongPasswordAsync(WebSession session, string clientAddress, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/token") { Content = JsonContent.Create(new { name, password = "wrong" }) };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        using var response = await session.Client.SendAsync(request);
        return response.StatusCode;
    }
}
