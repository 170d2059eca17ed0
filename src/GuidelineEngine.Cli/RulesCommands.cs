using System.CommandLine;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Cli;

/// <summary><c>rules validate</c>, <c>rules list</c>, <c>rules doc</c>.</summary>
internal static class RulesCommands
{
    public static Command Create(CliContext context)
    {
        var validateDir = new Argument<string?>("dir") { Description = "検証する規則のフォルダ", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "規則のファイルを検証する") { validateDir };
        validate.SetAction(parse => context.Guard(() =>
        {
            var catalog = context.Catalog(parse, parse.GetValue(validateDir));
            foreach (var version in catalog.Versions.Concat(catalog.Bases))
            {
                _ = new CompiledRuleSet(version, Engine.Screening.JapaneseWording.Instance);
                context.Output.WriteLine($"OK {version.Version.Id}{(version.Version.IsBase ? "（基本パック）" : "")} {version.ContentHash}: 事実 {version.Facts.Count}、規則 {version.Rules.Count}、類型 {version.Categories.Count()}、行政機関 {version.Organs.Organs.Count}、ファイル {version.Files.Files.Count}");
            }
            return ExitCodes.Proceed;
        }));

        var listVersion = new Option<string?>("--version") { Description = "この版の類型と規則を一覧する" };
        var list = new Command("list", "規則の版、類型、規則を一覧する") { listVersion, context.RulesOption };
        list.SetAction(parse => context.Guard(() => RuleListing.Write(context.Catalog(parse), parse.GetValue(listVersion), context.Output)));

        var docVersion = new Option<string?>("--version") { Description = "資料にする版（既定: 施行中で終期のない版）" };
        var doc = new Command("doc", "規則の確認資料（Markdown）を出力する") { docVersion, context.RulesOption, context.CasebookOption };
        doc.SetAction(parse => context.Guard(() =>
            CasebookCommands.Document(context.Catalog(parse), context.CasebookRoot(parse), parse.GetValue(docVersion), context.Output)));

        return new Command("rules", "規則の検証と一覧") { validate, list, doc };
    }
}
