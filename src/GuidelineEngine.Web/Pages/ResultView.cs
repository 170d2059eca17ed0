using GuidelineEngine.Domain.Model;
using System.Globalization;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Application.Reporting;

namespace GuidelineEngine.Web.Pages;

/// <summary>
/// A decision as staff read it: outcome and what to do next, category, 号, binding conditions, flags, why the other
/// categories do not fit, what is still unknown, and the 類似事例 by title and fiscal year; rule ids, the version hash,
/// sources and scores behind 詳細. Used by the result page and by the printable record.
/// </summary>
public static class ResultView
{
    /// <param name="decision">The engine's decision.</param>
    /// <param name="labels">The names of its codes, from the version that judged it.</param>
    /// <param name="print">For the printable record: every part shown open, nothing folded away.</param>
    public static HtmlText Render(CaseDecision decision, DecisionLabels labels, bool print = false)
    {
        var code = decision.Outcome.Code();
        var items = decision.Items.Select(item => Item(item, decision.ReviewBody, labels, print)).ToList();
        // What staff act on comes first; what an auditor checks (version, hash, rule ids, sources, scores) is folded away.
        return Html.Of($"""
            <p id="outcome" class="outcome outcome-{code}" data-outcome="{code}">判定結果: {labels.Outcome(decision.Outcome)}</p>
            <p id="next-step" class="next-step"><strong>次にすること:</strong> {NextStep(decision)}</p>
            {items}
            <details{Html.Flag(print, "open")} id="details" class="details"><summary><strong>詳細</strong>（規則の版・ハッシュ・規則番号・出典・類似度）</summary>
            <table class="meta" id="decision-meta">
              <tr><th>規則の版</th><td id="version-id">{decision.VersionId}（{decision.VersionReason}）</td></tr>
              <tr><th>版のハッシュ</th><td class="hash" id="version-hash">{decision.VersionHash}</td></tr>
            </table>
            {decision.Items.Select(Details)}
            </details>
            """);
    }

    /// <summary>One line of what to do next, by the outcome.</summary>
    public static string NextStep(CaseDecision decision) => decision.Outcome switch
    {
        Outcome.Covered => "この内容で情報公開課へ協議を提出してください（ガイドラインに該当するため、審議は省略されます）。",
        Outcome.NeedsReview => $"{decision.ReviewBody}の審議に備えてください。情報公開課へ協議を提出すると、{decision.ReviewBody}に付議されます。",
        Outcome.MoreInformationNeeded => "質問に答えてください（下の「確認が必要な事項」）。答えを入れて判定し直すと、結論が出ます。",
        Outcome.NotPermitted => "この利用・提供は進めないでください。理由: "
            + string.Join("／", decision.Items.Where(i => i.Outcome == Outcome.NotPermitted).Select(i => i.Steps.LastOrDefault()?.Sentence ?? i.Article ?? "").Where(r => r.Length > 0).Distinct()),
        Outcome.NotOutOfPurpose => "ファイルの利用目的の範囲内です。協議は要りません。そのまま事務を進めてください。",
        Outcome.BasedOnLaw => "法令に基づく利用・提供です。根拠の法令を記録に残して進めてください（運営委員会の審議は要りません）。",
        Outcome.ConsentOrToPerson => "本人の同意（または本人への提供）によります。同意を得たことを記録に残して進めてください。",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.Outcome, null),
    };

    /// <summary>A past case as staff name it: its title and fiscal year, not its file.</summary>
    public static string PrecedentName(Precedent precedent) =>
        (precedent.Date is { } date ? $"{AnnualReport.FiscalYearLabel(FiscalYear.Of(date))} " : "") + (precedent.Title ?? "（件名なし）");

    private static HtmlText Item(ItemDecision item, string reviewBody, DecisionLabels labels, bool print)
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
        Row("区分", labels.Transfer(item), $"item-{id}-transfer");
        Row("号", labels.Provision(item), $"item-{id}-provision");
        Row("根拠", item.Article);
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
            <tr><td data-label="事例">{PrecedentName(p)}</td><td data-label="記録された結論">{labels.Outcome(p.Outcome)}{(p.Categories.Count == 0 ? "" : $" {string.Join("・", p.Categories)}")}</td>
            <td data-label="共通点">{string.Join("、", p.Reasons.Where(r => !r.StartsWith("目的の類似度", StringComparison.Ordinal)))}</td></tr>
            """)).ToList();
        return Html.Of($"""
            <section class="item" id="item-{id}" data-outcome="{code}">
              <h2 class="item-head">項目 {item.ItemId}: <span id="item-{id}-outcome">{labels.Outcome(item.Outcome)}</span></h2>
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
                <table id="item-{id}-precedents" class="stack"><thead><tr><th>事例</th><th>記録された結論</th><th>共通点</th></tr></thead><tbody>{precedents}</tbody></table>
                """))}
            </section>
            """);
    }

    // The audit trail of one item: each rule applied, and where each similar case comes from with its score.
    private static HtmlText Details(ItemDecision item)
    {
        var id = Html.Id(item.ItemId);
        var steps = item.Steps.Select(s => Html.Of($"""
            <li>{Task(s.TaskId)}[{s.RuleId}] {s.Article} — {s.Sentence}{(s.Facts.Count == 0 ? "" : $"（事実: {string.Join("、", s.Facts.Select(f => $"{f.Label}={f.Value}"))}）")}</li>
            """)).ToList();
        var sources = item.Precedents.Select(p => Html.Of($"""
            <li>{PrecedentName(p)}（項目{p.ItemId}）: 類似度 {p.Score.ToString("0.00", CultureInfo.InvariantCulture)}、{string.Join("、", p.Reasons)}<br><span class="muted">出典: {p.Source}</span></li>
            """)).ToList();
        return Html.Of($"""
            <h3>項目 {item.ItemId}</h3>
            {Html.If(item.DecidingRule is not null, () => Html.Of($"<p>決め手の規則: <code id=\"item-{id}-rule\">{item.DecidingRule}</code>（{item.Article}）</p>"))}
            {Html.If(steps.Count > 0, () => Html.Of($"<p><strong>判断理由（{steps.Count}段階）</strong></p><ol id=\"item-{id}-steps\">{steps}</ol>"))}
            {Html.If(sources.Count > 0, () => Html.Of($"<p><strong>類似事例の出典と類似度</strong></p><ul id=\"item-{id}-sources\">{sources}</ul>"))}
            """);
    }

    private static HtmlText Section(string title, IEnumerable<string> lines, string id)
    {
        var list = Html.List(lines, id);
        return list == HtmlText.Empty ? list : Html.Of($"<h3>{title}</h3>{list}");
    }

    private static string Task(string? taskId) => taskId is null ? "" : $"作業{taskId} ";
}
