using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Cli;

/// <summary><c>rules list</c>: the versions, or one version's categories and rules.</summary>
internal static class RuleListing
{
    public static int Write(RuleSetCatalog catalog, string? versionId, TextWriter output)
    {
        if (versionId is null)
        {
            foreach (var version in catalog.Versions.Select(v => v.Version))
            {
                var to = version.EffectiveTo?.ToString("yyyy-MM-dd") ?? "";
                var from = version.EffectiveFrom?.ToString("yyyy-MM-dd") ?? "（不明）";
                output.WriteLine($"{version.Id}\t{from}〜{to}\t{version.Title}");
            }
            foreach (var version in catalog.Bases.Select(v => v.Version))
            {
                output.WriteLine($"{version.Id}\t{version.EffectiveFrom:yyyy-MM-dd}〜{version.EffectiveTo:yyyy-MM-dd}\t（基本パック）{version.Title}");
            }
            return ExitCodes.Proceed;
        }
        var ruleSet = catalog.Versions.Concat(catalog.Bases).FirstOrDefault(v => v.Version.Id == versionId);
        if (ruleSet is null)
        {
            throw new Engine.Screening.ScreeningException($"規則の版「{versionId}」はありません（ある版: {string.Join(", ", catalog.Versions.Select(v => v.Version.Id))}）。");
        }
        output.WriteLine($"# {ruleSet.Version.Id} {ruleSet.Version.Title}");
        output.WriteLine($"# {ruleSet.ContentHash}");
        foreach (var table in ruleSet.Tables)
        {
            output.WriteLine();
            output.WriteLine($"## {table.Id} {table.Title}");
            foreach (var category in table.Categories)
            {
                output.WriteLine($"{category.Id}\t{string.Join("・", category.Basis)}\t{category.Wording}");
            }
        }
        output.WriteLine();
        output.WriteLine("## 規則");
        foreach (var rule in ruleSet.Rules)
        {
            output.WriteLine($"{rule.Id}\t{rule.Kind}\t{rule.Article}\t{rule.Mark}");
        }
        return ExitCodes.Proceed;
    }
}
