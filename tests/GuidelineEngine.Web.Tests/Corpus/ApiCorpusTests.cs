using System.Diagnostics;
using System.Text.Json;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GuidelineEngine.Web.Tests.Corpus;

/// <summary>
/// The bad-input corpus (tests/corpus/manifest.yaml) through the JSON API: POST /api/screen and POST /api/records answer the
/// manifest's status with exactly its errors (field, line, column, message) as problem details, and a bad case records nothing.
/// </summary>
public sealed class ApiCorpusTests(ApiCorpusTests.SignedInService service) : IClassFixture<ApiCorpusTests.SignedInService>
{
    /// <summary>
    /// The service, started (rules and store built, so no timed request pays for that), and 福祉部生活福祉課 signed in once
    /// for the class: it may submit the corpus cases, which 福祉部 proposes.
    /// </summary>
    public sealed class SignedInService : IAsyncLifetime
    {
        public GuidelineWebFactory Factory { get; } = new();

        public WebSession Session { get; private set; } = null!;

        // The corpus is proposed by 福祉部, a department: 情報公開課 acts for it (a section account acts for its section only).
        public async Task InitializeAsync() => Session = await Factory.Session().SignedInAsync(WebSession.Koukai);

        public async Task DisposeAsync()
        {
            Session.Dispose();
            await Factory.DisposeAsync();
        }
    }

    public static TheoryData<string> Intakes => [.. BadInputCorpus.Ids("intake", BadInputCorpus.Api)];

    [Theory]
    [MemberData(nameof(Intakes))]
    public async Task Screen_CorpusIntake_AnswersAsTheManifestSays(string id)
    {
        // Arrange
        var (entry, body, contentType) = Input(id);
        var expected = entry.For(BadInputCorpus.Api);

        // Act
        var clock = Stopwatch.StartNew();
        var response = await service.Session.PostApiAsync("/api/screen", body, contentType, csrf: false);
        var elapsed = clock.Elapsed;

        // Assert
        await ShouldAnswerAsync(response, entry, expected.Status!.Value);
        ShouldBeQuick(entry, elapsed);
    }

    [Theory]
    [MemberData(nameof(Intakes))]
    public async Task Submit_CorpusIntake_RecordsOnlyWhatIsAccepted(string id)
    {
        // Arrange
        var (entry, body, contentType) = Input(id);
        var expected = entry.For(BadInputCorpus.Api);
        var before = VerifiedEntries();

        // Act
        var clock = Stopwatch.StartNew();
        var response = await service.Session.PostApiAsync("/api/records", body, contentType);
        var elapsed = clock.Elapsed;

        // Assert: a refused case writes nothing, not even part of a record, and the chain stays intact.
        await ShouldAnswerAsync(response, entry, expected.RecordStatus!.Value);
        VerifiedEntries().Should().Be(before + (entry.Accepted(BadInputCorpus.Api) ? 1 : 0));
        ShouldBeQuick(entry, elapsed);
    }

    private static (CorpusEntry Entry, byte[] Body, string ContentType) Input(string id)
    {
        var entry = BadInputCorpus.Get(id);
        using var folder = new TempFolder();
        var body = File.ReadAllBytes(entry.WriteIntake(folder.Path));
        return (entry, body, entry.FileName.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/yaml");
    }

    private static async Task ShouldAnswerAsync(HttpResponseMessage response, CorpusEntry entry, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(status, "{0} ({1}); the answer was {2}", entry.Id, entry.What, text);
        if (entry.Accepted(BadInputCorpus.Api))
        {
            return;
        }
        WebSession.ContentType(response)!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(status);
        // The API names no file: the body is the file. A problem without a list of errors is one error, its detail.
        var errors = problem.TryGetProperty("errors", out var list)
            ? list.EnumerateArray().Select(e => new ExpectedError("", e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32(),
                e.GetProperty("field").GetString()!, e.GetProperty("message").GetString()!)).ToList()
            : [new ExpectedError("", 0, 0, "", problem.GetProperty("detail").GetString()!)];
        errors.Should().Equal(entry.ExpectedErrors(BadInputCorpus.Api, folder: null),
            "{0} ({1}) should give exactly the manifest's errors", entry.Id, entry.What);
    }

    private static void ShouldBeQuick(CorpusEntry entry, TimeSpan elapsed)
    {
        if (entry.Bounded)
        {
            elapsed.Should().BeLessThan(BadInputCorpus.TimeBound, "{0} must be refused quickly", entry.Id);
        }
    }

    // The service's own store, read as `records verify` reads it.
    private long VerifiedEntries()
    {
        var report = ChainVerifier.Verify(service.Factory.Services.GetRequiredService<IRecordStore>().ReadAll());
        report.Problem.Should().BeNull("the record chain must stay intact");
        return report.Entries;
    }
}
