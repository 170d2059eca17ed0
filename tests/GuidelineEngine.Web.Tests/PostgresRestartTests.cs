using GuidelineEngine.Application.Replay;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;
using Xunit.Abstractions;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// "Robustness": PostgreSQL restarted under the running service while staff submit consultations through the API —
/// once stopped cleanly (an administrator's restart), once killed (a crash, recovered from the server's log on start).
/// During the outage the service answers 503 with a Japanese problem detail (the store is unavailable, try again later),
/// never 500 or a stack trace; once the server is back it takes submissions again without being restarted itself, also
/// after a restart nobody saw (its pooled connections dead); no acknowledged record is lost, none is stored twice, a
/// refusal never claims that nothing was written when something was, and the chain verifies.
/// </summary>
[Trait(Speed.Trait, Speed.Slow)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    private const int Writers = 2;

    /// <summary>Responses wanted in each phase, per writer: before the restarts, during each outage, after each restart.</summary>
    private const int PerPhase = 4;

    private static readonly TimeSpan PhaseLimit = TimeSpan.FromSeconds(60);

    /// <summary>One submission: when it was sent and answered (<see cref="Stopwatch.GetTimestamp"/>), and the answer.</summary>
    private sealed record Attempt(string Writer, string Title, long Sent, long Answered, HttpStatusCode Status, string? MediaType, string Body)
    {
        public string? RecordId => Status == HttpStatusCode.Created ? JsonDocument.Parse(Body).RootElement.GetProperty("id").GetString() : null;
    }

    /// <summary>
    /// One stop and start of the server: stopped at <c>Down</c>, starting at <c>Restarting</c>, accepting connections again
    /// at <c>Up</c>; <c>Back</c> ends the time after it (when the next stop begins, or the end).
    /// </summary>
    private sealed record Outage(string Mode, long Down, long Restarting, long Up, HttpResponseMessage ListDuringOutage, string ListBody)
    {
        public long Back { get; set; } = long.MaxValue;
    }

    [PrivatePostgresFact]
    public async Task A_restarted_server_is_reported_as_503_and_the_service_recovers_losing_nothing()
    {
        var clock = Stopwatch.StartNew();
        using var server = PrivatePostgres.Create();
        var created = clock.Elapsed;
        await using var factory = new GuidelineWebFactory { PostgresConnectionString = server.ConnectionString };
        using var office = await factory.Session().SignedInAsync(WebSession.Koukai);
        var sessions = new List<WebSession>();
        for (var i = 0; i < Writers; i++)
        {
            sessions.Add(await factory.Session().SignedInAsync(WebSession.Fukushi));
        }
        var attempts = new ConcurrentQueue<Attempt>();
        using var stop = new CancellationTokenSource();
        var writers = sessions.Select((session, i) => Task.Run(() => Submit($"w{i + 1}", session, attempts, stop.Token))).ToList();
        var outages = new List<Outage>();
        try
        {
            await Until(() => attempts.Count(a => a.Status == HttpStatusCode.Created) >= Writers * PerPhase, "submissions are acknowledged before the restart", attempts);
            foreach (var mode in new[] { "fast", "immediate" })
            {
                var stopping = Stopwatch.GetTimestamp();
                if (outages.Count > 0)
                {
                    outages[^1].Back = stopping;
                }
                server.Stop(mode);
                var down = Stopwatch.GetTimestamp();
                await Until(() => attempts.Count(a => a.Sent >= down) >= Writers * PerPhase, $"the writers keep submitting while the server is down ({mode})", attempts);
                var list = await office.Client.GetAsync("/api/records");
                var listBody = await list.Content.ReadAsStringAsync();
                var restarting = Stopwatch.GetTimestamp();
                server.Start();
                var up = Stopwatch.GetTimestamp();
                await Until(() => attempts.Count(a => a.Sent >= up && a.Status == HttpStatusCode.Created) >= Writers * PerPhase,
                    $"submissions are acknowledged again after the restart ({mode})", attempts);
                outages.Add(new Outage(mode, down, restarting, up, list, listBody));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        // A restart while nobody writes: the service's pooled connections die with the server unnoticed. The first
        // submission after it must go through all the same, not fail on one of them.
        server.Stop("fast");
        server.Start();
        var afterQuietRestart = await SubmitOnce("quiet", sessions[0], "再起動試験 quiet-0001");
        attempts.Enqueue(afterQuietRestart);
        afterQuietRestart.Status.Should().Be(HttpStatusCode.Created, "the first submission after a quiet restart goes through: {0}", afterQuietRestart.Body);
        sessions.ForEach(s => s.Dispose());

        var all = attempts.ToList();
        all.Should().OnlyContain(a => a.Status == HttpStatusCode.Created || a.Status == HttpStatusCode.ServiceUnavailable,
            "a submission is either acknowledged or refused as unavailable, never an internal error");
        foreach (var refused in all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable))
        {
            ShouldBeAnUnavailableProblem(refused.MediaType, refused.Body, $"the answer to {refused.Title}");
        }
        foreach (var outage in outages)
        {
            var during = all.Where(a => a.Sent >= outage.Down && a.Answered <= outage.Restarting).ToList();
            during.Should().NotBeEmpty();
            during.Should().OnlyContain(a => a.Status == HttpStatusCode.ServiceUnavailable, "nothing can be stored while the server is down");
            during.Should().OnlyContain(a => a.Body.Contains("接続できません", StringComparison.Ordinal) && a.Body.Contains("何も書き込まれていません", StringComparison.Ordinal),
                "a submission sent while the server is down is known not to be stored");
            outage.ListDuringOutage.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, outage.ListBody);
            ShouldBeAnUnavailableProblem(outage.ListDuringOutage.Content.Headers.ContentType?.MediaType, outage.ListBody, "the list during the outage");
            all.Where(a => a.Sent >= outage.Up && a.Answered < outage.Back).Should().OnlyContain(a => a.Status == HttpStatusCode.Created,
                "once the server is back, every submission goes through: the service recovers without a restart and no dead connection is used again");
        }

        // The store as `records verify` reads it.
        using var store = new RecordStoreOptions { Provider = "postgres", ConnectionString = server.ConnectionString }.Open(readOnly: true);
        var entries = store.ReadAll().ToList();
        var report = ChainVerifier.Verify(entries);
        report.Intact.Should().BeTrue(report.Problem?.Message);
        // Each stored submission has its derived row, and it agrees with the payload: an outage never split the two.
        StoreVerifier.Verify(store).Should().Match<StoreReport>(r => r.Intact && r.Derived == entries.Count && r.Underived == 0);
        entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i));
        entries.Should().OnlyContain(e => e.Kind == EntryKind.Submitted);
        var stored = entries.Select(e => (e.RecordId, Title: Title(e))).ToList();
        stored.Select(s => s.Title).Should().OnlyHaveUniqueItems("no submission is stored twice");
        stored.Select(s => s.RecordId).Should().OnlyHaveUniqueItems();
        var storedIds = stored.ToDictionary(s => s.Title, s => s.RecordId);
        var acknowledged = all.Where(a => a.Status == HttpStatusCode.Created).ToList();
        acknowledged.Where(a => !storedIds.TryGetValue(a.Title, out var id) || id != a.RecordId).Should().BeEmpty(
            "every acknowledged record is stored, under the id it was acknowledged with");
        var refusedStored = all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable && storedIds.ContainsKey(a.Title)).ToList();
        refusedStored.Where(a => !a.Body.Contains("記録されたかどうかは分かりません", StringComparison.Ordinal)).Should().BeEmpty(
            "a refusal says that nothing was written only when nothing was; else that the writer cannot know");
        storedIds.Keys.Should().BeSubsetOf(all.Select(a => a.Title), "only what was submitted is stored");
        var listed = await office.Client.GetAsync("/api/records");
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await WebSession.JsonAsync(listed)).EnumerateArray().Select(r => r.GetProperty("id").GetString())
            .Should().BeEquivalentTo(stored.Select(s => s.RecordId), "the service lists every stored record after the restarts");

        output.WriteLine($"private cluster {server.Port} made in {created.TotalSeconds:0.0} s; {Writers} writers; {all.Count} submissions, "
            + $"{acknowledged.Count} acknowledged (all stored), {all.Count - acknowledged.Count} refused with 503 ({refusedStored.Count} of them stored all the same: "
            + "the connection broke while the commit was under way, and the answer said so); "
            + $"{entries.Count} entries, chain intact; {clock.Elapsed.TotalSeconds:0.0} s in all");
        var since = 0L;
        foreach (var outage in outages)
        {
            var refused = all.Count(a => a.Status == HttpStatusCode.ServiceUnavailable && a.Sent >= since && a.Sent < outage.Up);
            since = outage.Up;
            var firstBack = all.Where(a => a.Sent >= outage.Up && a.Status == HttpStatusCode.Created).Min(a => a.Answered);
            output.WriteLine($"{outage.Mode}: down {Stopwatch.GetElapsedTime(outage.Down, outage.Up).TotalSeconds:0.0} s (restart included), "
                + $"{refused} refused with 503, first acknowledgement {Stopwatch.GetElapsedTime(outage.Up, firstBack).TotalMilliseconds:0} ms after the server was back");
        }
        output.WriteLine("an answer during the outage: " + all.First(a => a.Status == HttpStatusCode.ServiceUnavailable && a.Sent >= outages[0].Down).Body);
    }

    private static async Task Submit(string writer, WebSession session, ConcurrentQueue<Attempt> attempts, CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var attempt = await SubmitOnce(writer, session, $"再起動試験 {writer}-{n:D4}");
            attempts.Enqueue(attempt);
            if (attempt.Status != HttpStatusCode.Created)
            {
                // A client told to try again later waits a little.
                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }
        }
    }

    /// <summary>Submits the welfare example under a title of its own, by which it is found in the store.</summary>
    private static async Task<Attempt> SubmitOnce(string writer, WebSession session, string title)
    {
        var sent = Stopwatch.GetTimestamp();
        using var response = await session.PostApiAsync("/api/records", Intakes.WelfareUse(title: title));
        var body = await response.Content.ReadAsStringAsync();
        return new Attempt(writer, title, sent, Stopwatch.GetTimestamp(), response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    private static void ShouldBeAnUnavailableProblem(string? mediaType, string body, string what)
    {
        mediaType.Should().Be("application/problem+json", what);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(503, what);
        var detail = problem.GetProperty("detail").GetString();
        detail.Should().Contain("PostgreSQL サーバー", what).And.Contain("やり直してください", what);
        body.Should().NotContainAny(["Exception", "   at ", "Npgsql", "Password="], $"{what} shows no stack trace and no connection string");
    }

    private static string Title(RecordEntry entry)
    {
        using var payload = JsonDocument.Parse(entry.Payload);
        return payload.RootElement.GetProperty("decision").GetProperty("title").GetString()!;
    }

    private static async Task Until(Func<bool> condition, string what, ConcurrentQueue<Attempt> attempts)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > PhaseLimit)
            {
                var last = attempts.LastOrDefault();
                Assert.Fail($"Waited {PhaseLimit.TotalSeconds:0} s in vain until {what}; {attempts.Count} submissions, the last answered {last?.Status}: {last?.Body}");
            }
            await Task.Delay(20);
        }
    }
}
