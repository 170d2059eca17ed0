using GuidelineEngine.Application.Replay;
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// Many sections submitting at once over a real loopback connection, each also reading its own records and trying
/// another section's: afterwards every acknowledged record is there exactly once with ids numbered without gaps per
/// fiscal year, the chain verifies, each section sees only its own, and no answer carried another section's data or a
/// stack trace.
/// </summary>
[Trait(Speed.Trait, Speed.Slow)]
public sealed class ConcurrentSubmissionTests(ITestOutputHelper output)
{
    private const int Seed = 20231001;
    private const int RecordsPerClient = 20;
    private const string Password = "load-test-pass";

    // Sections of the registry in different departments, or different sections of one (区民部, 福祉部): none covers another.
    private static readonly string[] Sections =
    [
        "企画部企画課", "危機管理室防災推進課", "区民部戸籍住民課", "区民部税務課", "産業経済部経済課", "地域文化部地域振興課",
        "福祉部管理課", "福祉部生活福祉課", "高齢施策担当部介護保険課", "健康部健康推進課", "環境部みどり推進課", "土木部道路公園課",
    ];

    private static readonly DateOnly[] CaseDates = [new(2023, 10, 1), new(2024, 10, 1)];

    // Bounds the whole run: a hang fails the test instead of holding the suite.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public Task ManySections_SubmittingAtOnce_OnSqlite_LoseAndLeakNothing() => RunAsync([]);

    [PostgresFact]
    public async Task ManySections_SubmittingAtOnce_OnPostgres_LoseAndLeakNothing()
    {
        using var schema = new PostgresSchema();
        await RunAsync(schema.Settings);
    }

    private sealed record Ack(string Id, int Client, string Title);

    private sealed class Client(int index, WebSession session)
    {
        public int Index => index;
        public WebSession Session => session;
        public string Section => Sections[index];
        public string Marker => $"負荷試験-{index:00}-";
        public ConcurrentBag<(string Request, HttpStatusCode Status, string Body)> Answers { get; } = [];
    }

    private async Task RunAsync(Dictionary<string, string?> store)
    {
        // Arrange
        var users = Sections.Select((section, i) => ($"load-{i:00}", section)).ToList();
        var settings = TestUsers.Departments(users, Password);
        foreach (var (key, value) in store)
        {
            settings[key] = value;
        }
        await using var factory = new LoopbackWebFactory(settings);
        var sessions = await Task.WhenAll(users.Select(u => factory.Session().SignedInAsync((u.Item1, Password))));
        try
        {
            await SubmitAndCheckAsync(factory, [.. sessions.Select((session, i) => new Client(i, session))]);
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }
        }
    }

    private async Task SubmitAndCheckAsync(LoopbackWebFactory factory, List<Client> clients)
    {
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        var acknowledged = new ConcurrentDictionary<string, Ack>();
        using var bound = new CancellationTokenSource(Bound);
        var clock = Stopwatch.StartNew();

        // Act
        await Task.WhenAll(clients.Select(c => Task.Run(() => SubmitAndProbeAsync(c, acknowledged, bound.Token))));
        var elapsed = clock.Elapsed;

        // Assert
        var submissions = clients.SelectMany(c => c.Answers.Where(a => a.Request.StartsWith("POST", StringComparison.Ordinal))).ToList();
        // Each submission also fetched its CSRF token.
        var requests = clients.Sum(c => c.Answers.Count) + submissions.Count;
        output.WriteLine($"{clients.Count} clients, {requests} requests, {acknowledged.Count} records acknowledged in {elapsed.TotalSeconds:F1} s (seed {Seed})");
        submissions.Should().OnlyContain(a => a.Status == HttpStatusCode.Created, "every submission is recorded (seed {0})", Seed);
        acknowledged.Should().HaveCount(clients.Count * RecordsPerClient);

        // Everything acknowledged is in the store exactly once, and nothing else.
        var all = await ListAsync(office);
        var ids = all.Select(r => r.GetProperty("id").GetString()!).ToList();
        ids.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(acknowledged.Keys);
        foreach (var record in all)
        {
            var ack = acknowledged[record.GetProperty("id").GetString()!];
            record.GetProperty("title").GetString().Should().Be(ack.Title);
            record.GetProperty("section").GetString().Should().Be(Sections[ack.Client]);
        }
        all.Select(r => r.GetProperty("title").GetString()).Should().OnlyHaveUniqueItems("no submission was recorded twice");

        // The chain verifies, and each fiscal year numbers its records 1, 2, 3 … in the order of the chain.
        var entries = factory.Services.GetRequiredService<IRecordStore>().ReadAll().ToList();
        var chain = ChainVerifier.Verify(entries);
        chain.Intact.Should().BeTrue(chain.Problem?.Message);
        chain.Entries.Should().Be(acknowledged.Count);
        StoreVerifier.Verify(factory.Services.GetRequiredService<IRecordStore>()).Should().Match<StoreReport>(
            r => r.Intact && r.Derived == acknowledged.Count, "every submission has its derived row, agreeing with its payload");
        var numbered = entries.Select(e => Parse(e.RecordId)).ToList();
        foreach (var year in numbered.GroupBy(e => e.Year))
        {
            year.Select(e => e.Number).Should().Equal(Enumerable.Range(1, year.Count()), "fiscal year {0} has no gap and no repeat", year.Key);
        }
        numbered.Select(e => e.Year).Distinct().Should().BeEquivalentTo(CaseDates.Select(FiscalYear.Of));

        // Each section sees exactly its own records, by list and by id.
        foreach (var client in clients)
        {
            var own = await ListAsync(client.Session);
            own.Select(r => r.GetProperty("id").GetString()).Should().BeEquivalentTo(
                acknowledged.Values.Where(a => a.Client == client.Index).Select(a => a.Id), "section {0} lists its own records only", client.Section);
        }

        // No answer carried another section's name or records, or anything of a stack trace.
        foreach (var client in clients)
        {
            var others = SearchValues.Create([.. clients.Where(c => c != client).SelectMany(c => new[] { c.Section, c.Marker })], StringComparison.Ordinal);
            foreach (var (request, status, body) in client.Answers)
            {
                body.AsSpan().IndexOfAny(others).Should().Be(-1,
                    "{0} answered {1} to {2} with nothing of another section: {3}", request, status, client.Section, body);
                Internals.Pattern().IsMatch(body).Should().BeFalse("{0} answered {1} without internals: {2}", request, status, body);
            }
        }
    }

    // One section's work: submit its records (FY2023 and FY2024 by turns), read one of its own and try one of another section's after each.
    private static async Task SubmitAndProbeAsync(Client client, ConcurrentDictionary<string, Ack> acknowledged, CancellationToken bound)
    {
        var random = new Random(Seed + client.Index);
        for (var n = 0; n < RecordsPerClient; n++)
        {
            bound.ThrowIfCancellationRequested();
            var title = client.Marker + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            var response = await client.Session.PostApiAsync("/api/records", Intakes.WelfareUse(client.Section, title, CaseDates[n % CaseDates.Length]));
            var body = await Record(client, "POST /api/records", response);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                continue;
            }
            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
            acknowledged.TryAdd(id, new Ack(id, client.Index, title)).Should().BeTrue("id {0} is given once (seed {1})", id, Seed);

            var mine = await Record(client, $"GET /api/records/{id}", await client.Session.Client.GetAsync($"/api/records/{id}", bound));
            JsonDocument.Parse(mine).RootElement.GetProperty("title").GetString().Should().Be(title);
            var theirs = acknowledged.Values.Where(a => a.Client != client.Index).ToList();
            if (theirs.Count > 0)
            {
                var other = theirs[random.Next(theirs.Count)].Id;
                var answer = await client.Session.Client.GetAsync($"/api/records/{other}", bound);
                await Record(client, $"GET /api/records/{other} (another section's)", answer);
                answer.StatusCode.Should().Be(HttpStatusCode.NotFound, "{0} may not read {1} (seed {2})", client.Section, other, Seed);
            }
            if (n % 5 == 4)
            {
                await Record(client, "GET /api/records", await client.Session.Client.GetAsync("/api/records", bound));
            }
        }
    }

    private static async Task<string> Record(Client client, string request, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        client.Answers.Add((request, response.StatusCode, body));
        return body;
    }

    private static async Task<List<JsonElement>> ListAsync(WebSession session) =>
        [.. (await WebSession.JsonAsync(await session.Client.GetAsync("/api/records"))).EnumerateArray()];

    private static (int Year, int Number) Parse(string recordId) =>
        FiscalYear.TryParse(recordId, out var year, out var number) ? (year, number) : throw new InvalidOperationException($"Not a record id: {recordId}");
}
