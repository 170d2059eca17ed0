using System.CommandLine;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Engine.Compilation;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Engine.Runtime;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GuidelineEngine.Cli;

/// <summary>Exit codes of the command line (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Every case may go ahead without review (covered, not out-of-purpose, based on law, consent).</summary>
    public const int Proceed = 0;
    public const int InternalError = 1;
    /// <summary>A case or rule file has errors; nothing was decided for it.</summary>
    public const int InputError = 2;
    public const int NeedsReview = 10;
    public const int MoreInformationNeeded = 20;
    public const int NotPermitted = 30;
    /// <summary><c>casebook</c>: some case disagrees with what its source records.</summary>
    public const int CasebookDisagreement = 3;

    public static int Of(Outcome outcome) => outcome switch
    {
        Outcome.NeedsReview => NeedsReview,
        Outcome.MoreInformationNeeded => MoreInformationNeeded,
        Outcome.NotPermitted => NotPermitted,
        _ => Proceed,
    };
}

/// <summary>The <c>guideline</c> command line: screen cases, validate and list rule sets.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var rulesOption = new Option<string?>("--rules") { Description = "規則のフォルダ（既定: 設定 Guideline:RulesRoot、なければ実行ファイルの横の rules/）" };
        var formatOption = new Option<string>("--format") { Description = "出力形式: text（日本語の報告）または json", DefaultValueFactory = _ => "text" };
        formatOption.AcceptOnlyFromAmong("text", "json");
        var versionOption = new Option<string?>("--rules-version") { Description = "日付によらず使う規則の版（例: nerima/pre-2023）" };
        var casebookOption = new Option<string?>("--casebook") { Description = "事例集のフォルダ（既定: 設定 Guideline:CasebookRoot、なければ実行ファイルの横の casebook/）" };
        var caseFiles = new Argument<string[]>("case-file") { Description = "申出のファイル（YAML または JSON）", Arity = ArgumentArity.OneOrMore };

        var screen = new Command("screen", "申出を判定し、結論と判断理由と類似事例を示す") { caseFiles, formatOption, versionOption, rulesOption, casebookOption };
        screen.SetAction(parse => Guard(error, () => Screen(
            parse.GetValue(caseFiles)!, parse.GetValue(formatOption)!, parse.GetValue(versionOption), RulesRoot(parse.GetValue(rulesOption)),
            CasebookRoot(parse.GetValue(casebookOption)), output, error)));

        var validateDir = new Argument<string?>("dir") { Description = "検証する規則のフォルダ", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "規則のファイルを検証する") { validateDir };
        validate.SetAction(parse => Guard(error, () => Validate(RulesRoot(parse.GetValue(validateDir)), output)));

        var listVersion = new Option<string?>("--version") { Description = "この版の類型と規則を一覧する" };
        var list = new Command("list", "規則の版、類型、規則を一覧する") { listVersion, rulesOption };
        list.SetAction(parse => Guard(error, () => RuleListing.Write(LoadCatalog(RulesRoot(parse.GetValue(rulesOption))), parse.GetValue(listVersion), output)));

        var docVersion = new Option<string?>("--version") { Description = "資料にする版（既定: 施行中で終期のない版）" };
        var doc = new Command("doc", "規則の確認資料（Markdown）を出力する") { docVersion, rulesOption, casebookOption };
        doc.SetAction(parse => Guard(error, () => CasebookCommands.Document(
            LoadCatalog(RulesRoot(parse.GetValue(rulesOption))), CasebookRoot(parse.GetValue(casebookOption)), parse.GetValue(docVersion), output)));

        var casebookDir = new Argument<string?>("dir") { Description = "事例集のフォルダ", Arity = ArgumentArity.ZeroOrOne };
        var coverageOption = new Option<bool>("--coverage") { Description = "規則・類型ごとに、事例がいくつ通るかを示す" };
        var casebook = new Command("casebook", "事例集のすべての事例を判定し、資料の記録と照合する") { casebookDir, coverageOption, rulesOption };
        casebook.SetAction(parse => Guard(error, () => CasebookCommands.Run(
            LoadCatalog(RulesRoot(parse.GetValue(rulesOption))), CasebookRoot(parse.GetValue(casebookDir)), parse.GetValue(coverageOption), output)));

        var root = new RootCommand("GuidelineEngine: 練馬区 個人情報利活用ガイドラインの判定")
        {
            screen,
            casebook,
            new Command("rules", "規則の検証と一覧") { validate, list, doc },
        };
        var result = root.Parse(args);
        return result.Errors.Count > 0 ? ParseErrors(result, error) : result.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static int ParseErrors(ParseResult result, TextWriter error)
    {
        foreach (var parseError in result.Errors)
        {
            error.WriteLine($"引数の誤り: {parseError.Message}");
        }
        return ExitCodes.InputError;
    }

    private static int Screen(string[] files, string format, string? version, string rulesRoot, string casebookRoot, TextWriter output, TextWriter error)
    {
        var catalog = LoadCatalog(rulesRoot);
        var screener = new CaseScreener(catalog.Versions, CasebookCommands.Precedents(catalog, casebookRoot, error));
        var decisions = new List<CaseDecision>();
        var exit = ExitCodes.Proceed;
        foreach (var file in files)
        {
            try
            {
                var document = IntakeReader.ReadFile(file);
                var (rules, _) = screener.Select(document.Intake, version);
                var problems = IntakeChecker.Check(document, rules.Definition);
                if (problems.Count > 0)
                {
                    throw new InputException(problems);
                }
                var decision = screener.Screen(document.Intake, version);
                decisions.Add(decision);
                exit = Math.Max(exit, ExitCodes.Of(decision.Outcome));
                if (format == "text")
                {
                    output.WriteLine(TextReport.Render(decision));
                }
            }
            catch (InputException e)
            {
                e.Diagnostics.ToList().ForEach(d => error.WriteLine(d));
                exit = Math.Max(exit, ExitCodes.InputError);
            }
            catch (ScreeningException e)
            {
                error.WriteLine($"{DisplayPath.Of(file)}: {e.Message}");
                exit = Math.Max(exit, ExitCodes.InputError);
            }
        }
        if (format == "json")
        {
            output.WriteLine(files.Length == 1 && decisions.Count == 1 ? JsonReport.Render(decisions[0]) : JsonReport.Render(decisions));
        }
        // An input error must not hide behind a lower outcome code, nor a stricter outcome behind it.
        return exit;
    }

    private static int Validate(string rulesRoot, TextWriter output)
    {
        var catalog = LoadCatalog(rulesRoot);
        foreach (var version in catalog.Versions)
        {
            IntakeFacts.CheckCatalogue(version);
            _ = new CompiledRuleSet(version);
            output.WriteLine($"OK {version.Version.Id} {version.ContentHash}: 事実 {version.Facts.Count}、規則 {version.Rules.Count}、類型 {version.Categories.Count()}、行政機関 {version.Organs.Organs.Count}、ファイル {version.Files.Files.Count}");
        }
        return ExitCodes.Proceed;
    }

    private static RuleSetCatalog LoadCatalog(string rulesRoot)
    {
        var catalog = RuleSetCatalog.Load(rulesRoot);
        Logger.LogInformation("規則を読み込みました: {Root}（{Versions}）", rulesRoot, string.Join(", ", catalog.Versions.Select(v => $"{v.Version.Id} {v.ContentHash}")));
        return catalog;
    }

    /// <summary>The rules folder: the option, else configuration (Guideline:RulesRoot; env GUIDELINE_Guideline__RulesRoot), else beside the binary.</summary>
    private static string RulesRoot(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }
        var configured = Host.Value.Configuration["Guideline:RulesRoot"];
        return string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "rules") : configured;
    }

    /// <summary>The casebook folder: the option, else configuration (Guideline:CasebookRoot), else beside the binary.</summary>
    private static string CasebookRoot(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }
        var configured = Host.Value.Configuration["Guideline:CasebookRoot"];
        return string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "casebook") : configured;
    }

    private static ILogger Logger => Host.Value.LoggerFactory.CreateLogger("guideline");

    // Configuration (appsettings.json beside the binary, GUIDELINE_ environment variables) and logging to standard error,
    // built once and only when a command needs them.
    private static readonly Lazy<(IConfiguration Configuration, ILoggerFactory LoggerFactory)> Host = new(() =>
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables(prefix: "GUIDELINE_");
        builder.Logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        var host = builder.Build();
        return (builder.Configuration, host.Services.GetRequiredService<ILoggerFactory>());
    });

    // Errors reach the user as one-liners with their location, never as a stack trace.
    private static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (InputException e)
        {
            e.Diagnostics.ToList().ForEach(d => error.WriteLine(d));
            return ExitCodes.InputError;
        }
        catch (Exception e) when (e is RuleCompilationException or FactConflictException or ScreeningException)
        {
            error.WriteLine(e.Message);
            return ExitCodes.InputError;
        }
        catch (Exception e)
        {
            error.WriteLine($"内部エラー: {e.GetType().Name}: {e.Message}");
            return ExitCodes.InternalError;
        }
    }
}
