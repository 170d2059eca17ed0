using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Application.Precedents;
using GuidelineEngine.Application.Screening;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Casebook;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;
using GuidelineEngine.Web.Consultations;
using GuidelineEngine.Web.Intake;
using GuidelineEngine.Web.Security;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace GuidelineEngine.Web.Hosting;

/// <summary>Where the service finds its rules and casebook (configuration section <c>Guideline</c>), as for the CLI.</summary>
public sealed record GuidelineSettings
{
    /// <summary>The rules folder; empty means <c>rules/</c> beside the binary.</summary>
    public string? RulesRoot { get; init; }

    /// <summary>The casebook folder (類似事例); empty means <c>casebook/</c> beside the binary.</summary>
    public string? CasebookRoot { get; init; }

    public string Rules => string.IsNullOrWhiteSpace(RulesRoot) ? Path.Combine(AppContext.BaseDirectory, "rules") : RulesRoot;

    public string Casebook => string.IsNullOrWhiteSpace(CasebookRoot) ? Path.Combine(AppContext.BaseDirectory, "casebook") : CasebookRoot;
}

/// <summary>The engine, the records and the users as services.</summary>
public static class EngineServices
{
    /// <summary>
    /// <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c> (the example users of Development) beside the binary,
    /// read first, so that those in the content root, environment variables and the command line override them; and the CLI's
    /// <c>GUIDELINE_</c> environment variables.
    /// </summary>
    public static WebApplicationBuilder AddGuidelineConfiguration(this WebApplicationBuilder builder)
    {
        IConfigurationBuilder configuration = builder.Configuration;
        string[] files = ["appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json"];
        foreach (var (file, index) in files.Select((f, i) => (f, i)))
        {
            var beside = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, file), Optional = true };
            beside.ResolveFileProvider();
            configuration.Sources.Insert(index, beside);
        }
        var commandLine = configuration.Sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource);
        var prefixed = new EnvironmentVariablesConfigurationSource { Prefix = "GUIDELINE_" };
        if (commandLine < 0)
        {
            configuration.Sources.Add(prefixed);
        }
        else
        {
            configuration.Sources.Insert(commandLine, prefixed);
        }
        // Loopback only unless told otherwise (--urls, ASPNETCORE_URLS, or Urls in appsettings.json).
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.HttpPortsKey])
            && string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.HttpsPortsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        return builder;
    }

    /// <summary>Where the service listens unless configured otherwise: this machine only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static IServiceCollection AddGuidelineEngine(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Guideline").Get<GuidelineSettings>() ?? new GuidelineSettings());
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<GuidelineSettings>();
            var catalog = RuleSetCatalog.Load(settings.Rules);
            sp.GetRequiredService<ILogger<GuidelineSettings>>().LogInformation("規則を読み込みました: {Root}（{Versions}）", settings.Rules,
                string.Join(", ", catalog.Versions.Select(v => $"{v.Version.Id} {v.ContentHash}")));
            return catalog;
        });
        services.AddSingleton(sp => new CaseScreener(sp.GetRequiredService<RuleSetCatalog>().Versions));
        services.AddSingleton(sp => new ConsultationScreening(sp.GetRequiredService<CaseScreener>(), Precedents(sp)));
        services.AddSingleton(sp =>
            sp.GetRequiredService<IConfiguration>().GetSection("Guideline:Records").Get<RecordStoreOptions>() ?? new RecordStoreOptions());
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<RecordStoreOptions>().Open();
            sp.GetRequiredService<ILogger<RecordStoreOptions>>().LogInformation("記録簿: {Store}", store.Description);
            return store;
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ConsultationLedger(
            sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<ConsultationScreening>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IntakeGate>();
        services.AddSingleton<SectionScope>();
        services.AddSingleton<ConsultationDesk>();
        return services;
    }

    /// <summary>Builds the singletons now, so that broken rules, users, limits or a store that cannot open stop the service at start.</summary>
    public static void WarmUp(this IServiceProvider services)
    {
        services.GetRequiredService<ConsultationScreening>();
        services.GetRequiredService<ConsultationLedger>();
        services.GetRequiredService<UserDirectory>();
        services.GetRequiredService<SignInThrottle>();
        services.GetRequiredService<RequestLimits>();
    }

    // The casebook gives the 類似事例; without one (or with a broken one) the service still screens, and says why in the log.
    private static PrecedentIndex? Precedents(IServiceProvider services)
    {
        var root = services.GetRequiredService<GuidelineSettings>().Casebook;
        var logger = services.GetRequiredService<ILogger<PrecedentIndex>>();
        if (!Directory.Exists(root))
        {
            logger.LogWarning("事例集のフォルダ {Root} がないため、類似事例は示しません。", root);
            return null;
        }
        try
        {
            return new PrecedentIndex(CasebookReader.ReadAll(root, services.GetRequiredService<RuleSetCatalog>().Versions));
        }
        catch (InputException e)
        {
            logger.LogWarning("事例集に誤りがあるため、類似事例は示しません（最初の誤り: {Error}）。", e.Diagnostics[0]);
            return null;
        }
    }
}
