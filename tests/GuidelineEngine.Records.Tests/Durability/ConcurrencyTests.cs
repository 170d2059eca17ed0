using System.Diagnostics;
using GuidelineEngine.Records.Tests.Storage;
using Xunit.Abstractions;

namespace GuidelineEngine.Records.Tests.Durability;

/// <summary>
/// Issue 4, "Nothing lost": concurrent writers from several processes lose no entry and break no chain.
/// Four writer processes append 50 new records each to one store at the same moment.
/// </summary>
[Collection(DurabilityCollection.Name)]
[Trait(Speed.Trait, Speed.Slow)]
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Writers = 4;
    private const int EachWrites = 50;

    /// <param name="createFirst">Whether the store exists before the writers start; if not, they create it together.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task Sqlite_four_writers_lose_nothing(bool createFirst) => FourWriters(DurabilityStore.Sqlite(), createFirst);

    [PostgresFact]
    public Task Postgres_four_writers_lose_nothing_on_an_existing_store() => FourWriters(DurabilityStore.Postgres(), createFirst: true);

    [PostgresFact]
    public Task Postgres_four_writers_lose_nothing_creating_the_store() => FourWriters(DurabilityStore.Postgres(), createFirst: false);

    private async Task FourWriters(DurabilityStore store, bool createFirst)
    {
        using var _ = store;
        if (createFirst)
        {
            store.Open().Dispose();
        }
        var clock = Stopwatch.StartNew();
        // The processes start one after the other; each waits for the same moment to open the store and begin.
        var startAt = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds();
        var writers = Enumerable.Range(1, Writers)
            .Select(i => StressWriterRun.Start(store.Spec, EachWrites, $"writer-{i}", startAt))
            .ToList();
        try
        {
            var deadline = Stopwatch.StartNew();
            foreach (var writer in writers)
            {
                var left = TimeSpan.FromSeconds(60) - deadline.Elapsed;
                var ended = await writer.WaitForEndAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                ended.Should().BeTrue($"{writer.Writer} finishes its {EachWrites} appends within a minute; it acknowledged {writer.AckCount}; its errors:\n{writer.Error}");
                writer.ExitCode.Should().Be(0, $"{writer.Writer} appends all its entries; its errors:\n{writer.Error}");
                writer.Unexpected.Should().BeEmpty();
                writer.Acks.Should().HaveCount(EachWrites);
            }
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }

        using var reopened = store.Open();
        var entries = DurabilityCheck.Entries(reopened, "after the writers ended");
        entries.Should().HaveCount(Writers * EachWrites);
        var figures = DurabilityCheck.Check(entries, writers.SelectMany(w => w.Acks).ToList(), maxInFlightPerWriter: 0);
        output.WriteLine($"{store.Name} ({(createFirst ? "created before" : "created by the writers")}): "
            + $"{Writers} writers x {EachWrites}: acknowledged {figures.Acknowledged}, stored {figures.Stored}, "
            + $"ids {entries.Min(e => e.RecordId)}..{entries.Max(e => e.RecordId)}, chain intact, "
            + $"writer changes between consecutive entries {figures.Switches}, {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
