using GuidelineEngine.Records.Model;
using Microsoft.Data.Sqlite;

namespace GuidelineEngine.Records.Storage;

/// <summary>
/// The embedded store: one SQLite file, no server. Write-ahead log with full sync, so a committed entry survives a
/// crash; BEGIN IMMEDIATE serialises writers across processes.
/// </summary>
public sealed class SqliteRecordStore : IRecordStore
{
    private const int SqliteError = 1;
    private const int SqliteFull = 13;
    private const int SqliteReadOnly = 8;
    private const int SqliteReadOnlyRecovery = 264;
    private const int SqliteReadOnlyRollback = 776;
    private const int SqliteCantOpen = 14;
    private const int SqliteIoError = 10;
    private const int SqliteNotADatabase = 26;
    private const int SqliteCorrupt = 11;

    private readonly string _connectionString;
    private readonly bool _readOnly;

    /// <param name="path">The database file; its folder is created when missing.</param>
    /// <param name="readOnly">Open for reading only (verify, export, report).</param>
    public SqliteRecordStore(string path, bool readOnly = false)
    {
        Description = Path.GetFullPath(path);
        _readOnly = readOnly;
        var folder = Path.GetDirectoryName(Description)!;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Description,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString();
        Guard(() =>
        {
            if (!readOnly)
            {
                Directory.CreateDirectory(folder);
            }
            using var connection = Open();
            if (!readOnly)
            {
                Migrations.Apply(connection, Migrations.Sqlite);
            }
        });
    }

    public string Description { get; }

    public RecordEntry Append(PendingEntry pending) => Guard(() =>
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (pending.RecordId is { } existing)
        {
            ChainedEntry.CheckRecord(pending, Count(connection, existing));
        }
        var entry = ChainedEntry.Build(pending, Last(connection), fiscalYear => NextNumber(connection, fiscalYear));
        Insert(connection, entry);
        if (pending.Derived is { } derived)
        {
            ReserveNumber(connection, entry.RecordId);
            InsertSubmission(connection, entry.Sequence, entry.RecordId, derived);
        }
        transaction.Commit();
        return entry;
    });

    public IReadOnlyList<RecordEntry> Entries(string recordId) => Guard(() =>
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ChainedEntry.Columns} FROM entries WHERE record_id = $id ORDER BY sequence";
        command.Parameters.AddWithValue("$id", recordId);
        using var reader = command.ExecuteReader();
        var entries = new List<RecordEntry>();
        while (reader.Read())
        {
            entries.Add(ChainedEntry.Read(reader));
        }
        return (IReadOnlyList<RecordEntry>)entries;
    });

    public IEnumerable<RecordEntry> ReadAll()
    {
        using var connection = Guard(Open);
        foreach (var entry in Stream(connection, $"SELECT {ChainedEntry.Columns} FROM entries ORDER BY sequence", r => ChainedEntry.Read(r)))
        {
            yield return entry;
        }
    }

    public IEnumerable<StoredEntry> ReadAllWithSubmissions()
    {
        using var connection = Guard(Open);
        if (!Guard(() => HasSubmissions(connection)))
        {
            // Made before the derived table and opened read-only: no rows yet.
            foreach (var entry in Stream(connection, $"SELECT {ChainedEntry.Columns} FROM entries ORDER BY sequence", r => ChainedEntry.Read(r)))
            {
                yield return new StoredEntry(entry, null);
            }
            yield break;
        }
        var joined = $"SELECT {Submissions.Qualified(ChainedEntry.Columns, "e")}, {Submissions.Qualified(Submissions.Columns, "s")} "
            + "FROM entries e LEFT JOIN submissions s ON s.sequence = e.sequence ORDER BY e.sequence";
        foreach (var stored in Stream(connection, joined, r => new StoredEntry(ChainedEntry.Read(r), Submissions.Read(r, 8))))
        {
            yield return stored;
        }
        var orphans = $"SELECT {Submissions.Columns} FROM submissions s WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.sequence = s.sequence) ORDER BY sequence";
        foreach (var stored in Stream(connection, orphans, r => new StoredEntry(null, Submissions.Read(r, 0))))
        {
            yield return stored;
        }
    }

    public IEnumerable<SubmissionRow> ReadSubmissions()
    {
        using var connection = Guard(Open);
        // A TEXT value read as a blob is its UTF-8 bytes, as stored.
        foreach (var row in Stream(connection, $"SELECT {Submissions.Columns} FROM submissions ORDER BY sequence", r => Submissions.Read(r, 0)!))
        {
            yield return row;
        }
    }

    public (long Submissions, long Derived) CountSubmissions() => Guard(() =>
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // One statement, one snapshot; each submission reserved one record number in its transaction.
        command.CommandText = "SELECT (SELECT COUNT(*) FROM record_numbers), (SELECT COUNT(*) FROM submissions)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    });

    public IEnumerable<EntryPayload> ReadUnderivedSubmissions()
    {
        using var connection = Guard(Open);
        var sql = "SELECT sequence, record_id, payload FROM entries e WHERE kind = 'Submitted' "
            + "AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.sequence = e.sequence) ORDER BY sequence";
        foreach (var payload in Stream(connection, sql, r => new EntryPayload(r.GetInt64(0), r.GetString(1), r.GetFieldValue<byte[]>(2))))
        {
            yield return payload;
        }
    }

    public void AddSubmissions(IEnumerable<(long Sequence, string RecordId, DerivedSubmission Derived)> rows) => Guard(() =>
    {
        using var connection = Open();
        foreach (var batch in rows.Chunk(Submissions.PerTransaction))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var (sequence, recordId, derived) in batch)
            {
                InsertSubmission(connection, sequence, recordId, derived, keepExisting: true);
            }
            transaction.Commit();
        }
    });

    public IReadOnlyList<StoredUser> ReadUsers() => Guard(() => Users(UserRows.SelectAll));

    public StoredUser? FindUser(string name) => Guard(() => Users(UserRows.SelectOne, name).SingleOrDefault());

    public bool AddUser(StoredUser user) => Guard(() => Execute(UserRows.Insert, UserRows.Values(user)) == 1);

    public bool UpdateUser(StoredUser user) => Guard(() => Execute(UserRows.Update, UserRows.Values(user)) == 1);

    private List<StoredUser> Users(string sql, params object[] values)
    {
        using var connection = Open();
        using var command = Command(connection, sql, values);
        return UserRows.ReadAll(command);
    }

    private int Execute(string sql, object[] values)
    {
        using var connection = Open();
        using var command = Command(connection, sql, values);
        return command.ExecuteNonQuery();
    }

    // Positional parameters $1, $2 …, as PostgreSQL writes them: SQLite takes them as names.
    private static SqliteCommand Command(SqliteConnection connection, string sql, object[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", values[i]);
        }
        return command;
    }

    public void Import(IEnumerable<RecordEntry> entries) => Guard(() =>
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        ChainedEntry.CheckEmpty(Last(connection), Description);
        foreach (var entry in ChainedEntry.Checked(entries))
        {
            Insert(connection, entry);
            if (entry.Kind == EntryKind.Submitted)
            {
                ReserveNumber(connection, entry.RecordId);
            }
        }
        transaction.Commit();
    });

    public void Dispose()
    {
        // Connections are opened per call; nothing is held between calls.
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = _readOnly
            ? "PRAGMA busy_timeout=60000;"
            : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    // A forward-only reader on the caller's connection; a read error becomes a message as every other.
    private IEnumerable<T> Stream<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = Guard(() => command.ExecuteReader());
        while (Guard(reader.Read))
        {
            yield return read(reader);
        }
    }

    private static bool HasSubmissions(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'submissions'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static RecordEntry? Last(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ChainedEntry.Columns} FROM entries ORDER BY sequence DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? ChainedEntry.Read(reader) : null;
    }

    private static int Count(SqliteConnection connection, string recordId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM entries WHERE record_id = $id";
        command.Parameters.AddWithValue("$id", recordId);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int NextNumber(SqliteConnection connection, int fiscalYear)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(number), 0) + 1 FROM record_numbers WHERE fiscal_year = $year";
        command.Parameters.AddWithValue("$year", fiscalYear);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void ReserveNumber(SqliteConnection connection, string recordId)
    {
        var (year, number) = ChainedEntry.Numbered(recordId);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO record_numbers (fiscal_year, number, record_id) VALUES ($year, $number, $id)";
        command.Parameters.AddWithValue("$year", year);
        command.Parameters.AddWithValue("$number", number);
        command.Parameters.AddWithValue("$id", recordId);
        command.ExecuteNonQuery();
    }

    private static void Insert(SqliteConnection connection, RecordEntry entry)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO entries ({ChainedEntry.Columns}) VALUES ($sequence, $record, $kind, $at, $actor, $payload, $previous, $hash)";
        command.Parameters.AddWithValue("$sequence", entry.Sequence);
        command.Parameters.AddWithValue("$record", entry.RecordId);
        command.Parameters.AddWithValue("$kind", entry.Kind.ToString());
        command.Parameters.AddWithValue("$at", entry.At);
        command.Parameters.AddWithValue("$actor", entry.Actor);
        command.Parameters.AddWithValue("$payload", entry.Payload);
        command.Parameters.AddWithValue("$previous", entry.PreviousHash);
        command.Parameters.AddWithValue("$hash", entry.Hash);
        command.ExecuteNonQuery();
    }

    /// <summary>Writes a derived row; parameters $sequence, $record, $version, $outcome, $categories, $intake (the benchmark's loader uses it too).</summary>
    internal const string InsertSubmissionSql =
        $"INSERT INTO submissions ({Submissions.Columns}) VALUES ($sequence, $record, $version, $outcome, $categories, $intake)";

    private static void InsertSubmission(SqliteConnection connection, long sequence, string recordId, DerivedSubmission derived, bool keepExisting = false)
    {
        using var command = connection.CreateCommand();
        command.CommandText = InsertSubmissionSql + (keepExisting ? " ON CONFLICT (sequence) DO NOTHING" : "");
        command.Parameters.AddWithValue("$sequence", sequence);
        command.Parameters.AddWithValue("$record", recordId);
        command.Parameters.AddWithValue("$version", derived.VersionId);
        command.Parameters.AddWithValue("$outcome", derived.Outcome);
        command.Parameters.AddWithValue("$categories", derived.Categories);
        command.Parameters.AddWithValue("$intake", derived.Intake);
        command.ExecuteNonQuery();
    }

    private void Guard(Action action) => Guard(() =>
    {
        action();
        return 0;
    });

    // SQLite's error codes become messages staff can act on; nothing half-written is left, as every write is one transaction.
    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            throw new RecordStoreException(e.SqliteErrorCode switch
            {
                SqliteFull => ChainedEntry.DiskFull(Description),
                // A write cut short (a hot journal, a log to recover), which only a connection that may write can undo: a crash
                // while the store was first made leaves one, and then a read-only command such as records verify meets it.
                SqliteReadOnly when e.SqliteExtendedErrorCode is SqliteReadOnlyRollback or SqliteReadOnlyRecovery =>
                    $"記録簿が、書き込みの途中で止まったままです（{Description}）。読み取り専用では開けません。"
                    + "記録する操作（協議の提出など）で一度開くと、途中までの書き込みは取り消されます。",
                SqliteReadOnly => ChainedEntry.ReadOnly(Description),
                SqliteCantOpen => $"記録簿を開けません（{Description}）。フォルダと権限を確認してください。",
                SqliteIoError => $"記録簿の読み書きに失敗しました（{Description}）: {e.Message}",
                // SQLite has no code of its own for a missing table.
                SqliteError when e.Message.Contains("no such table", StringComparison.Ordinal) => ChainedEntry.NoTables(Description),
                SqliteNotADatabase or SqliteCorrupt => $"記録簿のファイルが SQLite のデータベースではないか、壊れています（{Description}）。",
                _ => $"記録簿のエラー（{Description}）: {e.Message}",
            }, e);
        }
        catch (IOException e)
        {
            throw new RecordStoreException($"記録簿の場所を用意できません（{Description}）: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RecordStoreException($"記録簿の場所に書き込む権限がありません（{Description}）: {e.Message}", e);
        }
    }
}
