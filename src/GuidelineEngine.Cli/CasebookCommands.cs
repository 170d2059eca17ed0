using System.CommandLine;
using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Application.Casebook;
using GuidelineEngine.Application.Reporting;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Casebook;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Cli;

/// <summary><c>casebook</c> and <c>rules doc</c>, and the casebook as the source of precedents for <c>screen</c>.</summary>
internal static class CasebookCommands
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string?>("dir") { Description = "事例集のフォルダ", Arity = ArgumentArity.ZeroOrOne };
        var coverage = new Option<bool>("--coverage") { Description = "規則・類型ごとに、事例がいくつ通るかを示す" };
        var command = new Command("casebook", "事例集のすべての事例を判定し、資料の記録と照合する") { folder, coverage, context.RulesOption };
        command.SetAction(parse => context.Guard(() =>
            Run(context.Catalog(parse), context.CasebookRoot(parse, parse.GetValue(folder)), parse.GetValue(coverage), context.Output)));
        return command;
    }

    public static int Run(RuleSetCatalog catalog, string casebookRoot, bool coverage, TextWriter output)
    {
        var checks = Check(catalog, casebookRoot);
        output.Write(CasebookReport.Render(checks));
        if (coverage)
        {
            output.WriteLine();
            output.Write(CoverageReport.Render(catalog.Versions.Select(v => CasebookCoverage.Compute(v, checks))));
        }
        return checks.All(c => c.Agreed) ? ExitCodes.Proceed : ExitCodes.CasebookDisagreement;
    }

    public static int Document(RuleSetCatalog catalog, string casebookRoot, string? versionId, TextWriter output)
    {
        var screener = new CaseScreener(catalog.Versions);
        var rules = versionId is null
            ? screener.Versions.FirstOrDefault(v => v.Definition.Version.EffectiveTo is null && v.Definition.Version.Jurisdiction == RuleSetSelection.DefaultJurisdiction)
            : screener.Versions.FirstOrDefault(v => v.Definition.Version.Id == versionId);
        if (rules is null)
        {
            throw new ScreeningException($"規則の版「{versionId}」はありません（ある版: {string.Join(", ", catalog.Versions.Select(v => v.Version.Id))}）。");
        }
        var checks = Directory.Exists(casebookRoot) ? CasebookRunner.Run(screener, CasebookReader.ReadAll(casebookRoot, catalog.Versions)) : [];
        output.Write(RulesDocument.Render(rules, checks));
        return ExitCodes.Proceed;
    }

    /// <summary>The casebook's cases, the source of precedents; a missing or broken casebook (null) only costs the precedents.</summary>
    public static IReadOnlyList<CasebookCase>? PrecedentCases(RuleSetCatalog catalog, string casebookRoot, TextWriter error)
    {
        if (!Directory.Exists(casebookRoot))
        {
            return null;
        }
        try
        {
            return CasebookReader.ReadAll(casebookRoot, catalog.Versions);
        }
        catch (InputException e)
        {
            error.WriteLine($"事例集に誤りがあるため、類似事例は示しません（最初の誤り: {e.Diagnostics[0]}）。");
            return null;
        }
    }

    private static IReadOnlyList<CaseCheck> Check(RuleSetCatalog catalog, string casebookRoot) =>
        CasebookRunner.Run(new CaseScreener(catalog.Versions), CasebookReader.ReadAll(casebookRoot, catalog.Versions));
}
