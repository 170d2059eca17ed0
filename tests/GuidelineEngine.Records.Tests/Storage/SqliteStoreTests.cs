using System.Diagnostics;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;
using Microsoft.Data.Sqlite;

namespace GuidelineEngine.Records.Tests.Storage;

/// <summary>The store suite on the embedded SQLite store (a file in a new folder per test), and what only SQLite has.</summary>
public sealed class SqliteStoreTests : RecordStoreTests, IDisposable
{
    // Beside the test assembly rather than in /tmp, which may be mounted nodev (see the full-disk test).
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "stores", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, RecordStoreOptions.DefaultFileName);

    protected override IRecordStore OpenStore() => new SqliteRecordStore(DatabasePath);

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
        File.ReadAllBytes(DatabasePath).Should().Equal(before);
    }

    /// <summary>
    /// A full disk, simulated by making the write-ahead log /dev/full, where every write fails with ENOSPC
    /// (SQLite's max_page_count cannot do it: it holds for one connection only, and the store opens one per call).
    /// </summary>
    [RootFact]
    public void A_full_disk_gives_a_clear_error_and_leaves_no_partial_entry()
    {
        var written = Fill(2);
        var log = DatabasePath + "-wal";
        File.Exists(log).Should().BeFalse("the last connection folds the log into the file and removes it");
        using (var mknod = Process.Start("mknod", [log, "c", "1", "7"]))
        {
            mknod.WaitForExit();
            mknod.ExitCode.Should().Be(0, "mknod makes the log a /dev/full device");
        }
        try
        {
            // A reader holding the database open keeps the store's connections from removing the log when they close.
            using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
            reader.Open();
            using (var count = reader.CreateCommand())
            {
                count.CommandText = "SELECT COUNT(*) FROM entries";
                count.ExecuteScalar().Should().Be(2L);
            }
            using var store = OpenStore();

            var append = () => store.Append(New(2023));

            append.Should().Throw<RecordStoreException>().WithMessage("*ディスクの空きがありません*何も書き込まれていません*");
        }
        finally
        {
            File.Delete(log);
        }

        using var after = OpenStore();
        after.ReadAll().Should().Equal(written);
        ChainVerifier.Verify(after.ReadAll()).Intact.Should().BeTrue();
        after.Append(New(2023)).Should().Match<RecordEntry>(e => e.Sequence == 3 && e.RecordId == "R5-0003");
    }
}
