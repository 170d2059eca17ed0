using GuidelineEngine.Domain.Model;
using System.Text;
using GuidelineEngine.Domain.Decisions;

namespace GuidelineEngine.Engine.Reporting;

/// <summary>Renders a decision as a Japanese report in Markdown, readable as plain text in a terminal.</summary>
public static class TextReport
{
    /// <param name="decision">The decision.</param>
    /// <param name="labels">The names of its codes, from the version that judged it.</param>
    public static string Render(CaseDecision decision, DecisionLabels labels)
    {
        var text = new StringBuilder();
        text.AppendLine($"# 判定結果: {labels.Outcome(decision.Outcome)}");
        text.AppendLine();
        if (decision.CaseId is not null || decision.Title is not null)
        {
            text.AppendLine($"- 事案: {string.Join(" ", new[] { decision.CaseId, decision.Title }.Where(s => s is not null))}");
        }
        if (decision.Date is { } date)
        {
            text.AppendLine($"- 日付: {date:yyyy-MM-dd}");
        }
        text.AppendLine($"- 規則の版: {decision.VersionId}（{decision.VersionReason}）");
        text.AppendLine($"- 版のハッシュ: {decision.VersionHash}");
        text.AppendLine($"- 審議機関: {decision.ReviewBody}");
        foreach (var item in decision.Items)
        {
            RenderItem(text, item, decision.ReviewBody, labels);
        }
        return text.ToString();
    }

    private static void RenderItem(StringBuilder text, ItemDecision item, string reviewBody, DecisionLabels labels)
    {
        text.AppendLine();
        text.AppendLine($"## 項目 {item.ItemId}: {labels.Outcome(item.Outcome)}");
        text.AppendLine();
        if (item.Transfer is not null)
        {
            text.AppendLine($"- 区分: {labels.Transfer(item)}{(item.Provision is null ? "" : $"（{labels.Provision(item)}）")}");
        }
        if (item.DecidingRule is not null)
        {
            text.AppendLine($"- 決め手の規則: {item.DecidingRule}（{item.Article}）");
        }
        if (item.Outcome == Outcome.NeedsReview)
        {
            text.AppendLine($"- {reviewBody}での審議が必要です。");
        }
        if (item.Primary is { } primary)
        {
            // Only a covered item rests on its category; elsewhere it is shown for reference.
            var label = item.Outcome == Outcome.Covered ? "該当する類型" : "参考: 条件上は当てはまる類型";
            text.AppendLine($"- {label}（主）: {Fit(primary)}");
            foreach (var other in item.Fits.Where(f => f != primary))
            {
                text.AppendLine($"- {label}: {Fit(other)}");
            }
        }
        Section(text, "申出された類型", item.Claims.Select(c => $"{c.CategoryId}: {(c.Confirmed ? "確認" : "不確認")} — {c.Reason}"));
        Section(text, "守るべき条件", item.Conditions);
        Section(text, "注意点", item.Flags);
        if (item.Outcome is Outcome.NeedsReview or Outcome.MoreInformationNeeded)
        {
            Section(text, "該当しなかった類型", item.Misses.Select(m =>
                $"{(m.TaskId is null ? "" : $"作業{m.TaskId} ")}{m.CategoryId}: {string.Join("／", m.Reasons)}"));
        }
        Section(text, "確認が必要な事項", item.Questions.Select(q =>
            q.Choices.Count == 0 ? q.Text : $"{q.Text}（選択肢: {string.Join("、", q.Choices.Select(c => $"{c.Value}={c.Label}"))}）"), numbered: true);
        Section(text, "類似事例", item.Precedents.Select(p =>
            $"{p.CaseId ?? p.CaseFile} 項目{p.ItemId}「{p.Title}」: {labels.Outcome(p.Outcome)}{(p.Categories.Count == 0 ? "" : $" {string.Join("・", p.Categories)}")}" +
            $"（類似度 {p.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}: {string.Join("、", p.Reasons)}。出典: {p.Source}）"));
        if (item.Steps.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### 判断理由");
            text.AppendLine();
            foreach (var step in item.Steps)
            {
                var task = step.TaskId is null ? "" : $"作業{step.TaskId} ";
                text.AppendLine($"{step.Order}. {task}[{step.RuleId}] {step.Article} — {step.Sentence}");
                if (step.Facts.Count > 0)
                {
                    text.AppendLine($"   事実: {string.Join("、", step.Facts.Select(f => $"{f.Label}={f.Value}"))}");
                }
            }
        }
    }

    private static string Fit(CategoryFit fit) =>
        $"{(fit.TaskId is null ? "" : $"作業{fit.TaskId} ")}{fit.CategoryId}（{string.Join("・", fit.Basis)}）「{fit.Wording}」";

    private static void Section(StringBuilder text, string title, IEnumerable<string> lines, bool numbered = false)
    {
        var list = lines.ToList();
        if (list.Count == 0)
        {
            return;
        }
        text.AppendLine();
        text.AppendLine($"### {title}");
        text.AppendLine();
        for (var i = 0; i < list.Count; i++)
        {
            text.AppendLine(numbered ? $"{i + 1}. {list[i]}" : $"- {list[i]}");
        }
    }
}
