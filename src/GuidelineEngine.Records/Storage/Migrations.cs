using System.Data.Common;

namespace GuidelineEngine.Records.Storage;

/// <summary>
/// The schema, as numbered steps applied in order on opening a store; the version reached is kept in the store.
/// A new step is added at the end, never edited once shipped.
/// </summary>
internal static class Migrations
{
    // The steps, written once for both stores: {bigint} is the 64-bit integer type of each.
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE entries (
            sequence {bigint} PRIMARY KEY,
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            payload TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        );
        CREATE INDEX entries_by_record ON entries (record_id, sequence);
        CREATE TABLE record_numbers (
            fiscal_year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            record_id TEXT NOT NULL UNIQUE,
            PRIMARY KEY (fiscal_year, number)
        );
        """,
        // 2: the derived row of each submission (IRecordStore.ReadSubmissions), so that impact analysis reads a few hundred
        // bytes a record instead of the payload's decision with its rationale; its own table, so reading it never touches the
        // payload pages. Written in the transaction of its entry; rows of submissions made before this step are filled from
        // the payloads (DerivedSubmissions.Fill). The index lets a count read a small index rather than every row.
        """
        CREATE TABLE submissions (
            sequence {bigint} PRIMARY KEY,
            record_id TEXT NOT NULL,
            version_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            categories TEXT NOT NULL,
            intake TEXT NOT NULL
        );
        CREATE INDEX submissions_by_record ON submissions (record_id);
        """,
        // 3: the web service's users managed with `guideline users` (Model/StoredUser.cs); beside the chain, changed in place.
        """
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            display_name TEXT,
            section TEXT NOT NULL,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL,
            changed_at TEXT NOT NULL
        );
        """,
    ];

    // SQLite's INTEGER PRIMARY KEY is its 64-bit row id.
    public static readonly IReadOnlyList<string> Sqlite = [.. Steps.Select(s => s.Replace("{bigint}", "INTEGER", StringComparison.Ordinal))];

    public static readonly IReadOnlyList<string> Postgres = [.. Steps.Select(s => s.Replace("{bigint}", "BIGINT", StringComparison.Ordinal))];

    /// <summary>Brings the schema up to the last step, each step in its own transaction.</summary>
    public static void Apply(DbConnection connection, IReadOnlyList<string> steps)
    {
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        for (var version = Current(connection) + 1; version <= steps.Count; version++)
        {
            using var transaction = connection.BeginTransaction();
            // Re-read under the transaction: another process may have upgraded meanwhile.
            if (Current(connection, transaction) >= version)
            {
                transaction.Commit();
                continue;
            }
            Execute(connection, transaction, steps[version - 1]);
            Execute(connection, transaction, "DELETE FROM schema_version");
            Execute(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({version})");
            transaction.Commit();
        }
    }

    private static int Current(DbConnection connection, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
