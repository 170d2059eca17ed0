using System.Globalization;
using System.Text;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;

namespace GuidelineEngine.Records.Tests.Storage;

/// <summary>
/// The suite every store must pass, run once per store by a subclass that says where the store is
/// (<see cref="SqliteStoreTests"/>, <see cref="PostgresStoreTests"/>). Each test starts with a place where no store is yet.
/// </summary>
public abstract class RecordStoreTests
{
    protected static readonly DateTimeOffset May2023 = new(2023, 5, 10, 9, 30, 0, TimeSpan.FromHours(9));

    /// <summary>Opens the store under test (a new instance on the same place each time); the first open creates it.</summary>
    protected abstract IRecordStore OpenStore();

    /// <summary>Runs SQL on the store's database directly, as someone editing it behind the application's back.</summary>
    protected abstract object? Sql(string sql);

    [StoreFact]
    public void Appending_numbers_entries_and_numbers_records_within_their_fiscal_year()
    {
        using var store = OpenStore();
        var first = store.Append(New(2023));
        var second = store.Append(New(2023));
        var nextYear = store.Append(New(2024));
        var started = store.Append(Next(first, 1));

        new[] { first, second, nextYear, started }.Select(e => e.Sequence).Should().Equal(1, 2, 3, 4);
        new[] { first, second, nextYear, started }.Select(e => e.RecordId).Should().Equal("R5-0001", "R5-0002", "R6-0001", "R5-0001");
        nextYear.RecordId.Should().Be(FiscalYear.RecordId(2024, 1));
        first.PreviousHash.Should().Be(EntryHash.Genesis);
        second.PreviousHash.Should().Be(first.Hash);
        store.ReadAll().Should().Equal(first, second, nextYear, started);
        ChainVerifier.Verify(store.ReadAll()).Should().Be(new ChainReport(4, null, store.ReadAll().Last().Hash));
        store.Entries("R5-0001").Should().Equal(first, started);
        store.Entries("R5-0002").Should().Equal(second);
        store.Entries("R5-0099").Should().BeEmpty();
    }

    [StoreFact]
    public void Payloads_of_one_kind_stream_in_sequence_order_as_the_stored_UTF8_bytes()
    {
        using var store = OpenStore();
        var first = store.Append(New(2023, """{"case":"学校給食費補助 \"引用\"","note":"改行\nあり"}"""));
        store.Append(Next(first, 1));
        var second = store.Append(New(2024, """{"case":"𠮷野家 ①"}"""));
        store.Append(Next(first, 2, EntryKind.OfficeDecided));

        var submitted = store.ReadPayloads(EntryKind.Submitted).ToList();

        submitted.Select(p => (p.Sequence, p.RecordId)).Should().Equal((1L, "R5-0001"), (3L, "R6-0001"));
        submitted[0].Payload.Should().Equal(Encoding.UTF8.GetBytes(first.Payload));
        submitted[1].Payload.Should().Equal(Encoding.UTF8.GetBytes(second.Payload));
        store.ReadPayloads(EntryKind.OfficeDecided).Select(p => p.Sequence).Should().Equal(4L);
        store.ReadPayloads(EntryKind.CommitteeDecided).Should().BeEmpty();
    }

    [StoreFact]
    public void Appending_to_a_record_changed_since_it_was_read_is_refused()
    {
        using var store = OpenStore();
        var first = store.Append(New(2023));
        store.Append(Next(first, 1));

        var stale = () => store.Append(Next(first, 1, EntryKind.OfficeDecided));

        stale.Should().Throw<RecordConflictException>().WithMessage("*R5-0001*読み直して*");
        store.ReadAll().Should().HaveCount(2);
        ChainVerifier.Verify(store.ReadAll()).Intact.Should().BeTrue();
    }

    [StoreFact]
    public void Appending_to_a_record_that_was_never_issued_is_refused()
    {
        using var store = OpenStore();
        store.Append(New(2023));

        var stray = () => store.Append(new PendingEntry("R5-0002", null, EntryKind.ConsultationStarted, "情報公開課", "{}", May2023));

        stray.Should().Throw<RecordConflictException>().WithMessage("*R5-0002*ありません*");
        store.Append(New(2023)).RecordId.Should().Be("R5-0002", "the number was not taken by the refused entry");
    }

    [StoreFact]
    public void The_schema_is_created_on_first_open_and_opening_again_or_at_once_is_harmless()
    {
        Parallel.For(0, 6, _ =>
        {
            using var store = OpenStore();
        });
        Convert.ToInt64(Sql("SELECT COUNT(*) FROM schema_version"), CultureInfo.InvariantCulture).Should().Be(1);
        Convert.ToInt64(Sql("SELECT COUNT(*) FROM entries"), CultureInfo.InvariantCulture).Should().Be(0);

        using (var store = OpenStore())
        {
            store.Append(New(2023));
        }
        using var again = OpenStore();
        again.ReadAll().Should().ContainSingle();
        again.Append(New(2023)).RecordId.Should().Be("R5-0002");
        Convert.ToInt64(Sql("SELECT COUNT(*) FROM schema_version"), CultureInfo.InvariantCulture).Should().Be(1);
    }

    [StoreFact]
    public void Concurrent_writers_lose_no_entry_and_keep_the_chain()
    {
        using (OpenStore())
        {
        }
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            using var store = OpenStore();
            for (var i = 0; i < 10; i++)
            {
                store.Append(New(2023));
            }
        });

        using var check = OpenStore();
        var all = check.ReadAll().ToList();
        all.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 40).Select(i => (long)i));
        all.Select(e => e.RecordId).Should().OnlyHaveUniqueItems().And.Contain(FiscalYear.RecordId(2023, 40));
        ChainVerifier.Verify(all).Intact.Should().BeTrue();
    }

    [StoreFact]
    public void Import_into_an_empty_store_keeps_sequences_and_hashes_and_appending_goes_on_from_there()
    {
        var source = Chain(5);
        using var store = OpenStore();

        store.Import(source);

        store.ReadAll().Should().Equal(source);
        ChainVerifier.Verify(store.ReadAll()).Should().Be(new ChainReport(5, null, store.ReadAll().Last().Hash));
        var next = store.Append(New(2023));
        next.Sequence.Should().Be(6);
        next.PreviousHash.Should().Be(source[^1].Hash);
        next.RecordId.Should().Be("R5-0004", "the imported records R5-0001 to R5-0003 keep their numbers");
    }

    [StoreFact]
    public void Import_into_a_store_that_is_not_empty_is_refused_and_writes_nothing()
    {
        using var store = OpenStore();
        var existing = store.Append(New(2023));

        var import = () => store.Import(Chain(3));

        import.Should().Throw<RecordStoreException>().WithMessage("*空ではありません*");
        store.ReadAll().Should().Equal(existing);
    }

    [StoreFact]
    public void Import_of_a_broken_chain_is_refused_and_writes_nothing()
    {
        var broken = Chain(4);
        broken[2] = broken[2] with { Payload = """{"note":"書き換え"}""" };
        using var store = OpenStore();

        var import = () => store.Import(broken);

        import.Should().Throw<RecordStoreException>().WithMessage("*鎖が切れています*通番 3*");
        store.ReadAll().Should().BeEmpty("entries 1 and 2 were written in the same transaction and rolled back");
        store.Import(Chain(4));
        store.ReadAll().Should().HaveCount(4);
    }

    [StoreFact]
    public void Verify_finds_a_row_edited_in_the_database()
    {
        Fill(3);

        Sql("""UPDATE entries SET payload = '{"note":"書き換え"}' WHERE sequence = 2""");

        Verify().Problem.Should().Match<ChainProblem>(p => p.Kind == "changed" && p.Sequence == 2 && p.RecordId == "R5-0002");
    }

    [StoreFact]
    public void Verify_finds_a_row_deleted_from_the_database()
    {
        Fill(3);

        Sql("DELETE FROM entries WHERE sequence = 2");

        Verify().Problem.Should().Match<ChainProblem>(p => p.Kind == "removed" && p.Sequence == 2);
    }

    [StoreFact]
    public void Verify_finds_a_row_inserted_into_the_database()
    {
        var entries = Fill(3);

        // Make room after entry 1 and put in a forged entry with a correct hash of its own, linked to entry 1.
        Sql("UPDATE entries SET sequence = sequence + 100 WHERE sequence >= 2");
        Sql("UPDATE entries SET sequence = sequence - 99 WHERE sequence >= 100");
        var at = entries[0].At;
        var forged = EntryHash.Of(2, "R5-0099", EntryKind.Submitted, at, "偽造", "{}", entries[0].Hash);
        Sql($"""
            INSERT INTO entries (sequence, record_id, kind, at, actor, payload, previous_hash, hash)
            VALUES (2, 'R5-0099', 'Submitted', '{at}', '偽造', '{"{}"}', '{entries[0].Hash}', '{forged}')
            """);

        using (var store = OpenStore())
        {
            store.ReadAll().Should().HaveCount(4);
        }
        Verify().Problem.Should().Match<ChainProblem>(p => p.Kind == "inserted" && p.Sequence == 3 && p.RecordId == "R5-0002",
            "the entry after the forged one no longer follows from its predecessor");
    }

    protected static PendingEntry New(int fiscalYear, string payload = """{"case":"新規"}""") =>
        new(null, fiscalYear, EntryKind.Submitted, "企画課", payload, May2023);

    protected static PendingEntry Next(RecordEntry of, int entriesSeen, EntryKind kind = EntryKind.ConsultationStarted) =>
        new(of.RecordId, null, kind, "情報公開課", "{}", May2023.AddDays(1), entriesSeen);

    /// <summary>Appends <paramref name="count"/> new FY2023 records.</summary>
    protected IReadOnlyList<RecordEntry> Fill(int count)
    {
        using var store = OpenStore();
        return Enumerable.Range(1, count).Select(i => store.Append(New(2023, $$"""{"case":"第{{i}}号"}"""))).ToList();
    }

    protected ChainReport Verify()
    {
        using var store = OpenStore();
        return ChainVerifier.Verify(store.ReadAll());
    }

    /// <summary>
    /// A chain made by hand, as an export of another store gives it: odd entries submit R5-0001, R5-0002 …,
    /// even ones take the record before up. Payloads hold Japanese, quotes and line breaks.
    /// </summary>
    protected static List<RecordEntry> Chain(int count)
    {
        var entries = new List<RecordEntry>();
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var id = FiscalYear.RecordId(2023, (sequence + 1) / 2);
            var kind = sequence % 2 == 1 ? EntryKind.Submitted : EntryKind.ConsultationStarted;
            var at = $"2023-05-{sequence:D2}T00:30:00.0000000Z";
            var payload = $$"""
                {
                  "note": "第{{sequence}}号 \"引用\" 改行\n付き"
                }
                """;
            var previous = entries.Count == 0 ? EntryHash.Genesis : entries[^1].Hash;
            entries.Add(new RecordEntry
            {
                Sequence = sequence,
                RecordId = id,
                Kind = kind,
                At = at,
                Actor = "企画課",
                Payload = payload,
                PreviousHash = previous,
                Hash = EntryHash.Of(sequence, id, kind, at, "企画課", payload, previous),
            });
        }
        return entries;
    }
}
