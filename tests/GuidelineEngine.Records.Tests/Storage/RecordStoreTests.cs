using System.Globalization;
using System.Text;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Application.Replay;
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
    /// <param name="readOnly">As <c>records verify</c> opens it: no schema upgrade.</param>
    protected abstract IRecordStore OpenStore(bool readOnly = false);

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
    public void A_submission_and_its_derived_row_are_written_together_and_the_rows_stream_in_sequence_order()
    {
        using var store = OpenStore();
        var first = store.Append(New(2023, """{"case":"学校給食費補助 \"引用\"","note":"改行\nあり"}"""));
        var started = store.Append(Next(first, 1));
        var second = store.Append(New(2024, """{"case":"𠮷野家 ①"}"""));
        store.Append(Next(first, 2, EntryKind.OfficeDecided));

        var rows = store.ReadSubmissions().ToList();

        rows.Select(r => (r.Sequence, r.RecordId)).Should().Equal((1L, "R5-0001"), (3L, "R6-0001"));
        rows[0].Should().Match<SubmissionRow>(r => r.VersionId == "test/v1" && r.Outcome == "covered" && r.Categories == """["別表2-8",null]""");
        rows[0].Intake.Should().Equal(Encoding.UTF8.GetBytes(first.Payload), "the intake column comes back as the UTF-8 bytes it was given");
        rows[1].Intake.Should().Equal(Encoding.UTF8.GetBytes(second.Payload));
        store.CountSubmissions().Should().Be((2L, 2L));
        var stored = store.ReadAllWithSubmissions().ToList();
        stored.Select(s => s.Entry).Should().Equal(store.ReadAll());
        stored.Select(s => s.Derived?.Sequence).Should().Equal(1L, null, 3L, null);
        started.Kind.Should().Be(EntryKind.ConsultationStarted);
    }

    [StoreFact]
    public void A_submission_without_its_derived_row_or_another_entry_with_one_is_refused()
    {
        using var store = OpenStore();
        var first = store.Append(New(2023));

        var bare = () => store.Append(New(2023) with { Derived = null });
        var carrying = () => store.Append(Next(first, 1) with { Derived = Derived("{}") });
        var continuing = () => store.Append(New(2023) with { RecordId = first.RecordId, FiscalYear = null });

        bare.Should().Throw<ArgumentException>();
        carrying.Should().Throw<ArgumentException>();
        continuing.Should().Throw<ArgumentException>();
        store.ReadAll().Should().Equal(first);
        store.CountSubmissions().Should().Be((1L, 1L));
    }

    [StoreFact]
    public void An_append_whose_derived_row_cannot_be_written_writes_nothing_at_all()
    {
        var written = Fill(2);
        // A row already under the sequence the next entry will take: the append's own row then fails, after its entry.
        Sql($"INSERT INTO submissions (sequence, record_id, version_id, outcome, categories, intake) VALUES (3, 'R5-0099', 'x', 'covered', '[]', '{{}}')");
        using var store = OpenStore();

        var append = () => store.Append(New(2023));

        append.Should().Throw<RecordStoreException>();
        store.ReadAll().Should().Equal(written, "the entry went with its row");
        Sql("DELETE FROM submissions WHERE sequence = 3");
        store.Append(New(2023)).Should().Match<RecordEntry>(e => e.Sequence == 3 && e.RecordId == "R5-0003", "the refused append took no record number");
        store.CountSubmissions().Should().Be((3L, 3L));
    }

    [StoreFact]
    public void Submissions_without_a_derived_row_are_listed_with_their_payloads_and_rows_added_for_them_once()
    {
        var source = Chain(5);
        using var store = OpenStore();
        store.Import(source);

        store.CountSubmissions().Should().Be((3L, 0L), "an import writes the entries only");
        var underived = store.ReadUnderivedSubmissions().ToList();
        underived.Select(p => (p.Sequence, p.RecordId)).Should().Equal((1L, "R5-0001"), (3L, "R5-0002"), (5L, "R5-0003"));
        underived[1].Payload.Should().Equal(Encoding.UTF8.GetBytes(source[2].Payload));

        store.AddSubmissions([(1, "R5-0001", Derived("一")), (3, "R5-0002", Derived("二"))]);
        store.AddSubmissions([(1, "R5-0001", Derived("別の値")), (5, "R5-0003", Derived("三"))]);

        store.CountSubmissions().Should().Be((3L, 3L));
        store.ReadUnderivedSubmissions().Should().BeEmpty();
        store.ReadSubmissions().Select(r => Encoding.UTF8.GetString(r.Intake)).Should().Equal(["一", "二", "三"], "a row already there is kept");
    }

    [StoreFact]
    public void Derived_rows_are_read_beside_their_entries_and_a_row_without_its_submission_is_read_too()
    {
        var written = Fill(2);
        using (var store = OpenStore())
        {
            store.Append(Next(written[0], 1));
        }
        Sql("INSERT INTO submissions (sequence, record_id, version_id, outcome, categories, intake) VALUES (3, 'R5-0001', 'x', 'covered', '[]', '{}')");
        Sql("INSERT INTO submissions (sequence, record_id, version_id, outcome, categories, intake) VALUES (9, 'R5-0009', 'x', 'covered', '[]', '{}')");
        Sql("DELETE FROM submissions WHERE sequence = 2");
        using var again = OpenStore();

        var stored = again.ReadAllWithSubmissions().ToList();

        stored.Select(s => (s.Entry?.Sequence, s.Derived?.Sequence)).Should().Equal((1L, 1L), (2L, null), (3L, 3L), (null, 9L));
        again.CountSubmissions().Should().Be((2L, 3L));
    }

    [StoreFact]
    public void A_store_made_before_the_derived_table_reads_without_rows_and_gets_the_table_when_opened_for_writing()
    {
        var written = Fill(2);
        MakeSchemaOne();

        using (var old = OpenStore(readOnly: true))
        {
            old.ReadAllWithSubmissions().Should().Equal(written.Select(e => new StoredEntry(e, null)));
        }
        using var store = OpenStore();
        Convert.ToInt64(Sql("SELECT MAX(version) FROM schema_version"), CultureInfo.InvariantCulture).Should().Be(3);
        store.CountSubmissions().Should().Be((2L, 0L));
        store.ReadUnderivedSubmissions().Select(p => p.Sequence).Should().Equal(1L, 2L);
        store.Append(New(2023)).RecordId.Should().Be("R5-0003");
        store.CountSubmissions().Should().Be((3L, 1L));
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

    [StoreFact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void Impact_read_from_the_derived_table_lists_what_impact_read_from_the_payloads_lists()
    {
        using var store = OpenStore();
        var ledger = LoadCasebook(store);
        var replay = new RecordReplay(LedgerFixture.Screener);

        foreach (var version in new[] { "nerima/pre-2023", "nerima/2023-04" })
        {
            var fromPayloads = replay.Impact(ledger.All(), [], version).Select(Line).ToList();
            var fromTable = replay.Impact(store, [], version).Select(Line).ToList();

            fromTable.Should().Equal(fromPayloads, version);
            fromTable.Should().NotBeEmpty("under either version some of the 41 records change ({0})", version);
        }
    }

    [StoreFact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void A_store_of_schema_step_one_with_records_is_filled_from_its_payloads_and_then_verifies()
    {
        List<SubmissionRow> written;
        using (var store = OpenStore())
        {
            LoadCasebook(store);
            written = store.ReadSubmissions().ToList();
        }
        MakeSchemaOne();

        using (var old = OpenStore(readOnly: true))
        {
            var before = StoreVerifier.Verify(old);
            before.Should().Match<StoreReport>(r => r.Intact && r.Derived == 0 && r.Underived == 41, "a store without derived rows is not broken");
        }
        using var upgraded = OpenStore();
        var impact = () => new RecordReplay(LedgerFixture.Screener).Impact(upgraded, [], "nerima/pre-2023");
        impact.Should().Throw<RecordStoreException>().WithMessage("*提出 41 件*派生データ*0 件*中止しました*");

        DerivedSubmissions.Fill(upgraded).Should().Be(41);

        upgraded.ReadSubmissions().Should().BeEquivalentTo(written, o => o.WithStrictOrdering(),
            "rows made from the payloads are the rows the ledger wrote, byte for byte");
        DerivedSubmissions.Fill(upgraded).Should().Be(0, "nothing is missing any more");
        StoreVerifier.Verify(upgraded).Should().Match<StoreReport>(r => r.Intact && r.Derived == 41 && r.Underived == 0);
        impact().Should().NotBeEmpty();
    }

    [StoreFact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void Verify_names_the_record_and_the_field_of_each_derived_row_that_does_not_agree_with_its_payload()
    {
        using (var store = OpenStore())
        {
            LoadCasebook(store);
            StoreVerifier.Verify(store).Should().Match<StoreReport>(r => r.Intact && r.Derived == 41);
        }
        var rows = Submitted().Take(6).ToList();
        var intake = System.Text.Json.Nodes.JsonNode.Parse(Encoding.UTF8.GetString(rows[3].Intake))!;
        var persons = intake["items"]![0]!["persons"]?.GetValue<int>();
        intake["items"]![0]!["persons"] = (persons ?? 0) + 1;
        var outcome = rows[0].Outcome == "covered" ? "needs_review" : "covered";
        Sql($"UPDATE submissions SET outcome = '{outcome}' WHERE sequence = {rows[0].Sequence}");
        Sql($"""UPDATE submissions SET categories = '["別表2-99"]' WHERE sequence = {rows[1].Sequence}""");
        Sql($"UPDATE submissions SET version_id = '{rows[2].VersionId}-改' WHERE sequence = {rows[2].Sequence}");
        Sql($"UPDATE submissions SET intake = '{intake.ToJsonString().Replace("'", "''", StringComparison.Ordinal)}' WHERE sequence = {rows[3].Sequence}");
        Sql($$"""UPDATE submissions SET intake = '{"items": "なし"}' WHERE sequence = {{rows[4].Sequence}}""");
        // A row put on the entry that took the first record up, and a row deleted (made again from the payload before impact).
        Sql($"INSERT INTO submissions (sequence, record_id, version_id, outcome, categories, intake) VALUES ({rows[0].Sequence + 1}, '{rows[0].RecordId}', 'x', 'covered', '[]', '{{}}')");
        Sql($"DELETE FROM submissions WHERE sequence = {rows[5].Sequence}");

        using var readOnly = OpenStore(readOnly: true);
        var report = StoreVerifier.Verify(readOnly);

        report.Chain.Intact.Should().BeTrue("the derived table is not in the chain");
        report.Intact.Should().BeFalse();
        report.Underived.Should().Be(1);
        report.Problems.Select(p => (p.RecordId, p.Field)).Should().Equal(
            (rows[0].RecordId, "outcome"),
            (rows[0].RecordId, "sequence"),
            (rows[1].RecordId, "categories"),
            (rows[2].RecordId, "version_id"),
            (rows[3].RecordId, "intake.items[0].persons"),
            (rows[4].RecordId, "intake"));
        report.ProblemCount.Should().Be(6);
        report.Problems[0].Message.Should().Contain(rows[0].RecordId).And.Contain("outcome").And.Contain($"派生データ: {outcome}").And.Contain($"記録: {rows[0].Outcome}");
        report.Problems[4].Message.Should().Contain($"派生データ: {(persons ?? 0) + 1}").And.Contain($"記録: {(persons is null ? "-" : persons)}");
    }

    /// <summary>The historical casebook cases as records, through the ledger, screened by the shipped rules: 41 submissions.</summary>
    private static ConsultationLedger LoadCasebook(IRecordStore store)
    {
        var ledger = new ConsultationLedger(store, LedgerFixture.Screener, TimeProvider.System);
        CasebookLoader.Load(ledger, LedgerFixture.Cases).Should().HaveCount(41);
        return ledger;
    }

    private IReadOnlyList<SubmissionRow> Submitted()
    {
        using var store = OpenStore();
        return store.ReadSubmissions().ToList();
    }

    private static string Line(ImpactItem change) => $"{change.Case}\t{change.Source}\t{change.Before} → {change.After}";

    [StoreFact]
    public void Users_AddedDisabledAndReset_ReadBackAsLastWritten()
    {
        using var store = OpenStore();
        var user = new StoredUser("fukushi2", "福祉（テスト）", "福祉部生活福祉課", "department", "hash-1", false, "2025-06-02T00:00:00.000Z");

        var added = store.AddUser(user);
        var addedAgain = store.AddUser(user with { Section = "別の課" });
        var updated = store.UpdateUser(user with { Disabled = true, PasswordHash = "hash-2" });
        var missing = store.UpdateUser(user with { Name = "nobody" });
        store.AddUser(new StoredUser("koukai2", null, "総務部情報公開課", "office", "hash-3", false, "2025-06-02T00:00:00.000Z"));

        added.Should().BeTrue();
        addedAgain.Should().BeFalse("the name is taken");
        updated.Should().BeTrue();
        missing.Should().BeFalse();
        using var reopened = OpenStore();
        reopened.FindUser("fukushi2").Should().Be(user with { Disabled = true, PasswordHash = "hash-2" });
        reopened.FindUser("nobody").Should().BeNull();
        reopened.ReadUsers().Select(u => (u.Name, u.DisplayName, u.Disabled)).Should().Equal(("fukushi2", "福祉（テスト）", true), ("koukai2", null, false));
        reopened.ReadAll().Should().BeEmpty("users are kept beside the chain, not in it");
    }

    /// <summary>A new record's submission; its derived row holds the payload as its intake (the store keeps the text as given).</summary>
    protected static PendingEntry New(int fiscalYear, string payload = """{"case":"新規"}""") =>
        new(null, fiscalYear, EntryKind.Submitted, "企画課", payload, May2023, Derived: Derived(payload));

    protected static DerivedSubmission Derived(string intake) => new("test/v1", "covered", """["別表2-8",null]""", intake);

    /// <summary>Makes the store what a store of schema step 1 was (before the derived table and the users): the tables gone, the version 1.</summary>
    protected void MakeSchemaOne()
    {
        Sql("DROP TABLE users");
        Sql("DROP TABLE submissions");
        Sql("UPDATE schema_version SET version = 1");
    }

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
