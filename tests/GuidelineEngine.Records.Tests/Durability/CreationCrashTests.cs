using System.Diagnostics;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Tests.Storage;
using Xunit.Abstractions;

namespace GuidelineEngine.Records.Tests.Durability;

/// <summary>
/// A crash while a new store is being created (the file or tables, the schema steps) or during its first appends must
/// leave a store that opens, upgrades itself, verifies and takes new entries.
/// </summary>
[Collection(DurabilityCollection.Name)]
public sealed class CreationCrashTests(ITestOutputHelper output)
{
    private const int Iterations = 6;
    private const int Seed = 20250403;

    [Fact]
    public Task Sqlite_store_killed_while_being_created_opens_and_verifies() => KillEarly(DurabilityStore.Sqlite);

    [PostgresFact]
    public Task Postgres_store_killed_while_being_created_opens_and_verifies() => KillEarly(DurabilityStore.Postgres);

    private async Task KillEarly(Func<DurabilityStore> newStore)
    {
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();

        // How long a writer takes to acknowledge its first entry on a new store here: the kills fall around that.
        TimeSpan firstAck;
        using (var store = newStore())
        {
            var timing = Stopwatch.StartNew();
            using var writer = StressWriterRun.Start(store.Spec, count: 1_000_000, writer: "timing");
            writer.WaitForAcks(1, TimeSpan.FromSeconds(30)).Should().BeTrue($"the writer acknowledges; its errors:\n{writer.Error}");
            firstAck = timing.Elapsed;
            writer.KillHard();
            await writer.WaitForEndAsync(TimeSpan.FromSeconds(30));
        }

        var beforeFirstAck = 0;
        for (var iteration = 1; iteration <= Iterations; iteration++)
        {
            using var store = newStore();
            var delay = firstAck * (0.5 + (1.5 * random.NextDouble()));
            var started = Stopwatch.StartNew();
            using var writer = StressWriterRun.Start(store.Spec, count: 1_000_000, writer: $"early-{iteration}");
            while (started.Elapsed < delay)
            {
                Thread.SpinWait(20);
            }
            writer.KillHard();
            (await writer.WaitForEndAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("a killed writer ends");
            writer.Unexpected.Should().BeEmpty();
            beforeFirstAck += writer.Acks.Count == 0 ? 1 : 0;

            using var reopened = store.Open();
            var figures = DurabilityCheck.Check(reopened.ReadAll().ToList(), writer.Acks, maxInFlightPerWriter: 1);
            var next = reopened.Append(new PendingEntry(null, 2025, EntryKind.Submitted, "after", "{}", DateTimeOffset.UtcNow));
            next.Sequence.Should().Be(figures.Stored + 1, "the store takes the next entry after the crash");
            output.WriteLine($"iteration {iteration}: killed {delay.TotalMilliseconds:0} ms after start, "
                + $"acknowledged {figures.Acknowledged}, stored {figures.Stored}; reopened, verified, appended {next.RecordId}");
        }
        output.WriteLine($"{Iterations} new stores, first acknowledgement after {firstAck.TotalMilliseconds:0} ms, "
            + $"{beforeFirstAck} killed before it, {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
