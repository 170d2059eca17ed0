using GuidelineEngine.Domain.Model;
using System.Text;
using GuidelineEngine.Application.Casebook;

namespace GuidelineEngine.Application.Reporting;

/// <summary>The casebook run as a Japanese report: tables per source and per outcome, then each disagreement.</summary>
public static class CasebookReport
{
    public static string Render(IReadOnlyList<CaseCheck> checks)
    {
        var text = new StringBuilder();
        text.AppendLine("# 事例集の照合");
        text.AppendLine();
        Table(text, "出典", checks.GroupBy(c => c.Case.Group).OrderBy(g => g.Key, StringComparer.Ordinal));
        text.AppendLine();
        Table(text, "期待する結論", checks.GroupBy(c => c.Expectation.Outcome.Code()).OrderBy(g => g.Key, StringComparer.Ordinal));
        text.AppendLine();
        var agreed = checks.Count(c => c.Agreed);
        text.AppendLine($"合計: 事例 {checks.Select(c => c.Case.File).Distinct().Count()} 件、判定 {checks.Count} 回、一致 {agreed}、不一致 {checks.Count - agreed}");
        var disagreements = checks.Where(c => !c.Agreed).ToList();
        if (disagreements.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## 不一致");
            text.AppendLine();
            foreach (var check in disagreements)
            {
                var decision = check.Decision;
                var version = decision?.VersionId ?? check.Expectation.Version ?? "（日付による）";
                text.AppendLine($"- {check.Case.File}（{version}）: {string.Join("。", check.Differences)}");
                if (decision is not null)
                {
                    foreach (var item in decision.Items)
                    {
                        text.AppendLine($"  - 項目 {item.ItemId}: {item.Outcome.Code()} {item.Primary?.CategoryId ?? ""} 決め手 {item.DecidingRule ?? "（なし）"}");
                    }
                }
            }
        }
        return text.ToString();
    }

    private static void Table(StringBuilder text, string heading, IEnumerable<IGrouping<string, CaseCheck>> groups)
    {
        text.AppendLine($"| {heading} | 判定 | 一致 | 不一致 |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var group in groups)
        {
            var agreed = group.Count(c => c.Agreed);
            text.AppendLine($"| {group.Key} | {group.Count()} | {agreed} | {group.Count() - agreed} |");
        }
    }
}
