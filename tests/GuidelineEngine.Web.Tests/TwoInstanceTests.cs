using GuidelineEngine.Application.Replay;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// Two instances of the service on one store, each on its own loopback port, as behind a reverse proxy: what one signs
/// (cookie, form token, API token) the other accepts, and records submitted through both at once are numbered without gap
/// or repeat in one chain that verifies.
/// </summary>
[Trait(Speed.Trait, Speed.Slow)]
public sealed class TwoInstanceTests
{
    private const int SubmissionsPerInstance = 12;

    [PostgresFact]
    public async Task TwoInstances_OnOnePostgres_WorkAsOne()
    {
        using var schema = new PostgresSchema();
        await using var a = new LoopbackWebFactory(schema.Settings);
        await using var b = new LoopbackWebFactory(schema.Settings);
        await WorkAsOneAsync(a, b);

        await using var connection = new Npgsql.NpgsqlConnection(schema.Settings["Guideline:Records:ConnectionString"]);
        await connection.OpenAsync();
        await using var keys = new Npgsql.NpgsqlCommand("SELECT count(*) FROM data_protection_keys", connection);
        ((long)(await keys.ExecuteScalarAsync())!).Should().Be(1, "the instances share one key, kept in the records database");
    }

    [Fact]
    public async Task TwoInstances_OnOneSqliteFolder_WorkAsOne()
    {
        // The SQLite file and the key ring (keys/ beside it) in one folder, as on a shared disk.
        var shared = Path.Combine(Path.GetTempPath(), "guideline-two-instances-" + Guid.NewGuid().ToString("N"));
        await using var a = new LoopbackWebFactory { DataFolder = shared };
        await using var b = new LoopbackWebFactory { DataFolder = shared };
        await WorkAsOneAsync(a, b);

        Directory.GetFiles(Path.Combine(shared, "keys"), "key-*.xml").Should().ContainSingle("the instances share one key, kept beside records.db");
    }

    private static async Task WorkAsOneAsync(LoopbackWebFactory a, LoopbackWebFactory b)
    {
        // Arrange: one browser (one cookie jar) that talks to both instances, as a proxy would send it to either.
        var cookies = new CookieContainer();
        using var onA = Browser(a.Address, cookies);
        using var onB = Browser(b.Address, cookies);
        await onA.SignedInAsync(WebSession.Fukushi);

        // Act
        var home = await onB.Client.GetAsync("/");
        var formOnA = await onA.GetPageAsync("/interview");
        var apiTokenFromA = await onA.ApiTokenAsync();
        var bearer = await BearerAsync(onA);
        var submitted = await Task.WhenAll(Enumerable.Range(0, SubmissionsPerInstance * 2).Select(n => Task.Run(() =>
            Submit(n % 2 == 0 ? onA : onB, apiTokenFromA, bearer, n))));
        var signOutOnB = await onB.PostFormAsync("/signout", formOnA, []);

        // Assert
        home.StatusCode.Should().Be(HttpStatusCode.OK, "the cookie A issued is accepted by B");
        submitted.Should().OnlyContain(s => s == HttpStatusCode.Created, "A's CSRF token and A's bearer token post on B");
        signOutOnB.StatusCode.Should().Be(HttpStatusCode.Redirect, "a form token from A's page posts on B");
        signOutOnB.Headers.Location!.OriginalString.Should().Be("/signin");

        var store = b.Services.GetRequiredService<IRecordStore>();
        var entries = store.ReadAll().ToList();
        ChainVerifier.Verify(entries).Intact.Should().BeTrue("the entries of both instances form one chain");
        StoreVerifier.Verify(store).Intact.Should().BeTrue();
        entries.Select(e => FiscalYear.TryParse(e.RecordId, out _, out var number) ? number : -1)
            .Should().Equal(Enumerable.Range(1, SubmissionsPerInstance * 2), "records through both instances are numbered one after another");
    }

    // Half through the cookie with A's CSRF token, half through A's bearer token, alternating between the instances.
    private static async Task<HttpStatusCode> Submit(WebSession session, string csrf, string bearer, int n)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/records")
        {
            Content = new StringContent(Intakes.WelfareUse(title: $"二台構成-{n:00}"), System.Text.Encoding.UTF8, "application/json"),
        };
        if (n % 4 < 2)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrf);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await session.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> BearerAsync(WebSession session)
    {
        var response = await session.Client.PostAsJsonAsync("/api/token", new { name = WebSession.Fukushi.Name, password = WebSession.Fukushi.Password });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static WebSession Browser(Uri address, CookieContainer cookies) =>
        new(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = address });
}
