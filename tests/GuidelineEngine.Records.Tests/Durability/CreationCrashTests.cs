using System.Diagnostics;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Records.Tests.Storage;
using Xunit.Abstractions;

namespace GuidelineEngine.Records.Tests.Durability;

/// <summary>
/// A crash while a new store is being created (the folder, the file or tables, the schema steps) or during its first
/// appends must leave a store that verifies with every acknowledged entry, opens, upgrades itself and takes new entries.
/// </summary>
[Collection(DurabilityCollection.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed class CreationCrashTests(ITestOutputHelper output)
{
    private const int Kills = 20;
    private const int Ahead = 2;

    [Fact]
    public Task Sqlite_store_killed_while_being_created_opens_and_verifies() => KillEarly(DurabilityStore.Sqlite);

    [PostgresFact]
    public Task Postgres_store_killed_while_being_created_opens_and_verifies() => KillEarly(DurabilityStore.Postgres);

    private async Task KillEarly(Func<DurabilityStore> newStore)
    {
        var seed = DurabilitySeed.For(20250403);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var stores = new Dictionary<int, DurabilityStore>();
        try
        {
            // Writer 0 measures how long a writer takes, once let go, to create a store and acknowledge its first entry
            // here; the kills fall from the moment of letting go to one and a half times that.
            using var writers = new ReadyWriters(Kills + 1, Ahead, i =>
            {
                stores[i] = newStore();
                return StressWriterRun.Start(stores[i].Spec, count: 1_000_000, writer: $"early-{i:D2}", waitForGo: "open");
            });
            TimeSpan firstAck;
            using (var timing = writers.Next())
            {
                timing.Go();
                timing.WaitForAcks(1, TimeSpan.FromSeconds(30)).Should().BeTrue($"the writer acknowledges; its errors:\n{timing.Error}");
                firstAck = Stopwatch.GetElapsedTime(timing.GoneAt, timing.AckTimes[0]);
                timing.KillHard();
                await timing.WaitForEndAsync(TimeSpan.FromSeconds(30));
            }
            output.WriteLine($"{stores[1].Name} and {Kills} more; seed {seed}; a new store's first acknowledgement {firstAck.TotalMilliseconds:0} ms after letting go");

            var beforeFirstAck = 0;
            for (var kill = 1; kill <= Kills; kill++)
            {
                var store = stores[kill + 1];
                var delay = firstAck * (1.5 * random.NextDouble());
                using var writer = writers.Next();
                writer.Go();
                writer.KillAt(writer.GoneAt + (long)(delay.TotalSeconds * Stopwatch.Frequency));
                (await writer.WaitForEndAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("a killed writer ends");
                writer.Unexpected.Should().BeEmpty();
                beforeFirstAck += writer.Acks.Count == 0 ? 1 : 0;

                var verify = ReadOnlyVerify(store, writer.Acks, $"after kill {kill} (seed {seed})");
                using var reopened = store.Open();
                var figures = DurabilityCheck.Check(DurabilityCheck.Entries(reopened, $"reopened after kill {kill}"), writer.Acks, maxInFlightPerWriter: 1);
                var next = reopened.Append(new PendingEntry(null, 2025, EntryKind.Submitted, "after", "{}", DateTimeOffset.UtcNow,
                    Derived: new DerivedSubmission("after", "covered", "[]", "{}")));
                next.Sequence.Should().Be(figures.Stored + 1, "the store takes the next entry after the crash");
                output.WriteLine($"kill {kill,2}: {delay.TotalMilliseconds,4:0} ms after letting go, acknowledged {figures.Acknowledged}, "
                    + $"stored {figures.Stored}; records verify: {verify}; reopened, verified, appended {next.RecordId}");
                stores.Remove(kill + 1);
                store.Dispose();
            }
            output.WriteLine($"{Kills} new stores killed, {beforeFirstAck} before their first acknowledgement, {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            foreach (var store in stores.Values)
            {
                store.Dispose();
            }
        }
    }

    /// <summary>
    /// <c>records verify</c> right after the crash. Once an entry was acknowledged the store is complete, and must verify with
    /// it; before that the store may not exist yet, lack its tables, or (SQLite) hold a write cut short that only a writer may
    /// undo: then the answer must say so.
    /// </summary>
    private static string ReadOnlyVerify(DurabilityStore store, IReadOnlyList<Ack> acks, string when)
    {
        try
        {
            return $"{DurabilityCheck.VerifyAsRecordsVerifyDoes(store, acks, when).Count} entries, chain intact";
        }
        catch (RecordStoreException e) when (acks.Count == 0)
        {
            e.Message.Should().Match(m => m.StartsWith("記録簿を開けません", StringComparison.Ordinal)
                || m.StartsWith("記録簿の表がありません", StringComparison.Ordinal) || m.StartsWith("記録簿が、書き込みの途中で止まったままです", StringComparison.Ordinal),
                "before its first entry, a store killed while being made may be missing, lack its tables, or hold a write cut short");
            return $"not yet a store: {e.Message}";
        }
    }
}
