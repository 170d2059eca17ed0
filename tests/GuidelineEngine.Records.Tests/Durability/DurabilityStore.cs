using System.Globalization;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Records.Tests.Storage;
using Npgsql;

namespace GuidelineEngine.Records.Tests.Durability;

/// <summary>A new, empty store for one durability test, named for the stress writer (<c>--store</c>) and opened for checking.</summary>
internal abstract class DurabilityStore : IDisposable
{
    /// <summary>What the stress writer takes as <c>--store</c>.</summary>
    public abstract string Spec { get; }

    /// <summary>For messages.</summary>
    public abstract string Name { get; }

    /// <summary>How the application would be configured for this store.</summary>
    public abstract RecordStoreOptions Options { get; }

    /// <summary>Opens the store afresh, as the application does (read-only as <c>records verify</c> does), as after a crash.</summary>
    public IRecordStore Open(bool readOnly = false) => Options.Open(readOnly);

    public abstract void Dispose();

    public static DurabilityStore Sqlite() => new SqliteStore();

    /// <summary>On the server named by GUIDELINE_TEST_POSTGRES (see <see cref="PostgresFactAttribute"/>).</summary>
    public static DurabilityStore Postgres() => new PostgresStore(PostgresFactAttribute.ConnectionString);

    /// <summary>A file in a new temporary folder, removed with it.</summary>
    private sealed class SqliteStore : DurabilityStore
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("guideline-durability-").FullName;

        public string Path => System.IO.Path.Combine(_folder, RecordStoreOptions.DefaultFileName);

        public override string Spec => "sqlite:" + Path;

        public override string Name => "SQLite " + Path;

        public override RecordStoreOptions Options => new() { Provider = "sqlite", DataFolder = _folder };

        public override void Dispose()
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temporary folder.
            }
        }
    }

    /// <summary>
    /// A new database on the server, dropped afterwards; where the role may not create databases, a new schema
    /// (put first on the search path) in the given one.
    /// </summary>
    private sealed class PostgresStore : DurabilityStore
    {
        private readonly string _server;
        private readonly string _name = "guideline_durability_" + Guid.NewGuid().ToString("N")[..12];
        private readonly bool _ownDatabase;

        public PostgresStore(string server)
        {
            _server = server;
            var connection = new NpgsqlConnectionStringBuilder(server);
            try
            {
                Execute(server, $"CREATE DATABASE {_name}");
                connection.Database = _name;
                _ownDatabase = true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                Execute(server, $"CREATE SCHEMA {_name}");
                connection.SearchPath = _name;
            }
            Connection = connection.ConnectionString;
        }

        public string Connection { get; }

        public override string Spec => "postgres:" + Connection;

        public override string Name => string.Create(CultureInfo.InvariantCulture, $"PostgreSQL {(_ownDatabase ? "database" : "schema")} {_name}");

        public override RecordStoreOptions Options => new() { Provider = "postgres", ConnectionString = Connection };

        public override void Dispose()
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                Execute(_server, _ownDatabase ? $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)" : $"DROP SCHEMA IF EXISTS {_name} CASCADE");
            }
            catch (NpgsqlException)
            {
                // Left on the server; its name says where it came from.
            }
        }

        private static void Execute(string connectionString, string sql)
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
