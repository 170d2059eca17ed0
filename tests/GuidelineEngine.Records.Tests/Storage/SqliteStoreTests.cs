using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Tests.Shared.Faults;
using Microsoft.Data.Sqlite;

namespace GuidelineEngine.Records.Tests.Storage;

/// <summary>The store suite on the embedded SQLite store (a file in a new folder per test), and what only SQLite has.</summary>
public sealed class SqliteStoreTests : RecordStoreTests, IDisposable
{
    // Beside the test assembly rather than in /tmp, which may be mounted nodev (see the full-disk test).
    private readonly string _folder = StoreFaults.NewStoreFolder();

    private string DatabasePath => Path.Combine(_folder, RecordStoreOptions.DefaultFileName);

    protected override IRecordStore OpenStore(bool readOnly = false) => new SqliteRecordStore(DatabasePath, readOnly);

    protected override object? Sql(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void A_read_only_store_refuses_to_write_and_leaves_the_file_unchanged()
    {
        var written = Fill(2);
        var before = File.ReadAllBytes(DatabasePath);
        using var readOnly = new SqliteRecordStore(DatabasePath, readOnly: true);

        var append = () => readOnly.Append(New(2023));

        append.Should().Throw<RecordStoreException>().WithMessage("*読み取り専用*");
        readOnly.ReadAll().Should().Equal(written);
        readOnly.CountSubmissions().Should().Be((2L, 2L));
        File.ReadAllBytes(DatabasePath).Should().Equal(before);
    }

    /// <summary>A crash while the store was first made can leave the file with its schema table only (see CreationCrashTests).</summary>
    [Fact]
    public void A_store_whose_making_was_cut_short_says_so_when_read_and_is_completed_when_opened_for_writing()
    {
        Directory.CreateDirectory(_folder);
        Sql("CREATE TABLE schema_version (version INTEGER NOT NULL)");
        using var readOnly = new SqliteRecordStore(DatabasePath, readOnly: true);

        var read = () => readOnly.ReadAll().ToList();

        read.Should().Throw<RecordStoreException>().WithMessage($"記録簿の表がありません（{DatabasePath}）。*");
        using var store = OpenStore();
        store.ReadAll().Should().BeEmpty();
        store.Append(New(2023)).RecordId.Should().Be("R5-0001");
    }

    /// <summary>
    /// A crash while the store was first made, before it was switched to its write-ahead log, can leave a hot rollback
    /// journal that only a connection that may write can undo (CreationCrashTests met it). Made here by copying a file and its
    /// journal in the middle of a transaction that spilled to disk.
    /// </summary>
    [Fact]
    public void A_write_cut_short_while_the_store_was_made_is_named_when_read_and_undone_when_opened_for_writing()
    {
        var scratch = Path.Combine(_folder, "scratch", RecordStoreOptions.DefaultFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(scratch)!);
        using (var cut = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = scratch, Pooling = false }.ToString()))
        {
            cut.Open();
            using var command = cut.CreateCommand();
            command.CommandText = """
                PRAGMA cache_size = 1;
                CREATE TABLE schema_version (version INTEGER NOT NULL);
                BEGIN;
                CREATE TABLE filler (x BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO filler SELECT randomblob(1000) FROM n;
                """;
            command.ExecuteNonQuery();
            File.Copy(scratch, DatabasePath);
            File.Copy(scratch + "-journal", DatabasePath + "-journal");
        }
        using var readOnly = new SqliteRecordStore(DatabasePath, readOnly: true);

        var read = () => readOnly.ReadAll().ToList();

        read.Should().Throw<RecordStoreException>().WithMessage($"記録簿が、書き込みの途中で止まったままです（{DatabasePath}）。*一度開くと*取り消されます。");
        using var store = OpenStore();
        store.Append(New(2023)).RecordId.Should().Be("R5-0001");
        Convert.ToInt64(Sql("SELECT COUNT(*) FROM sqlite_master WHERE name = 'filler'"), System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(0, "the write cut short was undone");
        readOnly.ReadAll().Should().ContainSingle();
    }

    /// <summary>A full disk (the write-ahead log made /dev/full, see <see cref="StoreFaults.FullDisk"/>).</summary>
    [RootFact]
    public void A_full_disk_gives_a_clear_error_and_leaves_no_partial_entry()
    {
        var written = Fill(2);
        using (StoreFaults.FullDisk(DatabasePath))
        {
            using var store = OpenStore();

            var append = () => store.Append(New(2023));

            append.Should().Throw<RecordStoreException>().WithMessage("*ディスクの空きがありません*何も書き込まれていません*");
            store.ReadAll().Should().Equal(written, "what was stored can still be read");
        }

        using var after = OpenStore();
        after.ReadAll().Should().Equal(written);
        after.CountSubmissions().Should().Be((2L, 2L), "the refused append left no derived row either");
        ChainVerifier.Verify(after.ReadAll()).Intact.Should().BeTrue();
        after.Append(New(2023)).Should().Match<RecordEntry>(e => e.Sequence == 3 && e.RecordId == "R5-0003");
    }
}
