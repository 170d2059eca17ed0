using System.Xml.Linq;
using GuidelineEngine.Records.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace GuidelineEngine.Web.Hosting;

/// <summary>
/// Where the data-protection key ring lives (the keys that sign the sign-in cookie, the CSRF tokens and the API's bearer
/// tokens). Instances that share it accept each other's cookies and tokens: on PostgreSQL the ring is a table of the
/// records database; on SQLite a folder, <c>keys/</c> beside <c>records.db</c> unless <c>Guideline:DataProtection:KeysFolder</c>
/// names a shared one.
/// </summary>
public static class KeyRing
{
    /// <summary>Every instance must name the application alike: by default it is the content root, which differs between folders.</summary>
    public const string ApplicationName = "GuidelineEngine";

    public const string KeysFolderSetting = "Guideline:DataProtection:KeysFolder";

    public static IServiceCollection AddGuidelineKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        // Read from the service's final configuration (a host may add settings after the services are listed).
        services.AddOptions<KeyManagementOptions>().Configure<RecordStoreOptions, IConfiguration, ILoggerFactory>((options, records, configuration, logs) =>
        {
            var folder = configuration[KeysFolderSetting];
            options.XmlRepository = records.Provider == "postgres" && string.IsNullOrWhiteSpace(folder)
                ? new PostgresXmlRepository(records.ConnectionString
                    ?? throw new RecordStoreException("PostgreSQL の接続文字列（Guideline:Records:ConnectionString）がありません。"))
                : new FileSystemXmlRepository(new DirectoryInfo(string.IsNullOrWhiteSpace(folder) ? Path.Combine(records.DataFolder, "keys") : folder), logs);
        });
        return services;
    }
}

/// <summary>
/// The key ring in its own table of the records database (<c>data_protection_keys</c>, created here, outside the record
/// schema's steps: it holds no record and nothing in the chain refers to it). Keys are only ever added; data protection
/// rereads the ring when it meets a key it does not know, so a key made by another instance is found.
/// </summary>
public sealed class PostgresXmlRepository(string connectionString) : IXmlRepository
{
    private const string Table = "data_protection_keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        using var command = new NpgsqlCommand($"SELECT xml FROM {Table} ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand($"INSERT INTO {Table} (friendly_name, xml) VALUES (@name, @xml)", connection);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    // Made once per instance; two instances starting at once may both try, and the loser finds the table made.
    private volatile bool _tableExists;

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            if (!_tableExists)
            {
                using var create = new NpgsqlCommand(
                    $"CREATE TABLE IF NOT EXISTS {Table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, friendly_name text NOT NULL, xml text NOT NULL)",
                    connection);
                try
                {
                    create.ExecuteNonQuery();
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
                {
                    // The other instance made it between our check and our insert into the catalogue.
                }
                _tableExists = true;
            }
            return connection;
        }
        catch (NpgsqlException e)
        {
            connection.Dispose();
            throw new RecordStoreException($"鍵の保管場所（PostgreSQL の {Table}）に接続できません: {e.Message}", e);
        }
    }
}
