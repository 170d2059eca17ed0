using System.Globalization;
using GuidelineEngine.Domain.Decisions;

namespace GuidelineEngine.Web.Pages;

/// <summary>
/// A decision as staff read it: outcome, category, 号, binding conditions, flags, why the other categories do not fit,
/// what is still unknown, and the 類似事例. Used by the result page and by the printable record.
/// </summary>
public static class ResultView
{
    /// <param name="decision">The engine's decision.</param>
    /// <param name="print">For the printable record: every part shown open, nothing folded away.</param>
    public static HtmlText Render(CaseDecision decision, bool print = false)
    {
        var code = decision.Outcome.Code();
        var items = decision.Items.Select(item => Item(item, decision.ReviewBody, print)).ToList();
        return Html.Of($"""
            <p id="outcome" class="outcome outcome-{code}" data-outcome="{code}">判定結果: {decision.Outcome.Label()}</p>
            <table class="meta" id="decision-meta">
              <tr><th>件名</th><td id="case-title">{decision.Title ?? "（なし）"}</td></tr>
              <tr><th>日付</th><td>{decision.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "（なし）"}</td></tr>
              <tr><th>規則の版</th><td id="version-id">{decision.VersionId}（{decision.VersionReason}）</td></tr>
              <tr><th>版のハッシュ</th><td class="hash" id="version-hash">{decision.VersionHash}</td></tr>
              <tr><th>審議機関</th><td>{decision.ReviewBody}</td></tr>
            </table>
            {items}
            """);
    }

    private static HtmlText Item(ItemDecision item, string reviewBody, bool print)
    {
        var id = Html.Id(item.ItemId);
        var code = item.Outcome.Code();
        var rows = new List<HtmlText>();
        void Row(string label, string? value, string? rowId = null)
        {
            if (!string.IsNullOrEmpty(value))
            {
                rows.Add(rowId is null
                    ? Html.Of($"<tr><th>{label}</th><td>{value}</td></tr>")
                    : Html.Of($"<tr><th>{label}</th><td id=\"{rowId}\">{value}</td></tr>"));
            }
        }
        Row("区分", item.Transfer, $"item-{id}-transfer");
        Row("号", item.Provision, $"item-{id}-provision");
        Row("決め手の規則", item.DecidingRule is null ? null : $"{item.DecidingRule}（{item.Article}）");
        if (item.Outcome == Outcome.NeedsReview)
        {
            Row("審議", $"{reviewBody}での審議が必要です。");
        }

        // Only a covered item rests on its category; elsewhere a fitting category is shown for reference.
        var fitsTitle = item.Outcome == Outcome.Covered ? "該当する類型" : "参考: 条件上は当てはまる類型";
        var fits = item.Fits.Select(f => Html.Of($"""
            <li>{(f == item.Primary ? "（主）" : "")}{Task(f.TaskId)}<strong>{f.CategoryId}</strong>（{string.Join("・", f.Basis)}）「{f.Wording}」</li>
            """)).ToList();
        var misses = item.Misses.Select(m => Html.Of($"""
            <li>{Task(m.TaskId)}<strong>{m.CategoryId}</strong>{(m.Undetermined ? "（情報不足で未確定）" : "")}: {string.Join("／", m.Reasons)}<br><span class="muted">「{m.Wording}」</span></li>
            """)).ToList();
        // Why the other categories fail matters most when no category carries the item.
        var missesOpen = print || item.Outcome is Outcome.NeedsReview or Outcome.MoreInformationNeeded;
        var questions = item.Questions.Select(q => Html.Of($"""
            <li>{Task(q.TaskId)}{q.Text}{(q.Choices.Count == 0 ? "" : $"（選択肢: {string.Join("、", q.Choices.Select(c => c.Label))}）")}
            {(q.Help is null ? HtmlText.Empty : Html.Of($"<div class=\"help\">{q.Help}</div>"))}</li>
            """)).ToList();
        var precedents = item.Precedents.Select(p => Html.Of($"""
            <tr><td>{p.CaseId ?? p.CaseFile} 項目{p.ItemId}</td><td>{p.Title ?? ""}</td><td>{p.Outcome.Label()}{(p.Categories.Count == 0 ? "" : $" {string.Join("・", p.Categories)}")}</td>
            <td>{p.Score.ToString("0.00", CultureInfo.InvariantCulture)}</td><td>{string.Join("、", p.Reasons)}<br><span class="muted">出典: {p.Source}</span></td></tr>
            """)).ToList();
        var steps = item.Steps.Select(s => Html.Of($"""
            <li>{Task(s.TaskId)}[{s.RuleId}] {s.Article} — {s.Sentence}{(s.Facts.Count == 0 ? "" : $"（事実: {string.Join("、", s.Facts.Select(f => $"{f.Label}={f.Value}"))}）")}</li>
            """)).ToList();

        return Html.Of($"""
            <section class="item" id="item-{id}" data-outcome="{code}">
              <h2 class="item-head">項目 {item.ItemId}: <span id="item-{id}-outcome">{item.Outcome.Label()}</span></h2>
              {Html.If(rows.Count > 0, () => Html.Of($"<table class=\"meta\">{rows}</table>"))}
              {Html.If(fits.Count > 0, () => Html.Of($"<h3>{fitsTitle}</h3><ul id=\"item-{id}-fits\">{fits}</ul>"))}
              {Section("申出された類型", item.Claims.Select(c => $"{c.CategoryId}: {(c.Confirmed ? "確認" : "不確認")} — {c.Reason}"), $"item-{id}-claims")}
              {Section("守るべき条件", item.Conditions, $"item-{id}-conditions")}
              {Section("注意点", item.Flags, $"item-{id}-flags")}
              {Html.If(misses.Count > 0, () => Html.Of($"""
                <details{Html.Flag(missesOpen, "open")} id="item-{id}-misses"><summary><strong>当てはまらなかった類型とその理由（{misses.Count}）</strong></summary><ul>{misses}</ul></details>
                """))}
              {Html.If(questions.Count > 0, () => Html.Of($"<h3>確認が必要な事項</h3><ol id=\"item-{id}-questions\">{questions}</ol>"))}
              {Html.If(precedents.Count > 0, () => Html.Of($"""
                <h3>類似事例</h3>
                <table id="item-{id}-precedents"><tr><th>事例</th><th>件名</th><th>記録された結論</th><th>類似度</th><th>共通点</th></tr>{precedents}</table>
                """))}
              {Html.If(steps.Count > 0, () => Html.Of($"""
                <details{Html.Flag(print, "open")} id="item-{id}-steps"><summary><strong>判断理由（{steps.Count}段階）</strong></summary><ol>{steps}</ol></details>
                """))}
            </section>
            """);
    }

    private static HtmlText Section(string title, IEnumerable<string> lines, string id)
    {
        var list = Html.List(lines, id);
        return list == HtmlText.Empty ? list : Html.Of($"<h3>{title}</h3>{list}");
    }

    private static string Task(string? taskId) => taskId is null ? "" : $"作業{taskId} ";
}
