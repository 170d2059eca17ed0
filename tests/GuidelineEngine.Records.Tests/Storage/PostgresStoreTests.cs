using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Storage;
using Npgsql;

namespace GuidelineEngine.Records.Tests.Storage;

/// <summary>
/// The store suite on the PostgreSQL server of GUIDELINE_TEST_POSTGRES, each test in a new schema dropped afterwards;
/// and what only PostgreSQL has. Skipped without a server, except under CI (see <see cref="PostgresFactAttribute"/>).
/// </summary>
public sealed class PostgresStoreTests : RecordStoreTests, IDisposable
{
    private readonly string _server = PostgresFactAttribute.ConnectionString;
    private readonly string _schema = "records_test_" + Guid.NewGuid().ToString("N");
    private readonly string _connectionString;

    public PostgresStoreTests()
    {
        Execute(_server, $"CREATE SCHEMA {_schema}");
        _connectionString = new NpgsqlConnectionStringBuilder(_server) { SearchPath = _schema }.ConnectionString;
    }

    protected override IRecordStore OpenStore(bool readOnly = false) => new PostgresRecordStore(_connectionString, readOnly);

    protected override object? Sql(string sql) => Execute(_connectionString, sql);

    public void Dispose() => Execute(_server, $"DROP SCHEMA {_schema} CASCADE");

    [PostgresFact]
    public void Json_lines_move_a_store_from_SQLite_to_PostgreSQL_and_back_with_the_chain_intact()
    {
        var folder = Directory.CreateTempSubdirectory("guideline-records-").FullName;
        try
        {
            using var sqlite = new SqliteRecordStore(Path.Combine(folder, "from.db"));
            var first = sqlite.Append(New(2023, "{\n  \"note\": \"整形済み \\\"引用\\\"\"\n}"));
            sqlite.Append(Next(first, 1));
            sqlite.Append(New(2024, """{"note":"次の年度"}"""));
            var exported = Export(sqlite);

            using var postgres = OpenStore();
            postgres.Import(JsonLines.Read(new StringReader(exported), "from.jsonl"));

            Export(postgres).Should().Be(exported, "sequences, hashes and text come back byte for byte");
            ChainVerifier.Verify(postgres.ReadAll()).Should().Be(new ChainReport(3, null, postgres.ReadAll().Last().Hash));
            postgres.Append(New(2023)).RecordId.Should().Be("R5-0002");
            var moved = Export(postgres);

            using var back = new SqliteRecordStore(Path.Combine(folder, "back.db"));
            back.Import(JsonLines.Read(new StringReader(moved), "back.jsonl"));
            Export(back).Should().Be(moved);
            back.ReadAll().Select(e => e.Hash).Should().Equal(postgres.ReadAll().Select(e => e.Hash));
            ChainVerifier.Verify(back.ReadAll()).Should().Be(new ChainReport(4, null, back.ReadAll().Last().Hash));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [PostgresFact]
    public void A_read_only_server_refuses_to_write_and_writes_nothing()
    {
        var written = Fill(1);
        var readOnly = new NpgsqlConnectionStringBuilder(_connectionString) { Options = "-c default_transaction_read_only=on" };
        using var store = new PostgresRecordStore(readOnly.ConnectionString);

        var append = () => store.Append(New(2023));

        append.Should().Throw<RecordStoreException>().WithMessage("*読み取り専用*何も書き込まれていません*");
        store.ReadAll().Should().Equal(written);
    }

    [PostgresFact]
    public void A_wrong_password_is_reported_without_showing_any_password()
    {
        var wrong = new NpgsqlConnectionStringBuilder(_connectionString) { Password = "not-the-password-4711" };

        var open = () => new PostgresRecordStore(wrong.ConnectionString);

        var message = open.Should().Throw<RecordStoreException>().WithMessage("*ログインできません*").Which.Message;
        message.Should().NotContain("not-the-password-4711");
        message.Should().NotContain(new NpgsqlConnectionStringBuilder(_server).Password);
    }

    [PostgresFact]
    public void The_description_names_server_port_and_database_but_not_the_password()
    {
        var server = new NpgsqlConnectionStringBuilder(_server);
        using var store = OpenStore();

        store.Description.Should().Be($"PostgreSQL {server.Host}:{server.Port}/{server.Database}");
        store.Description.Should().NotContain(server.Password);
    }

    private static string Export(IRecordStore store)
    {
        using var text = new StringWriter();
        JsonLines.Export(store, text);
        return text.ToString();
    }

    private static object? Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}

/// <summary>What needs no server: a server that is not there.</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void An_unreachable_server_gives_a_clear_error_without_the_password()
    {
        var open = () => new PostgresRecordStore("Host=127.0.0.1;Port=1;Username=guideline;Password=s3cret-4711;Database=records;Timeout=5");

        var message = open.Should().Throw<RecordStoreException>().WithMessage("*サーバーに接続できません*").Which.Message;
        message.Should().Contain("127.0.0.1:1/records").And.NotContain("s3cret-4711");
    }

    [Fact]
    public void A_malformed_connection_string_gives_a_clear_error()
    {
        var open = () => new PostgresRecordStore("Hots=127.0.0.1;Password=s3cret-4711");

        open.Should().Throw<RecordStoreException>().WithMessage("*接続文字列が正しくありません*").Which.Message.Should().NotContain("s3cret-4711");
    }
}
