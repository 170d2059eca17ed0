using GuidelineEngine.Benchmarks;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Application.Replay;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Tests.Shared;
using Xunit;

namespace GuidelineEngine.Benchmarks.Tests;

/// <summary>The bulk loader of benchmark stores: what it writes must be a store the product accepts as its own.</summary>
public sealed class RecordStoreFillTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("record-fill-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_filled_store_verifies_replays_and_takes_the_next_append_in_its_numbering()
    {
        var path = Path.Combine(_folder, "records.db");

        // Fewer entries per transaction than records, so that several transactions are chained together.
        var filled = RecordStoreFill.Fill(path, 40, perTransaction: 16);

        Assert.Equal(40, filled.Records);
        using var store = new SqliteRecordStore(path);
        var entries = store.ReadAll().ToList();
        var report = ChainVerifier.Verify(entries);
        Assert.True(report.Intact, report.Problem?.Message);
        Assert.Equal(40, report.Entries);
        Assert.Equal(filled.LastHash, report.LastHash);
        Assert.All(entries, e => Assert.Equal(EntryKind.Submitted, e.Kind));

        // Each record is what records submit writes: replaying it under its recorded version gives its recorded decision,
        // and its derived row is there and agrees with it.
        var screener = new CaseScreener(RuleSetCatalog.Load(RuleSets.Root).Versions);
        var replay = new RecordReplay(screener);
        var records = new ConsultationLedger(store, screener, TimeProvider.System).All().ToList();
        Assert.Equal(40, records.Count);
        Assert.All(records, r => Assert.True(replay.Replay(r) is { Same: true, SameVersionHash: true }, r.Id));
        var verified = StoreVerifier.Verify(store);
        Assert.True(verified is { Intact: true, Derived: 40, Underived: 0 }, string.Join("\n", verified.Problems.Select(p => p.Message)));

        // Impact read from the derived table lists what impact read from the payloads lists, over generated records.
        foreach (var version in new[] { "nerima/pre-2023", "nerima/2023-04" })
        {
            Assert.Equal(replay.Impact(records, [], version).Select(Line), replay.Impact(store, [], version).Select(Line));
        }
        Assert.NotEmpty(replay.Impact(store, [], "nerima/pre-2023"));

        // The numbers were reserved as the store reserves them: its own append continues the fiscal year's numbering.
        var year = records[^1].FiscalYear;
        var next = store.Append(new PendingEntry(null, year, EntryKind.Submitted, "企画課", "{}", DateTimeOffset.UnixEpoch,
            Derived: new DerivedSubmission("test", "covered", "[]", "{}")));
        Assert.Equal(41, next.Sequence);
        Assert.Equal(FiscalYear.RecordId(year, records.Count(r => r.FiscalYear == year) + 1), next.RecordId);
        Assert.True(ChainVerifier.Verify(store.ReadAll()).Intact);
    }

    private static string Line(ImpactItem change) => $"{change.Case}\t{change.Source}\t{change.Before} → {change.After}";

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void The_same_count_gives_the_same_chain_and_a_store_is_filled_only_once()
    {
        var first = RecordStoreFill.Fill(Path.Combine(_folder, "a.db"), 12);
        var second = RecordStoreFill.Fill(Path.Combine(_folder, "b.db"), 12);

        Assert.Equal(first.LastHash, second.LastHash);
        Assert.Throws<InvalidOperationException>(() => RecordStoreFill.Fill(Path.Combine(_folder, "a.db"), 1));
    }
}
