using System.Globalization;
using System.Net.Sockets;
using GuidelineEngine.Records.Model;
using Npgsql;

namespace GuidelineEngine.Records.Storage;

/// <summary>
/// The shared store on a PostgreSQL server. Every write is one transaction; an advisory lock serialises appends across
/// processes, and another one lets only one process at a time upgrade the schema on opening.
/// </summary>
public sealed class PostgresRecordStore : IRecordStore
{
    // Keys of the advisory locks: fixed numbers that only this store uses.
    private const long MigrationLock = 0x4775_6964_0001;
    private const long AppendLock = 0x4775_6964_0002;

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">An Npgsql connection string; its password never appears in messages.</param>
    /// <param name="readOnly">Open for reading only: no schema upgrade (a role that may only read can use it).</param>
    public PostgresRecordStore(string connectionString, bool readOnly = false)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
            _dataSource = NpgsqlDataSource.Create(builder);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new RecordStoreException($"PostgreSQL の接続文字列が正しくありません: {e.Message}", e);
        }
        try
        {
            Guard(() =>
            {
                using var connection = _dataSource.OpenConnection();
                // A read-only server (a standby, or default_transaction_read_only) can still be read: no upgrade then.
                if (readOnly || Scalar(connection, "SHOW transaction_read_only") is "on")
                {
                    return;
                }
                Scalar(connection, $"SELECT pg_advisory_lock({MigrationLock})");
                try
                {
                    Migrations.Apply(connection, Migrations.Postgres);
                }
                finally
                {
                    Scalar(connection, $"SELECT pg_advisory_unlock({MigrationLock})");
                }
            });
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    /// <summary>Server, port and database (never the password).</summary>
    public string Description { get; }

    public RecordEntry Append(PendingEntry pending) => Write(connection =>
    {
        // An acknowledged entry must survive a server crash, whatever the role's or database's default says.
        Scalar(connection, "SET LOCAL synchronous_commit = on");
        if (pending.RecordId is { } existing)
        {
            ChainedEntry.CheckRecord(pending, Int(Scalar(connection, "SELECT COUNT(*) FROM entries WHERE record_id = $1", existing)));
        }
        var entry = ChainedEntry.Build(pending, Last(connection), fiscalYear =>
            Int(Scalar(connection, "SELECT COALESCE(MAX(number), 0) + 1 FROM record_numbers WHERE fiscal_year = $1", fiscalYear)));
        Insert(connection, entry);
        if (pending.Derived is { } derived)
        {
            ReserveNumber(connection, entry.RecordId);
            InsertSubmission(connection, entry.Sequence, entry.RecordId, derived);
        }
        return entry;
    });

    public IReadOnlyList<RecordEntry> Entries(string recordId) => Guard(() =>
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, $"SELECT {ChainedEntry.Columns} FROM entries WHERE record_id = $1 ORDER BY sequence", recordId);
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
        using var connection = Guard(_dataSource.OpenConnection);
        foreach (var entry in Stream(connection, $"SELECT {ChainedEntry.Columns} FROM entries ORDER BY sequence", r => ChainedEntry.Read(r)))
        {
            yield return entry;
        }
    }

    public IEnumerable<StoredEntry> ReadAllWithSubmissions()
    {
        using var connection = Guard(_dataSource.OpenConnection);
        // to_regclass looks the table up on the search path, as the queries do.
        if (Guard(() => Scalar(connection, "SELECT to_regclass('submissions') IS NULL")) is true)
        {
            // Made before the derived table and never opened for writing since: no rows yet.
            foreach (var entry in Stream(connection, $"SELECT {ChainedEntry.Columns} FROM entries ORDER BY sequence", r => ChainedEntry.Read(r)))
            {
                yield return new StoredEntry(entry, null);
            }
            yield break;
        }
        var joined = $"SELECT {Submissions.Qualified(ChainedEntry.Columns, "e")}, {DerivedColumns} "
            + "FROM entries e LEFT JOIN submissions s ON s.sequence = e.sequence ORDER BY e.sequence";
        foreach (var stored in Stream(connection, joined, r => new StoredEntry(ChainedEntry.Read(r), Submissions.Read(r, 8))))
        {
            yield return stored;
        }
        var orphans = $"SELECT {DerivedColumns} FROM submissions s WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.sequence = s.sequence) ORDER BY s.sequence";
        foreach (var stored in Stream(connection, orphans, r => new StoredEntry(null, Submissions.Read(r, 0))))
        {
            yield return stored;
        }
    }

    public IEnumerable<SubmissionRow> ReadSubmissions()
    {
        using var connection = Guard(_dataSource.OpenConnection);
        foreach (var row in Stream(connection, $"SELECT {DerivedColumns} FROM submissions s ORDER BY s.sequence", r => Submissions.Read(r, 0)!))
        {
            yield return row;
        }
    }

    public (long Submissions, long Derived) CountSubmissions() => Guard(() =>
    {
        using var connection = _dataSource.OpenConnection();
        // One statement, one snapshot; each submission reserved one record number in its transaction.
        using var command = Command(connection, "SELECT (SELECT COUNT(*) FROM record_numbers), (SELECT COUNT(*) FROM submissions)");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    });

    public IEnumerable<EntryPayload> ReadUnderivedSubmissions()
    {
        using var connection = Guard(_dataSource.OpenConnection);
        // convert_to gives the text's UTF-8 bytes (bytea) whatever the database's encoding.
        var sql = "SELECT e.sequence, e.record_id, convert_to(e.payload, 'UTF8') FROM entries e WHERE e.kind = 'Submitted' "
            + "AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.sequence = e.sequence) ORDER BY e.sequence";
        foreach (var payload in Stream(connection, sql, r => new EntryPayload(r.GetInt64(0), r.GetString(1), r.GetFieldValue<byte[]>(2))))
        {
            yield return payload;
        }
    }

    public void AddSubmissions(IEnumerable<(long Sequence, string RecordId, DerivedSubmission Derived)> rows)
    {
        foreach (var batch in rows.Chunk(Submissions.PerTransaction))
        {
            Write(connection =>
            {
                foreach (var (sequence, recordId, derived) in batch)
                {
                    InsertSubmission(connection, sequence, recordId, derived, keepExisting: true);
                }
                return 0;
            });
        }
    }

    public void Import(IEnumerable<RecordEntry> entries) => Write(connection =>
    {
        ChainedEntry.CheckEmpty(Last(connection), Description);
        foreach (var entry in ChainedEntry.Checked(entries))
        {
            Insert(connection, entry);
            if (entry.Kind == EntryKind.Submitted)
            {
                ReserveNumber(connection, entry.RecordId);
            }
        }
        return 0;
    });

    public IReadOnlyList<StoredUser> ReadUsers() => Guard(() => Users(UserRows.SelectAll));

    public StoredUser? FindUser(string name) => Guard(() => Users(UserRows.SelectOne, name).SingleOrDefault());

    public bool AddUser(StoredUser user) => Write(connection => Execute(connection, UserRows.Insert, UserRows.Values(user)) == 1);

    public bool UpdateUser(StoredUser user) => Write(connection => Execute(connection, UserRows.Update, UserRows.Values(user)) == 1);

    private List<StoredUser> Users(string sql, params object[] values)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = Command(connection, sql, values);
        return UserRows.ReadAll(command);
    }

    private static int Execute(NpgsqlConnection connection, string sql, object[] values)
    {
        using var command = Command(connection, sql, values);
        return command.ExecuteNonQuery();
    }

    public void Dispose() => _dataSource.Dispose();

    /// <summary>The columns of a derived row (<see cref="Submissions.Read"/>) of table alias s, the intake as its UTF-8 bytes.</summary>
    private const string DerivedColumns = "s.sequence, s.record_id, s.version_id, s.outcome, s.categories, convert_to(s.intake, 'UTF8')";

    // A forward-only reader on the caller's connection; a read error becomes a message as every other.
    private IEnumerable<T> Stream<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read)
    {
        using var command = Command(connection, sql);
        using var reader = Guard(() => command.ExecuteReader());
        while (Guard(reader.Read))
        {
            yield return read(reader);
        }
    }

    private static RecordEntry? Last(NpgsqlConnection connection)
    {
        using var command = Command(connection, $"SELECT {ChainedEntry.Columns} FROM entries ORDER BY sequence DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        return reader.Read() ? ChainedEntry.Read(reader) : null;
    }

    private static void ReserveNumber(NpgsqlConnection connection, string recordId)
    {
        var (fiscalYear, number) = ChainedEntry.Numbered(recordId);
        Scalar(connection, "INSERT INTO record_numbers (fiscal_year, number, record_id) VALUES ($1, $2, $3)", fiscalYear, number, recordId);
    }

    private static void Insert(NpgsqlConnection connection, RecordEntry entry) =>
        Scalar(connection, $"INSERT INTO entries ({ChainedEntry.Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            entry.Sequence, entry.RecordId, entry.Kind.ToString(), entry.At, entry.Actor, entry.Payload, entry.PreviousHash, entry.Hash);

    private static void InsertSubmission(NpgsqlConnection connection, long sequence, string recordId, DerivedSubmission derived, bool keepExisting = false) =>
        Scalar(connection, $"INSERT INTO submissions ({Submissions.Columns}) VALUES ($1, $2, $3, $4, $5, $6)" + (keepExisting ? " ON CONFLICT (sequence) DO NOTHING" : ""),
            sequence, recordId, derived.VersionId, derived.Outcome, derived.Categories, derived.Intake);

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private static object? Scalar(NpgsqlConnection connection, string sql, params object[] values)
    {
        using var command = Command(connection, sql, values);
        return command.ExecuteScalar();
    }

    private static int Int(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction holding the append lock, and commits. A pooled connection may have
    /// died with a server restart since its last use: found dead at its first round trip, before anything was done on it,
    /// the pool is emptied and the transaction starts once more on a new connection (not after a time-out: that one was alive).
    /// </summary>
    private T Write<T>(Func<NpgsqlConnection, T> work) => Guard(() =>
    {
        for (var attempt = 1; ; attempt++)
        {
            using var connection = _dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            try
            {
                // The first round trip (BEGIN goes with it); the lock serialises appends across processes.
                Scalar(connection, $"SELECT pg_advisory_xact_lock({AppendLock})");
            }
            catch (NpgsqlException e) when (attempt == 1 && ConnectionLost(e) && e.InnerException is not TimeoutException)
            {
                _dataSource.Clear();
                continue;
            }
            var result = work(connection);
            try
            {
                transaction.Commit();
            }
            catch (NpgsqlException e) when (ConnectionLost(e))
            {
                // The server may have committed before the connection broke: the writer cannot know, so it must not guess.
                _dataSource.Clear();
                throw new RecordStoreException(
                    $"PostgreSQL サーバーとの接続が、記録を確定する途中で切れました（{Description}）。記録されたかどうかは分かりません。" +
                    "サーバーが戻ってから協議記録の一覧で確かめ、記録されていなければやり直してください。", e);
            }
            return result;
        }
    });

    private void Guard(Action action) => Guard(() =>
    {
        action();
        return 0;
    });

    // Server errors become messages staff can act on. Every write is one transaction, so a failure leaves nothing half-written.
    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (NpgsqlException e) when (ConnectionLost(e))
        {
            // The other pooled connections went with the server: without this, each would fail once more after it is back.
            _dataSource.Clear();
            throw new RecordStoreException(
                $"PostgreSQL サーバーに接続できません（{Description}）: サーバーが止まっているか、再起動の途中です。この操作では何も書き込まれていません。" +
                "しばらくしてからやり直してください。続くときは、サーバーが動いているか、ホスト名・ポート・ネットワークを管理者に確かめてもらってください。", e);
        }
        catch (PostgresException e)
        {
            throw new RecordStoreException(e.SqlState switch
            {
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                    $"PostgreSQL にログインできません（{Description}）: ユーザー名かパスワードが違うか、接続が許可されていません。",
                PostgresErrorCodes.InvalidCatalogName => $"PostgreSQL にデータベースがありません（{Description}）。",
                PostgresErrorCodes.ReadOnlySqlTransaction => ChainedEntry.ReadOnly(Description),
                PostgresErrorCodes.DiskFull => ChainedEntry.DiskFull(Description),
                PostgresErrorCodes.UndefinedTable => ChainedEntry.NoTables(Description),
                PostgresErrorCodes.InsufficientPrivilege => $"記録簿を読み書きする権限がありません（{Description}）: {e.MessageText}",
                _ => $"記録簿のエラー（{Description}）: {e.SqlState} {e.MessageText}。途中まで書かれた記録は残りません。",
            }, e);
        }
        catch (NpgsqlException e)
        {
            throw new RecordStoreException($"記録簿のエラー（{Description}）: {e.Message}。途中まで書かれた記録は残りません。", e);
        }
    }

    /// <summary>
    /// The server is gone or going: refused or broken connections, time-outs, and the server saying it shuts down, crashed
    /// or is starting up. Such a connection is not usable again.
    /// </summary>
    private static bool ConnectionLost(NpgsqlException e) => e is PostgresException postgres
        ? postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
        : e.InnerException is IOException or SocketException or TimeoutException;
}
