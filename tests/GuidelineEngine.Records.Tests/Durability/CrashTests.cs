using System.Diagnostics;
using GuidelineEngine.Records.Tests.Storage;
using Xunit.Abstractions;

namespace GuidelineEngine.Records.Tests.Durability;

/// <summary>
/// Issue 4, "Nothing lost", and the fault tests of "Robustness": a record acknowledged to the user survives a crash of the
/// process at any point. A writer process appends without end and is killed hard at a random moment, again and again on
/// the same store; after each kill the store must verify as <c>records verify</c> does, with every acknowledged entry in it.
/// </summary>
[Collection(DurabilityCollection.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Kills = 100;

    /// <summary>Writers started ahead of the one appending (see <see cref="ReadyWriters"/>).</summary>
    private const int Ahead = 2;

    [Fact]
    public Task Sqlite_acknowledged_entries_survive_hard_kills() => KillRepeatedly(DurabilityStore.Sqlite());

    [PostgresFact]
    public Task Postgres_acknowledged_entries_survive_hard_kills() => KillRepeatedly(DurabilityStore.Postgres());

    [Fact]
    public Task Sqlite_acknowledged_entries_survive_a_kill_among_concurrent_writers() => KillAmongWriters(DurabilityStore.Sqlite());

    [PostgresFact]
    public Task Postgres_acknowledged_entries_survive_a_kill_among_concurrent_writers() => KillAmongWriters(DurabilityStore.Postgres());

    /// <summary>
    /// Each writer opens the store, is let go, appends a few entries, and is killed at a random point of the append after
    /// them: a random fraction of one append's duration, measured on the writer's own acknowledgements. So the kills fall
    /// all over an append — in the transaction, in the commit, between the commit and the acknowledgement — whatever the
    /// speed of the machine; each kill's outcome shows which side of the commit it fell on.
    /// </summary>
    private async Task KillRepeatedly(DurabilityStore store)
    {
        using var _ = store;
        var seed = DurabilitySeed.For(20250401);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var acks = new List<Ack>();
        var committedUnacknowledged = 0;
        output.WriteLine($"{store.Name}; writer {StressWriterRun.DllPath}; seed {seed} ({DurabilitySeed.Variable}={seed} repeats these choices)");
        using var writers = new ReadyWriters(Kills, Ahead,
            i => StressWriterRun.Start(store.Spec, count: 1_000_000, writer: $"crash-{i:D3}", waitForGo: "append"));
        for (var kill = 1; kill <= Kills; kill++)
        {
            var awaited = random.Next(2, 6);
            var phase = random.NextDouble();
            using var writer = writers.Next();
            writer.Go();
            if (!writer.WaitForAcks(awaited, TimeSpan.FromSeconds(30)))
            {
                await writer.WaitForEndAsync(TimeSpan.FromSeconds(5));
                Assert.Fail($"Kill {kill} (seed {seed}): the writer ended or stalled after {writer.AckCount} acknowledgements, "
                    + $"before the {awaited} awaited. Its errors:\n{writer.Error}");
            }
            var times = writer.AckTimes;
            var append = (times[awaited - 1] - times[0]) / (awaited - 1);
            var late = writer.KillAt(times[awaited - 1] + (long)(phase * append));
            (await writer.WaitForEndAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("a killed writer ends");
            writer.Unexpected.Should().BeEmpty("the writer prints only whole acknowledgements");
            acks.AddRange(writer.Acks);

            var entries = DurabilityCheck.VerifyAsRecordsVerifyDoes(store, acks, $"after kill {kill} (seed {seed})");
            var stored = entries.Count(e => e.Actor == writer.Writer);
            (stored - writer.Acks.Count).Should().BeInRange(0, 1,
                $"kill {kill} (seed {seed}) may leave at most the entry in flight stored without its acknowledgement");
            committedUnacknowledged += stored - writer.Acks.Count;
            output.WriteLine($"kill {kill,3}: after {writer.Acks.Count,3} acknowledgements (awaited {awaited}), "
                + $"{phase:0.00} into an append of {append * 1000.0 / Stopwatch.Frequency,5:0.0} ms"
                + (late > TimeSpan.Zero ? $" (late by {late.TotalMilliseconds:0.0} ms)" : "") + ": "
                + (stored > writer.Acks.Count ? "committed, not acknowledged" : "nothing in flight stored"));
        }

        using var reopened = store.Open();
        var figures = DurabilityCheck.Check(DurabilityCheck.Entries(reopened, "at the end"), acks, maxInFlightPerWriter: 1);
        output.WriteLine($"kills {Kills}, each followed by the records verify check (chain, and each entry with its derived row); acknowledged {figures.Acknowledged}, stored {figures.Stored}; "
            + $"{committedUnacknowledged} kills fell between the commit and the acknowledgement, {Kills - committedUnacknowledged} before the commit took effect; "
            + $"chain intact, nothing acknowledged lost, {clock.Elapsed.TotalSeconds:0.0} s");
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
        var seed = DurabilitySeed.For(20250402);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var acks = new List<Ack>();
        output.WriteLine($"{store.Name}; seed {seed}");
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
        var entries = DurabilityCheck.Entries(reopened, "at the end");
        var figures = DurabilityCheck.Check(entries, acks, maxInFlightPerWriter: 1);
        output.WriteLine($"rounds {Rounds} of {WritersPerRound} writers, acknowledged {figures.Acknowledged}, stored {figures.Stored} "
            + $"({figures.InFlight} stored but killed before acknowledged), writer changes between consecutive entries {figures.Switches}, "
            + $"chain intact, {clock.Elapsed.TotalSeconds:0.0} s");
    }

    // A random moment within an append: the kill lands before, inside or after the transaction, or before the acknowledgement.
    private static void KillAfter(StressWriterRun writer, TimeSpan delay) => writer.KillAt(Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency));
}
