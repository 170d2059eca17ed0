using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>
/// The service as `dotnet run` starts it (Development: the example users of appsettings.Development.json, rules and casebook beside the binary),
/// with its SQLite store in a fresh temporary folder that is removed afterwards — or on the PostgreSQL server of
/// <see cref="PostgresConnectionString"/>; a subclass may add settings over appsettings.json (more users, other limits).
/// </summary>
public class GuidelineWebFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public GuidelineWebFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    protected GuidelineWebFactory(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    /// <summary>The SQLite store's folder: a new one (removed afterwards), unless given.</summary>
    public string DataFolder { get; init; } = Path.Combine(Path.GetTempPath(), "guideline-web-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>When set, the records go to this PostgreSQL database instead.</summary>
    public string? PostgresConnectionString { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The example users live only in Development's settings, and only there may they sign in.
        builder.UseEnvironment("Development");
        if (PostgresConnectionString is { } postgres)
        {
            builder.UseSetting("Guideline:Records:Provider", "postgres");
            builder.UseSetting("Guideline:Records:ConnectionString", postgres);
        }
        else
        {
            builder.UseSetting("Guideline:Records:Provider", "sqlite");
            builder.UseSetting("Guideline:Records:DataFolder", DataFolder);
        }
        builder.UseSetting("Guideline:RulesRoot", TestPaths.Rules);
        builder.UseSetting("Guideline:CasebookRoot", TestPaths.Casebook);
        // Added last, so these win over appsettings.json.
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
    }

    /// <summary>A browser-like client: keeps cookies, follows no redirect (the tests look at each one).</summary>
    public virtual WebSession Session() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
