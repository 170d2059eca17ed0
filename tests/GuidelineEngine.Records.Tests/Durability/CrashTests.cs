using System.Diagnostics;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Tests.Storage;
using Xunit.Abstractions;

namespace GuidelineEngine.Records.Tests.Durability;

/// <summary>
/// Issue 4, "Nothing lost": a record acknowledged to the user survives a crash of the process at any point.
/// A writer process appends without end and is killed hard at a random moment, again and again on the same store;
/// then the store is reopened and every acknowledged entry must be there, the chain intact.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Iterations = 20;
    private const int Seed = 20250401;

    [Fact]
    public Task Sqlite_acknowledged_entries_survive_hard_kills() => KillRepeatedly(DurabilityStore.Sqlite());

    [PostgresFact]
    public Task Postgres_acknowledged_entries_survive_hard_kills() => KillRepeatedly(DurabilityStore.Postgres());

    [Fact]
    public Task Sqlite_acknowledged_entries_survive_a_kill_among_concurrent_writers() => KillAmongWriters(DurabilityStore.Sqlite());

    [PostgresFact]
    public Task Postgres_acknowledged_entries_survive_a_kill_among_concurrent_writers() => KillAmongWriters(DurabilityStore.Postgres());

    private async Task KillRepeatedly(DurabilityStore store)
    {
        using var _ = store;
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var acks = new List<Ack>();
        output.WriteLine($"{store.Name}; writer {StressWriterRun.DllPath}; seed {Seed}");
        for (var iteration = 1; iteration <= Iterations; iteration++)
        {
            // Kill once some entries were acknowledged, then a random 0-4 ms later: anywhere in an append,
            // including inside the transaction and between the commit and the acknowledgement.
            var waitFor = random.Next(1, 25);
            var extra = TimeSpan.FromTicks(random.Next(0, 40_000));
            using var writer = StressWriterRun.Start(store.Spec, count: 1_000_000, writer: $"crash-{iteration:D2}");
            var reached = writer.WaitForAcks(waitFor, TimeSpan.FromSeconds(30));
            if (!reached)
            {
                await writer.WaitForEndAsync(TimeSpan.FromSeconds(5));
                Assert.Fail($"Iteration {iteration}: the writer ended or stalled after {writer.AckCount} acknowledgements, "
                    + $"before the {waitFor} awaited. Its errors:\n{writer.Error}");
            }
            KillAfter(writer, extra);
            (await writer.WaitForEndAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("a killed writer ends");
            writer.Unexpected.Should().BeEmpty("the writer prints only whole acknowledgements");
            acks.AddRange(writer.Acks);
            output.WriteLine($"iteration {iteration,2}: killed after {writer.Acks.Count,3} acknowledgements "
                + $"(awaited {waitFor,2}, then {extra.TotalMilliseconds:0.00} ms)");
        }

        // Reopen as the user would after the crash: first read-only, as `records verify` does (for SQLite with the
        // write-ahead log of the killed writer still beside the file), then for writing.
        using (var readOnly = store.Open(readOnly: true))
        {
            var seen = readOnly.ReadAll().ToList();
            var report = ChainVerifier.Verify(seen);
            report.Intact.Should().BeTrue($"the chain verifies when read-only right after the crashes, but: {report.Problem?.Message}");
            var missing = acks.Select(a => a.RecordId).Except(seen.Select(e => e.RecordId)).ToList();
            missing.Should().BeEmpty("a read-only reader right after the crashes sees every acknowledged entry");
        }
        using var reopened = store.Open();
        var entries = reopened.ReadAll().ToList();
        var figures = DurabilityCheck.Check(entries, acks, maxInFlightPerWriter: 1);
        output.WriteLine($"iterations {Iterations}, acknowledged {figures.Acknowledged}, stored {figures.Stored} "
            + $"({figures.InFlight} stored but killed before acknowledged), chain intact, {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Three writers append at once; one is killed at a random moment (perhaps holding the write lock), the other two
    /// must go on appending, and are then killed too. Repeated on the same store.
    /// </summary>
    private async Task KillAmongWriters(DurabilityStore store)
    {
        const int Rounds = 6;
        const int WritersPerRound = 3;
        using var _ = store;
        var random = new Random(Seed + 1);
        var clock = Stopwatch.StartNew();
        var acks = new List<Ack>();
        output.WriteLine($"{store.Name}; seed {Seed + 1}");
        for (var round = 1; round <= Rounds; round++)
        {
            var writers = Enumerable.Range(1, WritersPerRound)
                .Select(i => StressWriterRun.Start(store.Spec, count: 1_000_000, writer: $"round-{round}-{i}"))
                .ToList();
            try
            {
                foreach (var writer in writers)
                {
                    writer.WaitForAcks(1, TimeSpan.FromSeconds(30)).Should().BeTrue($"{writer.Writer} starts appending; its errors:\n{writer.Error}");
                }
                var victim = writers[random.Next(writers.Count)];
                victim.WaitForAcks(victim.AckCount + random.Next(1, 15), TimeSpan.FromSeconds(30)).Should().BeTrue();
                KillAfter(victim, TimeSpan.FromTicks(random.Next(0, 40_000)));
                (await victim.WaitForEndAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("a killed writer ends");
                foreach (var survivor in writers.Where(w => w != victim))
                {
                    survivor.WaitForAcks(survivor.AckCount + 5, TimeSpan.FromSeconds(30)).Should().BeTrue(
                        $"{survivor.Writer} goes on appending after {victim.Writer} was killed; its errors:\n{survivor.Error}");
                    KillAfter(survivor, TimeSpan.FromTicks(random.Next(0, 40_000)));
                    (await survivor.WaitForEndAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("a killed writer ends");
                }
                output.WriteLine($"round {round}: killed {victim.Writer} first; acknowledgements "
                    + string.Join(", ", writers.Select(w => $"{w.Writer} {w.Acks.Count}")));
                foreach (var writer in writers)
                {
                    writer.Unexpected.Should().BeEmpty("the writer prints only whole acknowledgements");
                    acks.AddRange(writer.Acks);
                }
            }
            finally
            {
                writers.ForEach(w => w.Dispose());
            }
        }

        using var reopened = store.Open();
        var entries = reopened.ReadAll().ToList();
        var figures = DurabilityCheck.Check(entries, acks, maxInFlightPerWriter: 1);
        output.WriteLine($"rounds {Rounds} of {WritersPerRound} writers, acknowledged {figures.Acknowledged}, stored {figures.Stored} "
            + $"({figures.InFlight} stored but killed before acknowledged), writer changes between consecutive entries {figures.Switches}, "
            + $"chain intact, {clock.Elapsed.TotalSeconds:0.0} s");
    }

    // A random moment within an append: the kill lands before, inside or after the transaction, or before the acknowledgement.
    private static void KillAfter(StressWriterRun writer, TimeSpan delay)
    {
        var spin = Stopwatch.StartNew();
        while (spin.Elapsed < delay)
        {
            Thread.SpinWait(20);
        }
        writer.KillHard();
    }
}
