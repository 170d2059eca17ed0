using System.Text;
using System.Text.Json;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;

namespace GuidelineEngine.Records.Tests.Durability;

/// <summary>What was found in a store after the writers ended.</summary>
/// <param name="Stored">Entries in the store.</param>
/// <param name="Acknowledged">Acknowledgements printed by the writers.</param>
/// <param name="InFlight">Entries stored but not acknowledged: appended when the writer was killed before it could print.</param>
/// <param name="Switches">How often the writer changes from one entry to the next, in sequence order (how much the writers interleaved).</param>
internal sealed record StoreFigures(int Stored, int Acknowledged, int InFlight, int Switches);

/// <summary>The seed of a durability test's random choices: its own, or the one GUIDELINE_DURABILITY_SEED gives (to try others, or repeat one).</summary>
internal static class DurabilitySeed
{
    public const string Variable = "GUIDELINE_DURABILITY_SEED";

    public static int For(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed : fallback;
}

/// <summary>The checks of "nothing lost" on the whole store, against what the stress writers acknowledged.</summary>
internal static class DurabilityCheck
{
    /// <summary>
    /// What <c>records verify</c> does right after a crash — the store opened read-only (for SQLite with the killed writer's
    /// write-ahead log still beside the file), each entry read with its derived row (<see cref="Entries"/>) and the chain
    /// verified — and every acknowledged entry found in it, under its sequence and unchanged (the chain holds each entry's hash).
    /// </summary>
    public static IReadOnlyList<RecordEntry> VerifyAsRecordsVerifyDoes(DurabilityStore store, IReadOnlyCollection<Ack> acks, string when)
    {
        using var readOnly = store.Open(readOnly: true);
        var entries = Entries(readOnly, when);
        var report = ChainVerifier.Verify(entries);
        report.Intact.Should().BeTrue($"the chain verifies read-only {when}, but: {report.Problem?.Message}");
        var bySequence = entries.ToDictionary(e => e.Sequence);
        var lost = acks.Where(a => !bySequence.TryGetValue(a.Sequence, out var entry) || entry.RecordId != a.RecordId).ToList();
        lost.Should().BeEmpty($"every acknowledged entry is there {when}");
        return entries;
    }

    /// <summary>
    /// Every entry in the store, each read with its derived row (as <c>records verify</c> reads them): every entry is a
    /// submission whose row is there, under its sequence and record id and holding its payload (the stress writer's
    /// convention), and there is no row without its entry — a crash never leaves one without the other.
    /// </summary>
    public static IReadOnlyList<RecordEntry> Entries(IRecordStore store, string when)
    {
        var stored = store.ReadAllWithSubmissions().ToList();
        stored.Where(s => s.Entry is null).Select(s => s.Derived!.Sequence).Should().BeEmpty($"no derived row is stored without its entry {when}");
        foreach (var (entry, derived) in stored)
        {
            derived.Should().NotBeNull($"entry {entry!.Sequence} ({entry.RecordId}) was stored with its derived row {when}");
            (derived!.Sequence, derived.RecordId, Encoding.UTF8.GetString(derived.Intake)).Should().Be((entry.Sequence, entry.RecordId, entry.Payload),
                $"the derived row under sequence {entry.Sequence} is the one appended with it {when}");
        }
        return stored.Select(s => s.Entry!).ToList();
    }

    /// <summary>
    /// The chain verifies; sequences run 1..n without gaps; record ids are distinct and numbered R7-0001..R7-n without gaps;
    /// every acknowledged entry is stored under its record id with its sequence; and each writer's stored entries are its
    /// counters 1..m, where m is its acknowledgements plus at most <paramref name="maxInFlightPerWriter"/>.
    /// </summary>
    public static StoreFigures Check(IReadOnlyList<RecordEntry> entries, IReadOnlyCollection<Ack> acks, int maxInFlightPerWriter)
    {
        var report = ChainVerifier.Verify(entries);
        report.Intact.Should().BeTrue($"the chain must verify after the writers ended, but: {report.Problem?.Message}");
        report.Entries.Should().Be(entries.Count);

        entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i),
            "sequences run from 1 without gaps");

        var ids = entries.Select(e => e.RecordId).ToList();
        ids.Should().OnlyHaveUniqueItems("each append made a new record");
        ids.Order(StringComparer.Ordinal).Should().Equal(
            Enumerable.Range(1, entries.Count).Select(n => FiscalYear.RecordId(2025, n)),
            "record numbers of FY2025 run from R7-0001 without gaps");

        acks.Select(a => a.RecordId).Should().OnlyHaveUniqueItems("no record id is acknowledged twice");
        acks.Select(a => a.Sequence).Should().OnlyHaveUniqueItems("no sequence is acknowledged twice");
        var byId = entries.ToDictionary(e => e.RecordId, StringComparer.Ordinal);
        var lost = acks.Where(a => !byId.TryGetValue(a.RecordId, out var entry) || entry.Sequence != a.Sequence).ToList();
        lost.Should().BeEmpty("every acknowledged entry must be stored with the sequence it was acknowledged with");

        var written = entries.Select(e => (Entry: e, Payload: Payload(e))).ToList();
        var payloads = written.ToDictionary(w => w.Entry.RecordId, w => w.Payload, StringComparer.Ordinal);
        foreach (var ack in acks)
        {
            payloads[ack.RecordId].Should().Be((ack.Writer, ack.Counter), $"{ack.RecordId} holds what {ack.Writer} appended as its entry {ack.Counter}");
        }

        var inFlight = 0;
        var ackedByWriter = acks.GroupBy(a => a.Writer).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var group in written.GroupBy(w => w.Payload.Writer))
        {
            var counters = group.Select(w => w.Payload.Counter).Order().ToList();
            counters.Should().Equal(Enumerable.Range(1, counters.Count), $"{group.Key}'s entries are its appends 1..m, none lost in between");
            var acked = ackedByWriter.GetValueOrDefault(group.Key);
            (counters.Count - acked).Should().BeInRange(0, maxInFlightPerWriter,
                $"{group.Key} acknowledged {acked}; at most {maxInFlightPerWriter} more may have been stored before it was killed");
            inFlight += counters.Count - acked;
        }
        ackedByWriter.Keys.Should().BeSubsetOf(written.Select(w => w.Payload.Writer), "every writer that acknowledged has its entries stored");

        var switches = entries.Zip(entries.Skip(1)).Count(pair => pair.First.Actor != pair.Second.Actor);
        return new StoreFigures(entries.Count, acks.Count, inFlight, switches);
    }

    private static (string Writer, int Counter) Payload(RecordEntry entry)
    {
        using var json = JsonDocument.Parse(entry.Payload);
        var writer = json.RootElement.GetProperty("writer").GetString()!;
        entry.Actor.Should().Be(writer);
        return (writer, json.RootElement.GetProperty("counter").GetInt32());
    }
}
