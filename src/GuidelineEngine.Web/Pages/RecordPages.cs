using GuidelineEngine.Domain.Model;
using System.Globalization;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Web.Api;
using GuidelineEngine.Web.Consultations;
using GuidelineEngine.Web.Intake;
using GuidelineEngine.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GuidelineEngine.Web.Pages;

/// <summary>
/// Consultation records as pages: a department's own records, 情報公開課's queue with its decisions, and the printable
/// record (A4). Another section's record is "not found", exactly like one that does not exist.
/// </summary>
public static class RecordPages
{
    public static IEndpointRouteBuilder MapRecordPages(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/records").ExcludeFromDescription();
        records.MapGet("", List);
        records.MapGet("/{id}", Show);
        records.MapPost("", Submit).OnExpiredForm(ExpiredSubmit);
        var office = records.MapGroup("").RequireAuthorization(Policies.Office);
        office.MapPost("/{id}/start", Start).OnExpiredForm(ExpiredOfficeForm);
        office.MapPost("/{id}/decision", Decide).OnExpiredForm(ExpiredOfficeForm);
        office.MapPost("/{id}/committee", Committee).OnExpiredForm(ExpiredOfficeForm);
        return app;
    }

    private static ContentHttpResult List(HttpContext context, ConsultationDesk desk)
    {
        var user = SignedInUser.From(context.User);
        var records = desk.Visible(user).Reverse().ToList();
        if (!user.IsOffice)
        {
            return Layout.Page(context, "協議記録", Html.Of($"""
                <h1>協議記録（{user.Section}）</h1>
                <p>この課が提出した協議です。新しい協議は <a href="/interview">新しい判定</a> から提出します。</p>
                {Table(records, _ => HtmlText.Empty, "records", desk)}
                """));
        }
        var submitted = records.Where(r => r.Status == RecordStatus.Submitted).ToList();
        var consulting = records.Where(r => r.Status == RecordStatus.UnderConsultation).ToList();
        var decided = records.Where(r => r.Status == RecordStatus.Decided).ToList();
        var token = Layout.Token(context);
        return Layout.Page(context, "協議の受付一覧", Html.Of($"""
            <h1>協議の受付一覧（情報公開課）</h1>
            <h2>受付（{submitted.Count}件）</h2>
            {Table(submitted, r => StartForm(r, token, "/records"), "queue-submitted", desk)}
            <h2>協議中（{consulting.Count}件）</h2>
            <p class="hint">エンジンの判定と異なる結論にするときは、理由が必要です。</p>
            {Table(consulting, r => DecisionForm(r, token, "/records"), "queue-consulting", desk)}
            <h2>確定（{decided.Count}件）</h2>
            {Table(decided, _ => HtmlText.Empty, "queue-decided", desk)}
            """));
    }

    private static HtmlText Table(IReadOnlyList<ConsultationRecord> records, Func<ConsultationRecord, HtmlText> action, string id, ConsultationDesk desk)
    {
        if (records.Count == 0)
        {
            return Html.Of($"<p class=\"muted\" id=\"{id}\">ありません。</p>");
        }
        // The office's conclusion stands beside the engine's: a department reads what 情報公開課 decided, not only the state.
        var rows = records.Select(r => Html.Of($"""
            <tr id="row-{r.Id}" data-status="{RecordViews.StatusCode(r.Status)}">
              <td class="nowrap" data-label="記録番号"><a href="/records/{r.Id}" id="open-{r.Id}">{r.Id}</a></td>
              <td data-label="件名">{RecordViews.Title(r) ?? "（件名なし）"}</td>
              <td data-label="協議した部課">{r.Section}</td>
              <td class="nowrap" data-label="受付日時">{Time(r.SubmittedAt)}</td>
              <td data-label="エンジンの判定">{desk.Labels(r.VersionId).Outcome(r.EngineOutcome)}</td>
              <td class="nowrap" data-label="状態">{Application.Ledger.ConsultationLedger.Label(r.Status)}</td>
              <td data-label="情報公開課の結論" id="conclusion-{r.Id}">{r.Office?.Result.Label() ?? "（未確定）"}</td>
              {Html.If(action(r) is var act && act != HtmlText.Empty, () => Html.Of($"<td data-label=\"操作\">{act}</td>"))}
            </tr>
            """));
        return Html.Of($"""
            <table id="{id}" class="stack">
              <thead><tr><th>記録番号</th><th>件名</th><th>協議した部課</th><th>受付日時</th><th>エンジンの判定</th><th>状態</th><th>情報公開課の結論</th>{Html.If(records.Any(r => action(r) != HtmlText.Empty), () => Html.Of($"<th>操作</th>"))}</tr></thead>
              <tbody>{rows}</tbody>
            </table>
            """);
    }

    private static HtmlText StartForm(ConsultationRecord record, HtmlText token, string returnTo) => Html.Of($"""
        <form method="post" action="/records/{record.Id}/start">{token}<input type="hidden" name="return_to" value="{returnTo}"><button type="submit" id="start-{record.Id}">協議を始める</button></form>
        """);

    private static HtmlText DecisionForm(ConsultationRecord record, HtmlText token, string returnTo)
    {
        var agrees = OfficeResults.Matching(record.EngineOutcome);
        string Mark(OfficeResult result) => agrees == result ? "（エンジンと同じ）" : "";
        return Html.Of($"""
            <form method="post" action="/records/{record.Id}/decision" id="decision-form-{record.Id}">
              {token}
              <input type="hidden" name="return_to" value="{returnTo}">
              <label for="reason-{record.Id}">理由</label>
              <textarea id="reason-{record.Id}" name="reason"></textarea>
              <div class="actions">
                <button type="submit" name="result" value="covered" id="confirm-{record.Id}">ガイドライン該当で確定{Mark(OfficeResult.Covered)}</button>
                <button type="submit" name="result" value="referred" id="refer-{record.Id}" class="secondary">運営委員会に付議{Mark(OfficeResult.Referred)}</button>
                <button type="submit" name="result" value="not_permitted" id="reject-{record.Id}" class="danger">不可{Mark(OfficeResult.NotPermitted)}</button>
              </div>
            </form>
            """);
    }

    // The committee's result is one of a closed set; the reason (its opinion, or the conditions) is required.
    private static HtmlText CommitteeForm(ConsultationRecord record, HtmlText token)
    {
        var options = Enum.GetValues<CommitteeResult>().Select(r => Html.Of($"<option value=\"{r.Code()}\">{r.Label()}</option>"));
        return Html.Of($"""
            <form method="post" action="/records/{record.Id}/committee" id="committee-form-{record.Id}">
              {token}
              <label for="committee-result-{record.Id}">運営委員会の結果</label>
              <select id="committee-result-{record.Id}" name="result" required>{options}</select>
              <label for="committee-reason-{record.Id}">理由（委員会の意見・条件）</label>
              <textarea id="committee-reason-{record.Id}" name="reason" required></textarea>
              <div class="actions"><button type="submit" id="committee-{record.Id}">運営委員会の結果を記録する</button></div>
            </form>
            """);
    }

    private static ContentHttpResult Show(string id, HttpContext context, ConsultationDesk desk) =>
        desk.Find(SignedInUser.From(context.User), id) is { } record ? RecordPage(context, record, null) : NotFound(context, id);

    private static ContentHttpResult NotFound(HttpContext context, string id) =>
        Layout.Page(context, "見つかりません", Html.Of($"""
            <h1>協議記録が見つかりません</h1><p id="not-found" class="error">記録 {id} はありません。</p><p><a href="/records">協議記録の一覧へ</a></p>
            """), StatusCodes.Status404NotFound);

    /// <summary>The consultation record, laid out to print on A4; 情報公開課's forms are left out of the print.</summary>
    private static ContentHttpResult RecordPage(HttpContext context, ConsultationRecord record, string? error, int status = StatusCodes.Status200OK)
    {
        var user = SignedInUser.From(context.User);
        var token = Layout.Token(context);
        var here = $"/records/{record.Id}";
        var actions = !user.IsOffice ? HtmlText.Empty : record.Status switch
        {
            RecordStatus.Submitted => Html.Of($"<section class=\"no-print\" id=\"office-actions\"><h2>情報公開課の操作</h2>{StartForm(record, token, here)}</section>"),
            RecordStatus.UnderConsultation => Html.Of($"<section class=\"no-print\" id=\"office-actions\"><h2>情報公開課の確定</h2>{DecisionForm(record, token, here)}</section>"),
            _ when record.Office?.Result == OfficeResult.Referred && record.Committee is null =>
                Html.Of($"<section class=\"no-print\" id=\"office-actions\"><h2>運営委員会の結果の記録</h2>{CommitteeForm(record, token)}</section>"),
            _ => HtmlText.Empty,
        };
        var message = error is null ? HtmlText.Empty : Html.Of($"<div class=\"errors no-print\" id=\"errors\" role=\"alert\">{error}</div>");
        var office = record.Office is { } decided
            ? Html.Of($"""
                <table class="meta" id="office-decision">
                  <tr><th>結論</th><td id="office-result" data-result="{decided.Result.Code()}">{decided.Result.Label()}</td></tr>
                  <tr><th>理由</th><td>{decided.Reason ?? "（エンジンの判定のとおり）"}</td></tr>
                  <tr><th>確定した人</th><td>{decided.Actor}</td></tr>
                  <tr><th>確定日時</th><td>{Time(decided.At)}</td></tr>
                </table>
                """)
            : Html.Of($"<p class=\"muted\" id=\"office-decision\">まだ確定していません（{Application.Ledger.ConsultationLedger.Label(record.Status)}）。</p>");
        var committee = record.Committee is { } c
            ? Html.Of($"""
                <h2>運営委員会の結果</h2>
                <table class="meta" id="committee-decision"><tr><th>結果</th><td id="committee-result" data-result="{c.Result?.Code() ?? ""}">{c.Label}</td></tr><tr><th>理由</th><td>{c.Reason}</td></tr><tr><th>記録した人</th><td>{c.Actor}</td></tr><tr><th>日時</th><td>{Time(c.At)}</td></tr></table>
                """)
            : HtmlText.Empty;
        var entries = record.Entries.Select(e => Html.Of($"""
            <tr><td data-label="順番">{e.Sequence}</td><td data-label="内容">{RecordViews.EntryKindLabel(e.Kind)}</td><td data-label="記録した者">{e.Actor}</td><td data-label="日時">{Time(e.At)}</td><td class="hash" data-label="ハッシュ">{e.Hash}</td></tr>
            """));
        var body = Html.Of($"""
            <article id="record" data-record="{record.Id}" data-status="{RecordViews.StatusCode(record.Status)}">
            <h1>個人情報の利活用に関する協議記録</h1>
            <p class="print-note">この画面はブラウザの印刷機能で A4 に印刷できます（操作のボタンは印刷されません）。</p>
            {message}
            <table class="meta" id="record-meta">
              <tr><th>記録番号</th><td id="record-id">{record.Id}</td></tr>
              <tr><th>状態</th><td id="record-status">{Application.Ledger.ConsultationLedger.Label(record.Status)}</td></tr>
              <tr><th>協議した部課</th><td id="record-section">{record.Section}</td></tr>
              <tr><th>提出した人</th><td id="record-submitted-by">{record.SubmittedBy}</td></tr>
              <tr><th>受付日時</th><td>{Time(record.SubmittedAt)}</td></tr>
              <tr><th>事案の日付</th><td>{record.CaseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "（なし）"}</td></tr>
              <tr><th>年度</th><td>{FiscalYearLabel(record.FiscalYear)}</td></tr>
              <tr><th>規則の版</th><td>{record.VersionId}</td></tr>
              <tr><th>版のハッシュ</th><td class="hash">{record.VersionHash}</td></tr>
            </table>
            {actions}
            <h2>情報公開課の確定</h2>
            {office}
            {committee}
            <h2>エンジンの判定</h2>
            {ResultView.Render(RecordViews.Decision(record), context.RequestServices.GetRequiredService<ConsultationDesk>().Labels(record.VersionId), print: true)}
            <h2>申出の内容（提出されたとおり）</h2>
            {ProposalTable.Render(context.RequestServices.GetRequiredService<Intake.IntakeGate>(), context.RequestServices.GetRequiredService<Rules.Loading.RuleSetCatalog>(), record)}
            <h2>経過（改ざんを検知する連鎖の記録）</h2>
            <table id="record-entries" class="stack"><thead><tr><th>順番</th><th>内容</th><th>記録した者</th><th>日時</th><th>ハッシュ</th></tr></thead><tbody>{entries}</tbody></table>
            </article>
            """);
        return Layout.Page(context, $"協議記録 {record.Id}", body, status);
    }

    private static Results<RedirectHttpResult, ContentHttpResult> Submit(HttpContext context, IFormCollection form, ConsultationDesk desk, IntakeGate gate)
    {
        var intake = form["intake"].ToString();
        // A result still short of facts goes to 情報公開課 only once the clerk has said so (README, "Web service").
        if (form[InterviewPages.IncompleteConfirmation] != "yes" && gate.Read(intake) is { IsValid: true } check
            && gate.Screen(check.Intake) is { Outcome: Outcome.MoreInformationNeeded } decision)
        {
            return InterviewPages.Result(context, decision, check.Intake, desk,
                "まだ結論が出ていない判定です。提出するなら、注意を読んで確認の欄にチェックを入れてください。", StatusCodes.Status400BadRequest);
        }
        var result = desk.Submit(SignedInUser.From(context.User), intake);
        if (result.Record is { } record)
        {
            return TypedResults.Redirect($"/records/{record.Id}");
        }
        var error = result.Error!;
        var lines = error.Diagnostics is { } diagnostics ? diagnostics.Select(d => FormError.Of(d).Line) : [error.Message];
        return Layout.Page(context, "提出できませんでした", Html.Of($"""
            <h1>提出できませんでした</h1>
            <div class="errors" id="errors" role="alert">{Html.List(lines)}</div>
            <p><a href="/interview">新しい判定へ</a></p>
            """), Status(error));
    }

    // The result page again from the hidden intake, with a fresh token; nothing was submitted.
    private static IResult ExpiredSubmit(HttpContext context, IFormCollection form)
    {
        var gate = context.RequestServices.GetRequiredService<IntakeGate>();
        return gate.Read(form["intake"].ToString()) is { IsValid: true } check
            ? InterviewPages.Result(context, gate.Screen(check.Intake), check.Intake, context.RequestServices.GetRequiredService<ConsultationDesk>(),
                ExpiredForms.Message, StatusCodes.Status400BadRequest)
            : Layout.Page(context, "ページの有効期限切れ", Html.Of($"""
                <h1>ページの有効期限が切れました</h1><p class="error" id="errors">{ExpiredForms.Message}</p><p><a href="/interview">新しい判定へ</a></p>
                """), StatusCodes.Status400BadRequest);
    }

    // An office form whose token no longer holds: nothing was recorded. Back to the record, with the reason as typed so
    // that it need not be written again.
    private static IResult ExpiredOfficeForm(HttpContext context, IFormCollection form)
    {
        var id = context.Request.RouteValues["id"]?.ToString() ?? "";
        var reason = form["reason"].ToString();
        return Layout.Page(context, "ページの有効期限切れ", Html.Of($"""
            <h1>ページの有効期限が切れました</h1>
            <p class="error" id="errors" role="alert">{ExpiredForms.Message}（記録は変わっていません。）</p>
            {Html.If(reason.Length > 0, () => Html.Of($"<p>入力した理由:</p><blockquote id=\"typed-reason\">{reason}</blockquote>"))}
            <p><a href="/records/{id}">記録 {id} に戻る</a></p>
            """), StatusCodes.Status400BadRequest);
    }

    private static Results<RedirectHttpResult, ContentHttpResult> Start(string id, HttpContext context, IFormCollection form, ConsultationDesk desk) =>
        After(context, form, id, desk.Start(SignedInUser.From(context.User), id), desk);

    private static Results<RedirectHttpResult, ContentHttpResult> Decide(string id, HttpContext context, IFormCollection form, ConsultationDesk desk) =>
        After(context, form, id, desk.Decide(SignedInUser.From(context.User), id, form["result"], form["reason"]), desk);

    private static Results<RedirectHttpResult, ContentHttpResult> Committee(string id, HttpContext context, IFormCollection form, ConsultationDesk desk) =>
        After(context, form, id, desk.Committee(SignedInUser.From(context.User), id, form["result"], form["reason"]), desk);

    // Back to where the form was (the queue or the record), or the record page again with the reason for refusing.
    private static Results<RedirectHttpResult, ContentHttpResult> After(HttpContext context, IFormCollection form, string id, DeskResult result, ConsultationDesk desk)
    {
        if (result.Record is not null)
        {
            var back = form["return_to"].ToString();
            return TypedResults.Redirect(back == "/records" ? $"/records#row-{id}" : $"/records/{id}");
        }
        var error = result.Error!;
        return desk.Find(SignedInUser.From(context.User), id) is { } record && error.Kind != DeskErrorKind.NotFound
            ? RecordPage(context, record, error.Message, Status(error))
            : NotFound(context, id);
    }

    private static int Status(DeskError error) => error.Kind switch
    {
        DeskErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DeskErrorKind.NotFound => StatusCodes.Status404NotFound,
        DeskErrorKind.Conflict => StatusCodes.Status409Conflict,
        DeskErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>A UTC time of the log, shown in Japan time.</summary>
    private static string Time(string at) =>
        DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : at;

    private static string FiscalYearLabel(int fiscalYear) =>
        fiscalYear >= 2019 ? $"{(fiscalYear == 2019 ? "令和元" : $"令和{fiscalYear - 2018}")}年度（{fiscalYear}年度）" : $"{fiscalYear}年度";
}
