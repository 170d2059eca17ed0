using System.CommandLine;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Application.Screening;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Application.Users;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GuidelineEngine.Cli;

/// <summary>
/// What every command shares: where its output goes, the options that locate rules, casebook and records, and
/// the one place where errors become one-line messages.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, TextReader? input = null)
{
    /// <summary>Where passwords are read from: standard input unless given.</summary>
    public TextReader Input { get; } = input ?? Console.In;

    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    public Option<string?> RulesOption { get; } = new("--rules") { Description = "規則のフォルダ（既定: 設定 Guideline:RulesRoot、なければ実行ファイルの横の rules/）" };
    public Option<string?> CasebookOption { get; } = new("--casebook") { Description = "事例集のフォルダ（既定: 設定 Guideline:CasebookRoot、なければ実行ファイルの横の casebook/）" };
    public Option<string?> DataOption { get; } = new("--data") { Description = "記録簿（SQLite）のフォルダ（既定: 設定 Guideline:Records:DataFolder、なければ ./data）" };

    /// <summary>The rule sets: the option, else configuration (Guideline:RulesRoot), else beside the binary.</summary>
    public RuleSetCatalog Catalog(ParseResult parse, string? explicitFolder = null)
    {
        var root = Setting(explicitFolder ?? parse.GetValue(RulesOption), "Guideline:RulesRoot") ?? Path.Combine(AppContext.BaseDirectory, "rules");
        // Logging is built on another core while the rules load: building it costs a good part of a cold start.
        _ = Task.Run(() => LoggerFactory.Value);
        var catalog = RuleSetCatalog.Load(root);
        Logger.LogInformation("規則を読み込みました: {Root}（{Versions}）", root, string.Join(", ", catalog.Versions.Select(v => $"{v.Version.Id} {v.ContentHash}")));
        return catalog;
    }

    /// <summary>The casebook folder: the option, else configuration (Guideline:CasebookRoot), else beside the binary.</summary>
    public string CasebookRoot(ParseResult parse, string? explicitFolder = null) =>
        Setting(explicitFolder ?? parse.GetValue(CasebookOption), "Guideline:CasebookRoot") ?? Path.Combine(AppContext.BaseDirectory, "casebook");

    /// <summary>The record store chosen by configuration (Guideline:Records); <c>--data</c> moves the SQLite file.</summary>
    public IRecordStore OpenStore(ParseResult parse, bool readOnly = false)
    {
        var options = Configuration.Value.GetSection("Guideline:Records").Get<RecordStoreOptions>() ?? new RecordStoreOptions();
        if (parse.GetValue(DataOption) is { Length: > 0 } folder)
        {
            options = options with { Provider = "sqlite", DataFolder = folder };
        }
        return options.Open(readOnly);
    }

    /// <summary>A command over the record store: <c>--data</c>, then the arguments and options given.</summary>
    public Command StoreCommand(string name, string description, params Symbol[] symbols)
    {
        var command = new Command(name, description) { DataOption };
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }
        return command;
    }

    public ConsultationLedger Ledger(ParseResult parse, ConsultationScreening screening) => new(OpenStore(parse), screening, TimeProvider.System);

    public ILogger Logger => LoggerFactory.Value.CreateLogger("guideline");

    /// <summary>Runs a command; errors reach the user as one-liners with their location, never as a stack trace.</summary>
    public int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (InputException e)
        {
            e.Diagnostics.ToList().ForEach(d => Error.WriteLine(d));
            return ExitCodes.InputError;
        }
        catch (Exception e) when (e is RuleCompilationException or FactConflictException or ScreeningException or LifecycleException
            or UserAccountException or PasswordPolicyException)
        {
            Error.WriteLine(e.Message);
            return ExitCodes.InputError;
        }
        catch (RecordStoreException e)
        {
            Error.WriteLine(e.Message);
            return ExitCodes.StoreError;
        }
        catch (Exception e)
        {
            Error.WriteLine($"内部エラー: {e.GetType().Name}: {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    private static string? Setting(string? option, string key)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }
        var configured = Configuration.Value[key];
        return string.IsNullOrWhiteSpace(configured) ? null : configured;
    }

    // Configuration (appsettings.json beside the binary, GUIDELINE_ environment variables) and logging to standard error,
    // each built once and only when a command needs it. No host: building one costs start-up time and adds nothing here.
    private static readonly Lazy<IConfiguration> Configuration = new(() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables(prefix: "GUIDELINE_")
        .Build());

    private static readonly Lazy<ILoggerFactory> LoggerFactory = new(() => Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging
        .AddConfiguration(Configuration.Value.GetSection("Logging"))
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)));
}
