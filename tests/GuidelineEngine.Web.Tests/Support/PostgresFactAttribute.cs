using Npgsql;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>
/// A test that needs the PostgreSQL server named by GUIDELINE_TEST_POSTGRES (.ci/run starts one): skipped without it,
/// except under CI (CI=true), where it runs and fails, as the store tests do (GuidelineEngine.Records.Tests).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "GUIDELINE_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 }
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"{Variable} is not set: no PostgreSQL server for the web service's store tests (.ci/run starts one).";
        }
    }
}

/// <summary>A new schema on the server of GUIDELINE_TEST_POSTGRES, dropped afterwards, and the settings that point the service at it.</summary>
public sealed class PostgresSchema : IDisposable
{
    private readonly string _server = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException($"CI=true but {PostgresFactAttribute.Variable} is not set: the PostgreSQL tests cannot run.");

    private readonly string _name = "web_test_" + Guid.NewGuid().ToString("N")[..12];

    public PostgresSchema()
    {
        Execute($"CREATE SCHEMA {_name}");
        Settings = new()
        {
            ["Guideline:Records:Provider"] = "postgres",
            ["Guideline:Records:ConnectionString"] = new NpgsqlConnectionStringBuilder(_server) { SearchPath = _name }.ConnectionString,
        };
    }

    public Dictionary<string, string?> Settings { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP SCHEMA IF EXISTS {_name} CASCADE");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
