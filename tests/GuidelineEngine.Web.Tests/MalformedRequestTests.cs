using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace GuidelineEngine.Web.Tests;

/// <summary>Every test of the service on a real loopback port shares one host.</summary>
[CollectionDefinition(Name)]
public sealed class LoopbackCollection : ICollectionFixture<LimitsWebFactory>
{
    public const string Name = "loopback";
}

/// <summary>
/// Requests no browser of the service would send: broken bodies, odd ids, oversized fields and headers, wrong methods.
/// Each is refused with the status that says why, and no answer shows a stack trace, an exception's name or markup taken
/// from the request.
/// </summary>
[Collection(LoopbackCollection.Name)]
public sealed class MalformedRequestTests(LimitsWebFactory factory, ITestOutputHelper output)
{
    private sealed record Case(string What, HttpMethod Method, string Path, HttpContent? Body, HttpStatusCode Expected, bool Csrf = true);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [Fact]
    public async Task AsADepartment_BrokenRequests_AreRefusedCleanly()
    {
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var deep = new string('[', 200) + new string(']', 200);
        await CheckAsync(session, [
            new("invalid JSON", HttpMethod.Post, "/api/records", Json("{"), HttpStatusCode.BadRequest),
            new("YAML alias", HttpMethod.Post, "/api/records", new StringContent("a: &a [x]\nb: *a\n", Encoding.UTF8, "application/yaml"), HttpStatusCode.BadRequest),
            new("deep nesting", HttpMethod.Post, "/api/records", Json(deep), HttpStatusCode.BadRequest),
            new("not UTF-8", HttpMethod.Post, "/api/records", new ByteArrayContent([0x82, 0xA0, 0x82, 0xA2]), HttpStatusCode.BadRequest),
            new("empty body", HttpMethod.Post, "/api/records", Json(""), HttpStatusCode.BadRequest),
            new("array for an intake", HttpMethod.Post, "/api/records", Json("[]"), HttpStatusCode.BadRequest),
            new("number out of range", HttpMethod.Post, "/api/records", Json("""{"case": {"date": 1e999}, "items": [{"persons": 1e999}]}"""), HttpStatusCode.BadRequest),
            new("NUL characters", HttpMethod.Post, "/api/screen", Json("{\"case\": {\"title\": \"\\u0000\\u0000\"}}"), HttpStatusCode.BadRequest),
            new("another section's case", HttpMethod.Post, "/api/records", Json(Intakes.WelfareUse("教育振興部")), HttpStatusCode.Forbidden),
            new("no CSRF token", HttpMethod.Post, "/api/records", Json(Intakes.WelfareUse()), HttpStatusCode.BadRequest, Csrf: false),
            new("interview of garbage", HttpMethod.Post, "/api/interview", Json("""{"intake": 5}"""), HttpStatusCode.BadRequest),
            new("huge record number", HttpMethod.Get, "/api/records/R5-99999999999999999999", null, HttpStatusCode.NotFound),
            new("path traversal", HttpMethod.Get, "/api/records/..%2F..%2Fetc%2Fpasswd", null, HttpStatusCode.NotFound),
            new("SQL in an id", HttpMethod.Get, "/api/records/R5-0001'%20OR%20'1'='1", null, HttpStatusCode.NotFound),
            new("era zero", HttpMethod.Get, "/api/records/R0-0000", null, HttpStatusCode.NotFound),
            new("page of a huge number", HttpMethod.Get, "/records/H99999999999-1", null, HttpStatusCode.NotFound),
            new("office step", HttpMethod.Post, "/api/records/R5-0001/decision", Json("""{"result":"covered"}"""), HttpStatusCode.Forbidden),
            new("wrong method", HttpMethod.Put, "/api/records", Json("{}"), HttpStatusCode.MethodNotAllowed),
            new("form of garbage", HttpMethod.Post, "/records", Form(("intake", "\u0001{[")), HttpStatusCode.BadRequest),
            new("interview answer of garbage", HttpMethod.Post, "/interview/answer", Form(("intake", "{\"case\":")), HttpStatusCode.BadRequest),
            new("too many form fields", HttpMethod.Post, "/interview", Form([.. Enumerable.Range(0, 2000).Select(i => ($"f{i}", "x"))]), HttpStatusCode.BadRequest),
            new("form field name too long", HttpMethod.Post, "/interview", Form((new string('k', 5000), "x")), HttpStatusCode.BadRequest),
            new("multipart without boundary", HttpMethod.Post, "/records", new StringContent("x", Encoding.UTF8, "multipart/form-data"), HttpStatusCode.BadRequest),
        ]);
    }

    [Fact]
    public async Task AsTheOffice_BrokenDecisions_AreRefusedCleanly()
    {
        using var session = await factory.Session().SignedInAsync(WebSession.Koukai);
        await CheckAsync(session, [
            new("decision not JSON", HttpMethod.Post, "/api/records/R5-0001/decision", Json("not json"), HttpStatusCode.BadRequest),
            new("decision of the wrong type", HttpMethod.Post, "/api/records/R5-0001/decision", Json("""{"result": 5}"""), HttpStatusCode.BadRequest),
            new("committee as an array", HttpMethod.Post, "/api/records/R5-0001/committee", Json("[]"), HttpStatusCode.BadRequest),
            new("decision over the body limit", HttpMethod.Post, "/api/records/R5-0001/decision",
                Json("{\"result\": \"covered\", \"reason\": \"" + new string('r', 5 * 1024 * 1024) + "\"}"), HttpStatusCode.RequestEntityTooLarge),
            new("decision on no record", HttpMethod.Post, "/api/records/R5-9999/decision", Json("""{"result": "covered", "reason": "<b>x</b>"}"""), HttpStatusCode.NotFound),
        ]);
    }

    [Fact]
    public async Task Anonymously_BrokenRequests_AreRefusedCleanly()
    {
        using var session = factory.Session();
        var page = await session.GetPageAsync("/signin");
        var token = WebSession.FormToken(page);
        await CheckAsync(session, [
            new("sign-in without CSRF token", HttpMethod.Post, "/signin", Form(("username", "fukushi"), ("password", "x")), HttpStatusCode.BadRequest, Csrf: false),
            // No endpoint takes JSON there, and the fallback policy sends the anonymous client to sign in.
            new("sign-in as JSON", HttpMethod.Post, "/signin", Json("""{"username":"fukushi"}"""), HttpStatusCode.Redirect, Csrf: false),
            new("enormous user name", HttpMethod.Post, "/signin",
                Form(("__RequestVerificationToken", token), ("username", new string('n', 100_000)), ("password", "x")), HttpStatusCode.OK, Csrf: false),
            new("markup in the user name", HttpMethod.Post, "/signin",
                Form(("__RequestVerificationToken", token), ("username", "<script>alert(1)</script>"), ("password", "x")), HttpStatusCode.OK, Csrf: false),
            new("markup in the return address", HttpMethod.Get, "/signin?returnUrl=/%22%3E%3Cscript%3Ealert(1)%3C/script%3E", null, HttpStatusCode.OK, Csrf: false),
            new("records", HttpMethod.Get, "/api/records", null, HttpStatusCode.Unauthorized, Csrf: false),
        ]);
    }

    [Fact]
    public async Task HeadersOverTheLimit_Are431()
    {
        // Arrange
        using var session = factory.Session();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.Add("X-Padding", new string('p', 64 * 1024));

        // Act
        var response = await session.Client.SendAsync(request);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    private async Task CheckAsync(WebSession session, IReadOnlyList<Case> cases)
    {
        var wrong = new List<string>();
        foreach (var c in cases)
        {
            // A body the server refuses is then not sent at all (sent anyway, the refusal can end the connection under it).
            using var request = new HttpRequestMessage(c.Method, c.Path) { Content = c.Body, Headers = { ExpectContinue = c.Body is not null } };
            if (c.Csrf && c.Method != HttpMethod.Get)
            {
                request.Headers.Add("X-CSRF-TOKEN", await session.ApiTokenAsync());
            }
            var response = await session.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
            output.WriteLine($"{c.What}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
            if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "text/html"))
            {
                wrong.Add($"{c.What}: the {(int)response.StatusCode} answer is neither problem details nor a page");
            }
            if (response.StatusCode != c.Expected)
            {
                wrong.Add($"{c.What}: {c.Method} {c.Path} answered {(int)response.StatusCode}, not {(int)c.Expected}: {Shorten(body)}");
            }
            if (Internals.Pattern().Match(body + "\n" + headers) is { Success: true } leak)
            {
                wrong.Add($"{c.What}: the answer shows \"{leak.Value}\": {Shorten(body)}");
            }
            if (body.Contains("<script>", StringComparison.OrdinalIgnoreCase) || body.Contains("<b>x</b>", StringComparison.Ordinal))
            {
                wrong.Add($"{c.What}: the answer carries markup from the request unescaped");
            }
        }
        wrong.Should().BeEmpty();
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
