using System.Text;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Application.Casebook;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Application.Reporting;

/// <summary>
/// <c>guideline rules doc</c>: a Markdown document for 情報公開課's review — each clause verbatim beside the
/// rules that encode it, their conditions in plain Japanese, and the casebook cases that exercise them.
/// </summary>
public static class RulesDocument
{
    public static string Render(CompiledRuleSet rules, IReadOnlyList<CaseCheck> checks)
    {
        var definition = rules.Definition;
        var explainer = new ConditionExplainer(definition, rules.Layout, rules.Wording);
        var coverage = CasebookCoverage.Compute(definition, checks);
        var decided = checks.Where(c => c.Decision?.VersionId == definition.Version.Id).ToList();
        var text = new StringBuilder();
        var version = definition.Version;
        text.AppendLine($"# 規則の確認資料: {version.Id}");
        text.AppendLine();
        text.AppendLine($"- 題名: {version.Title}");
        text.AppendLine($"- 施行期間: {version.EffectiveFrom?.ToString("yyyy-MM-dd") ?? "（資料に記載なし）"} 〜 {version.EffectiveTo?.ToString("yyyy-MM-dd") ?? ""}");
        text.AppendLine($"- 審議機関: {version.ReviewBody}");
        text.AppendLine($"- 内容のハッシュ: {definition.ContentHash}");
        foreach (var source in version.Sources)
        {
            text.AppendLine($"- 出典: {source.File}「{source.Section}」");
        }
        if (version.NotModelled.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("モデル化していないこと:");
            text.AppendLine();
            foreach (var item in version.NotModelled)
            {
                text.AppendLine($"- {item}");
            }
        }

        void Rules(string heading, RuleKind kind)
        {
            text.AppendLine();
            text.AppendLine($"## {heading}");
            foreach (var rule in definition.Rules.Where(r => r.Kind == kind))
            {
                text.AppendLine();
                text.AppendLine($"### {rule.Id}（{rule.Article}）");
                text.AppendLine();
                if (rule.Description is not null)
                {
                    text.AppendLine($"> {rule.Description}");
                    text.AppendLine();
                }
                WriteCondition(text, "条件", explainer.Outline(rule.When));
                switch (rule.Then)
                {
                    case AssertFact assert:
                        text.AppendLine($"- 導く事実: 「{rules.Layout.Definition(assert.Fact).Label}」＝「{rules.Layout.Definition(assert.Fact).LabelOf(assert.Value)}」");
                        break;
                    case ConcludeOutcome outcome:
                        text.AppendLine($"- 結論: {rules.Definition.Label(outcome.Outcome)}");
                        if (outcome.Unless.Count > 0)
                        {
                            text.AppendLine($"- 例外（これらに当たらないと確認できたときだけ結論する）: {string.Join("、", outcome.Unless)}");
                        }
                        var cases = decided.Where(c => c.Decision!.Items.Any(i => i.DecidingRule == rule.Id)).Select(c => c.Case.CasebookPath).Distinct().ToList();
                        text.AppendLine($"- この規則で結論した事例（{cases.Count}件）: {List(cases)}");
                        break;
                }
                text.AppendLine($"- 判断理由の文: {rule.Explanation}");
            }
        }

        Rules("利用と提供の区分", RuleKind.Derivation);
        Rules("法の規定と結論", RuleKind.Outcome);
        foreach (var table in definition.Tables)
        {
            text.AppendLine();
            text.AppendLine($"## {table.Id} {table.Title}");
            if (table.Source is not null)
            {
                text.AppendLine();
                text.AppendLine($"出典: {table.Source}");
            }
            foreach (var category in table.Categories)
            {
                var covered = coverage.Categories.First(c => c.Category.Id == category.Id);
                text.AppendLine();
                text.AppendLine($"### {category.Id}（No.{category.No}）");
                text.AppendLine();
                text.AppendLine($"> {category.Wording}");
                text.AppendLine();
                text.AppendLine($"- 根拠: {string.Join("・", category.Basis)}");
                WriteCondition(text, "条件（私たちの読み）", explainer.Outline(category.When));
                if (category.Note is { } reading)
                {
                    text.AppendLine($"- 読みの理由: {reading}");
                }
                if (category.Precedents.Count > 0)
                {
                    text.AppendLine($"- 資料にある事例: {string.Join("／", category.Precedents)}");
                }
                text.AppendLine($"- 該当する事例（{covered.Covering.Count}件）: {List(covered.Covering)}");
                text.AppendLine($"- 惜しくも該当しない事例（{covered.NearMisses.Count}件）: {List(covered.NearMisses)}");
            }
        }
        Rules("留意事項（守るべき条件）", RuleKind.Note);
        Rules("注意点", RuleKind.Flag);
        return text.ToString();
    }

    private static string List(IReadOnlyList<string> files) => files.Count == 0 ? "なし" : string.Join("、", files);

    // A condition as a nested Markdown list under its label: its first line beside the label, every deeper line indented two
    // spaces a level, so each 「かつ」「または」「否定」 heads exactly the parts listed under it.
    private static void WriteCondition(StringBuilder text, string label, IReadOnlyList<(int Depth, string Text)> outline)
    {
        text.AppendLine($"- {label}: {outline[0].Text}");
        foreach (var (depth, line) in outline.Skip(1))
        {
            text.Append(' ', 2 * depth).AppendLine($"- {line}");
        }
    }
}
