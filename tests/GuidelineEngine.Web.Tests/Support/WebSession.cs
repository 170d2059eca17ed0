using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>One user's conversation with the service: cookies, CSRF tokens from pages and from the API, sign-in.</summary>
public sealed partial class WebSession(HttpClient client) : IDisposable
{
    /// <summary>The example users of appsettings.json and their example passwords (README).</summary>
    public static readonly (string Name, string Password) Fukushi = ("fukushi", "fukushi-pass");
    public static readonly (string Name, string Password) Kyoiku = ("kyoiku", "kyoiku-pass");
    public static readonly (string Name, string Password) Koukai = ("koukai", "koukai-pass");

    public HttpClient Client { get; } = client;

    public async Task<HttpResponseMessage> SignInAsync((string Name, string Password) user)
    {
        var page = await GetPageAsync("/signin");
        return await PostFormAsync("/signin", page, new() { ["username"] = user.Name, ["password"] = user.Password, ["returnUrl"] = "/" });
    }

    /// <summary>Signs in and checks that it worked.</summary>
    public async Task<WebSession> SignedInAsync((string Name, string Password) user)
    {
        var response = await SignInAsync(user);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "the user {0} signs in with the right password: {1}", user.Name,
            response.StatusCode == HttpStatusCode.Redirect ? "" : await response.Content.ReadAsStringAsync());
        return this;
    }

    public async Task<string> GetPageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "GET {0} answers the page: {1}", path, text);
        return text;
    }

    /// <summary>Posts a form with the CSRF token taken from <paramref name="page"/> (null: no token at all).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, string? page, Dictionary<string, string> fields)
    {
        var all = new List<KeyValuePair<string, string>>(fields);
        if (page is not null)
        {
            all.Add(new("__RequestVerificationToken", FormToken(page)));
        }
        return Client.PostAsync(path, new FormUrlEncodedContent(all));
    }

    public static string FormToken(string page) => TokenField().Match(page) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("The page has no CSRF token field.");

    /// <summary>The value of a hidden or text input by its id, decoded.</summary>
    public static string InputValue(string page, string id)
    {
        var match = Regex.Match(page, $"<input[^>]*id=\"{Regex.Escape(id)}\"[^>]*value=\"([^\"]*)\"");
        if (!match.Success)
        {
            match = Regex.Match(page, $"<input[^>]*value=\"([^\"]*)\"[^>]*id=\"{Regex.Escape(id)}\"");
        }
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No input #{id} on the page.");
    }

    /// <summary>A JSON (or YAML) body posted to the API, with the CSRF header when <paramref name="csrf"/> is set.</summary>
    public Task<HttpResponseMessage> PostApiAsync(string path, string body, bool csrf = true, string contentType = "application/json") =>
        PostApiAsync(path, new StringContent(body, Encoding.UTF8, contentType), csrf);

    /// <summary>A body posted exactly as these bytes (another encoding, a byte order mark), with the CSRF header when <paramref name="csrf"/> is set.</summary>
    public Task<HttpResponseMessage> PostApiAsync(string path, byte[] body, string contentType, bool csrf = true) =>
        PostApiAsync(path, new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } }, csrf);

    private async Task<HttpResponseMessage> PostApiAsync(string path, HttpContent content, bool csrf)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (csrf)
        {
            request.Headers.Add("X-CSRF-TOKEN", await ApiTokenAsync());
        }
        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostApiAsync(string path, object body, bool csrf = true) =>
        PostApiAsync(path, JsonSerializer.Serialize(body), csrf);

    public async Task<string> ApiTokenAsync()
    {
        var token = await Client.GetFromJsonAsync<JsonElement>("/api/antiforgery");
        return token.GetProperty("request_token").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
