using System.Text;
using GuidelineEngine.Application.Casebook;

namespace GuidelineEngine.Application.Reporting;

/// <summary><c>guideline casebook --coverage</c>: per rule and per category, how many cases exercise it.</summary>
public static class CoverageReport
{
    public static string Render(IEnumerable<CasebookCoverage> coverages)
    {
        var text = new StringBuilder();
        foreach (var coverage in coverages)
        {
            text.AppendLine($"# 網羅状況: {coverage.Version.Version.Id}");
            text.AppendLine();
            text.AppendLine("| 規則 | 種類 | 発火した判定 |");
            text.AppendLine("|---|---|---:|");
            foreach (var rule in coverage.Rules)
            {
                text.AppendLine($"| {rule.Rule.Id} | {rule.Rule.Kind} | {rule.Checks} |");
            }
            text.AppendLine();
            text.AppendLine("| 類型 | 該当する事例 | 惜しくも該当しない事例 |");
            text.AppendLine("|---|---:|---:|");
            foreach (var category in coverage.Categories)
            {
                text.AppendLine($"| {category.Category.Id} | {category.Covering.Count} | {category.NearMisses.Count} |");
            }
            var uncovered = coverage.Categories.Where(c => c.Uncovered).Select(c => c.Category.Id).ToList();
            text.AppendLine();
            text.AppendLine(uncovered.Count == 0
                ? "該当する事例も惜しくも該当しない事例もない類型: なし"
                : $"該当する事例も惜しくも該当しない事例もない類型: {string.Join(", ", uncovered)}");
            var idle = coverage.Rules.Where(r => r.Checks == 0).Select(r => r.Rule.Id).ToList();
            text.AppendLine(idle.Count == 0 ? "一度も発火しない規則: なし" : $"一度も発火しない規則: {string.Join(", ", idle)}");
            text.AppendLine();
        }
        return text.ToString();
    }
}
