using GuidelineEngine.Rules.Intake;
using System.Globalization;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Interview;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;
using GuidelineEngine.Web.Consultations;
using GuidelineEngine.Web.Intake;
using GuidelineEngine.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GuidelineEngine.Web.Pages;

/// <summary>
/// The step-by-step interview: a form for the basics, then one page per step with the questions whose answers can still
/// change the outcome, then the result. The intake travels in a hidden field as JSON (the forms carry the CSRF token);
/// nothing is kept on the server until the department submits it as a consultation.
/// </summary>
public static class InterviewPages
{
    public static IEndpointRouteBuilder MapInterviewPages(this IEndpointRouteBuilder app)
    {
        var interview = app.MapGroup("/interview").ExcludeFromDescription();
        interview.MapGet("", (HttpContext context, RuleSetCatalog catalog, SectionScope scope, TimeProvider clock) =>
            BasicsPage(context, catalog, scope, Prefilled(context, clock), []));
        // An expired form keeps what was typed: the basics come back filled in, with a fresh token.
        interview.MapPost("", Start).OnExpiredForm((context, form) => BasicsPage(context,
            context.RequestServices.GetRequiredService<RuleSetCatalog>(), context.RequestServices.GetRequiredService<SectionScope>(),
            BasicsForm.From(form), [new FormError(null, ExpiredForms.Message)], StatusCodes.Status400BadRequest));
        interview.MapPost("/answer", Answer).OnExpiredForm(ExpiredStep);
        return app;
    }

    private static BasicsForm Prefilled(HttpContext context, TimeProvider clock) => new()
    {
        // The case date chooses the rule-set version; today in Japan unless the department says otherwise.
        Date = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ProposingSection = SignedInUser.From(context.User).Section,
    };

    private static ContentHttpResult Start(
        HttpContext context, IFormCollection form, IntakeGate gate, RuleSetCatalog catalog, SectionScope scope, ConsultationDesk desk)
    {
        var basics = BasicsForm.From(form);
        var check = gate.Read(basics.ToIntakeJson());
        var version = check.Version ?? Current(catalog);
        var user = SignedInUser.From(context.User);
        // Every error at once: the checks of the intake, the section the user may act for, and a file the registry lacks.
        var errors = check.Errors.Select(e => FormError.Of(e, basics, version, scope.Sections(user, version))).ToList();
        if (basics.ProposingSection.Length > 0 && version.Organs.Find(basics.ProposingSection) is not null
            && scope.Refusal(user, basics.ProposingSection) is { } refusal)
        {
            errors.Add(new FormError("proposing_section", $"{refusal} 協議できる部課: {string.Join("、", scope.Sections(user, version))}"));
        }
        // A file outside the registry is no error (its holder becomes a question), but the nearest names may show a misspelling.
        var unregistered = basics.ItemKind == BasicsForm.UseKind && basics.File.Length > 0 && version.Files.Find(basics.File) is null
            ? $"「{basics.File}」は登録簿にありません。{FormError.Nearest(basics.File, version.Files.Files.Select(f => f.Name))}"
                + "名前の誤りなら「最初からやり直す」で直してください。登録簿にないファイルなら、保有する課の質問に答えてください。"
            : null;
        if (errors.Count > 0 && unregistered is not null)
        {
            errors.Add(new FormError("file", unregistered));
        }
        return errors.Count == 0
            ? Step(context, gate.Interview(check.Intake), check.Intake, catalog, desk, 1, unregistered is null ? [] : [unregistered])
            : BasicsPage(context, catalog, scope, basics, errors, StatusCodes.Status400BadRequest);
    }

    // The hidden intake of a step page is kept: the same step again, with a fresh token; without one, the basics again.
    private static ContentHttpResult ExpiredStep(HttpContext context, IFormCollection form)
    {
        var services = context.RequestServices;
        var check = services.GetRequiredService<IntakeGate>().Read(form["intake"].ToString());
        var catalog = services.GetRequiredService<RuleSetCatalog>();
        if (!check.IsValid)
        {
            return BasicsPage(context, catalog, services.GetRequiredService<SectionScope>(), new BasicsForm(),
                [new FormError(null, ExpiredForms.Message)], StatusCodes.Status400BadRequest);
        }
        var step = services.GetRequiredService<IntakeGate>().Interview(check.Intake);
        var desk = services.GetRequiredService<ConsultationDesk>();
        return step.Finished
            ? Result(context, step.Decision, check.Intake, desk, ExpiredForms.Message, StatusCodes.Status400BadRequest)
            : Step(context, step, check.Intake, catalog, desk, 1, [ExpiredForms.Message], StatusCodes.Status400BadRequest);
    }

    private static ContentHttpResult Answer(
        HttpContext context, IFormCollection form, IntakeGate gate, RuleSetCatalog catalog, ConsultationDesk desk)
    {
        var check = gate.Read(form["intake"].ToString());
        if (!check.IsValid)
        {
            // The hidden intake came from this service; an error means it was changed on the way, or the rules were.
            return ErrorsPage(context, check.Errors);
        }
        var intake = check.Intake;
        var step = gate.Interview(intake);
        var number = int.TryParse(form["step"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 1000 ? n : 1;
        var errors = new List<string>();
        var answered = 0;
        foreach (var question in step.Questions)
        {
            var value = form[AnswerField(question)].ToString().Trim();
            if (value.Length == 0)
            {
                continue;
            }
            try
            {
                intake = Interviewer.Answer(intake, question, value);
                answered++;
            }
            catch (ArgumentException e)
            {
                errors.Add(e.Message.Split(" (Parameter", 2)[0]);
            }
        }
        if (answered > 0)
        {
            // An answer must leave an intake the checks accept (a section name must be in the registry, for one).
            var recheck = gate.Read(IntakeWriter.ToJson(intake));
            if (!recheck.IsValid)
            {
                errors.AddRange(recheck.Errors.Select(e => FormError.Clean(e.Message)));
                intake = check.Intake;
            }
        }
        if (errors.Count > 0)
        {
            return Step(context, step, check.Intake, catalog, desk, number, errors);
        }
        var next = answered == 0 ? step : gate.Interview(intake);
        if (form["action"] == "result" || next.Finished)
        {
            return Result(context, next.Decision, intake, desk);
        }
        var notice = answered == 0 ? new List<string> { "どの質問にも答えていません。分かるものに答えるか、「ここまでの内容で結果を見る」を押してください。" } : [];
        return Step(context, next, intake, catalog, desk, answered == 0 ? number : number + 1, notice);
    }

    /// <summary>The form field of a question's answer (its id is stable within a case: <c>1/consent</c>, <c>44/1/task.kind</c>).</summary>
    public static string AnswerField(InterviewQuestion question) => $"answer:{question.Id}";

    private static ContentHttpResult BasicsPage(
        HttpContext context, RuleSetCatalog catalog, SectionScope scope, BasicsForm form, IReadOnlyList<FormError> errors, int status = StatusCodes.Status200OK)
    {
        var byField = errors.Where(e => e.Field is not null).ToLookup(e => e.Field!, e => e.Message);
        HtmlText ErrorsOf(string field) => Html.Join(byField[field].Select(m => Html.Of($"<p class=\"error\" id=\"{field}-error\">{m}</p>")));
        HtmlText Text(string field, string value, string? hint = null, string? list = null, bool required = false) => Html.Of($"""
            <label for="{field}">{BasicsForm.Labels[field]}</label>
            {(hint is null ? HtmlText.Empty : Html.Of($"<p class=\"hint\">{hint}</p>"))}
            {ErrorsOf(field)}
            <input type="text" id="{field}" name="{field}" value="{value}"{(list is null ? HtmlText.Empty : Html.Of($" list=\"{list}\""))}{Html.Flag(required, "required")}>
            """);
        var current = Current(catalog);
        var mine = scope.Sections(SignedInUser.From(context.User), current);
        // A short list is spelled out; 情報公開課 acts for every section, which the datalist offers as the user types.
        var mineHint = mine.Count <= 12 ? $"協議できる部課: {string.Join("、", mine)}" : "どの部課の協議もできます。部名、または部名に続けて課名（例: 福祉部生活福祉課）";
        var recipientKinds = current.Fact("recipient.kind")?.Values.Where(v => v.Value is not ("ward_organ" or "ward_council")) ?? [];
        var kindOptions = recipientKinds.Select(v => Html.Of($"<option value=\"{v.Value}\"{Html.Flag(form.RecipientKind == v.Value, "selected")}>{v.Label}</option>"));
        var summary = errors.Count == 0 ? HtmlText.Empty : Html.Of($"""
            <div class="errors" id="errors" role="alert"><p>入力を確かめてください。</p>{Html.List(errors.Select(e => e.Line))}</div>
            """);
        var use = form.ItemKind == BasicsForm.UseKind;
        var outside = form.RecipientType == BasicsForm.RecipientOutside;
        var body = Html.Of($"""
            <h1>新しい判定: 基本の情報</h1>
            <p>協議の基本を入力してください。次の画面から、結論を左右する質問だけを順に尋ねます。</p>
            {summary}
            <form method="post" action="/interview" id="basics-form">
              {Layout.Token(context)}
              <fieldset>
                <legend>協議</legend>
                <label for="date">{BasicsForm.Labels["date"]}</label>
                <p class="hint">この日に施行されている規則の版で判定します。</p>
                {ErrorsOf("date")}
                <input type="date" id="date" name="date" value="{form.Date}" required>
                {Text("proposing_section", form.ProposingSection, mineHint, "my-sections", required: true)}
                {Text("title", form.Title)}
              </fieldset>
              <fieldset>
                <legend>何をしますか</legend>
                <label class="choice"><input type="radio" name="item_kind" id="item_kind-use_or_provision" value="use_or_provision"{Html.Flag(use, "checked")}> 個人情報ファイルを目的外に利用する、または提供する</label>
                <label class="choice"><input type="radio" name="item_kind" id="item_kind-outsourcing" value="outsourcing"{Html.Flag(!use, "checked")}> 個人情報を取り扱う業務を委託する</label>
              </fieldset>
              <fieldset id="use-fields">
                <legend>目的外の利用・提供の場合</legend>
                {Text("file", form.File, "利用・提供するファイルの名前", "files-list")}
                {Text("holding_section", form.HoldingSection, "登録簿にあるファイルなら空欄で構いません。", "sections")}
                <p><strong>利用する・受け取るのは</strong></p>
                <label class="choice"><input type="radio" name="recipient_type" id="recipient_type-section" value="section"{Html.Flag(!outside, "checked")}> 区の部課</label>
                {Text("recipient_section", form.RecipientSectionName, "空欄なら、協議する部課自身が利用します。", "sections")}
                <label class="choice"><input type="radio" name="recipient_type" id="recipient_type-outside" value="outside"{Html.Flag(outside, "checked")}> 区の外の相手方</label>
                <label for="recipient_kind">{BasicsForm.Labels["recipient_kind"]}</label>
                {ErrorsOf("recipient_kind")}
                <select id="recipient_kind" name="recipient_kind"><option value="">（選んでください）</option>{kindOptions}</select>
                {Text("recipient_name", form.RecipientName, "例: 練馬警察署")}
                <label for="purpose">{BasicsForm.Labels["purpose"]}</label>
                <p class="hint">何のために使うのかを、ふだんの言葉で書いてください。</p>
                {ErrorsOf("purpose")}
                <textarea id="purpose" name="purpose">{form.Purpose}</textarea>
              </fieldset>
              <fieldset id="outsourcing-fields">
                <legend>業務委託の場合</legend>
                <label for="files">{BasicsForm.Labels["files"]}（1行に1つ）</label>
                {ErrorsOf("files")}
                <textarea id="files" name="files">{form.Files}</textarea>
                <label for="tasks">{BasicsForm.Labels["tasks"]}（1行に1つ）</label>
                <p class="hint">例: 「現況調査票」の印刷・封入</p>
                {ErrorsOf("tasks")}
                <textarea id="tasks" name="tasks">{form.Tasks}</textarea>
              </fieldset>
              <div class="actions"><button type="submit" id="start-interview">次へ（質問に進む）</button></div>
            </form>
            {Lists(current)}
            <datalist id="my-sections">{mine.Select(m => Html.Of($"<option value=\"{m}\">"))}</datalist>
            """);
        return Layout.Page(context, "新しい判定", body, status);
    }

    private static ContentHttpResult Step(
        HttpContext context, InterviewStep step, CaseIntake intake, RuleSetCatalog catalog, ConsultationDesk desk, int number, IReadOnlyList<string> messages,
        int status = StatusCodes.Status200OK)
    {
        if (step.Finished)
        {
            return Result(context, step.Decision, intake, desk);
        }
        var questions = step.Questions.Select(Question).ToList();
        var notes = messages.Count == 0 ? HtmlText.Empty : Html.Of($"<div class=\"errors\" id=\"errors\" role=\"alert\">{Html.List(messages)}</div>");
        var body = Html.Of($"""
            <h1 id="step-title" data-step="{number}">質問 {number}</h1>
            <p>件名: {intake.Title ?? "（なし）"}　いまの判定: <strong id="current-outcome" data-outcome="{step.Decision.Outcome.Code()}">{desk.Labels(step.Decision.VersionId).Outcome(step.Decision.Outcome)}</strong></p>
            <p>次の質問の答えで結論が変わります。分かるものに答えてください。分からないものは「分からない」のままで構いません。</p>
            {notes}
            <form method="post" action="/interview/answer" id="step-form">
              {Layout.Token(context)}
              <input type="hidden" name="intake" id="intake" value="{IntakeWriter.ToJson(intake)}">
              <input type="hidden" name="step" value="{number}">
              {questions}
              <div class="actions">
                <button type="submit" name="action" value="next" id="next-step">回答して次へ</button>
                <button type="submit" name="action" value="result" id="show-result" class="secondary">ここまでの内容で結果を見る</button>
              </div>
            </form>
            {Lists(Current(catalog))}
            """);
        return Layout.Page(context, $"質問 {number}", body, status);
    }

    private static HtmlText Question(InterviewQuestion question)
    {
        var id = "q-" + Html.Id(question.Id);
        var name = AnswerField(question);
        var help = question.Help is null ? HtmlText.Empty : Html.Of($"<div class=\"help\" id=\"{id}-help\">{question.Help}</div>");
        HtmlText input;
        if (question.Choices.Count > 0)
        {
            var choices = question.Choices.Select(c => Html.Of($"""
                <label class="choice"><input type="radio" name="{name}" id="{id}-{Html.Id(c.Value)}" value="{c.Value}"> {c.Label}</label>
                """));
            input = Html.Of($"""
                {choices}
                <label class="choice"><input type="radio" name="{name}" id="{id}-unknown" value="" checked> 分からない（後で答える）</label>
                """);
        }
        else if (question.Type == FactType.Number)
        {
            input = Html.Of($"<input type=\"number\" min=\"0\" step=\"1\" name=\"{name}\" id=\"{id}-value\" aria-labelledby=\"{id}-text\">");
        }
        else
        {
            var list = IntakeFacts.SectionFacts.Contains(question.Fact) ? Html.Of($" list=\"sections\"") : HtmlText.Empty;
            input = Html.Of($"<input type=\"text\" name=\"{name}\" id=\"{id}-value\"{list} aria-labelledby=\"{id}-text\">");
        }
        return Html.Of($"""
            <fieldset class="question" id="{id}" data-question="{question.Id}" data-fact="{question.Fact}" data-item="{question.ItemId}" data-task="{question.TaskId ?? ""}">
              <legend id="{id}-text">{question.Text}</legend>
              {help}
              {input}
            </fieldset>
            """);
    }

    /// <summary>
    /// The result page: what was entered, the decision with what to do next, and the button that submits it as a
    /// consultation. A result with facts still missing is submitted only with the box ticked (README, "Web service").
    /// </summary>
    public static ContentHttpResult Result(
        HttpContext context, CaseDecision decision, CaseIntake intake, ConsultationDesk desk, string? error = null, int status = StatusCodes.Status200OK)
    {
        var user = SignedInUser.From(context.User);
        var incomplete = decision.Outcome == Outcome.MoreInformationNeeded;
        var confirm = Html.If(incomplete, () => Html.Of($"""
            <div class="warning" id="incomplete-warning" role="alert">
              <p><strong>まだ結論が出ていません。</strong>「確認が必要な事項」に答えないまま提出すると、情報公開課から問い合わせを受け、協議に時間がかかります。
              答えが分からない事項を情報公開課に相談したいときだけ、このまま提出してください。</p>
              <label class="choice"><input type="checkbox" name="{IncompleteConfirmation}" id="confirm-incomplete" value="yes" required> 結論が出ていないことを承知のうえで提出する</label>
            </div>
            """));
        var submit = desk.MaySubmit(user, intake.ProposingSection)
            ? Html.Of($"""
                <form method="post" action="/records" id="submit-form" class="no-print">
                  {Layout.Token(context)}
                  <input type="hidden" name="intake" id="intake" value="{IntakeWriter.ToJson(intake)}">
                  {confirm}
                  <div class="actions">
                    <button type="submit" id="submit-consultation">この内容で情報公開課に協議する</button>
                    <a class="button secondary" id="restart" href="/interview">最初からやり直す</a>
                  </div>
                </form>
                """)
            : Html.Of($"""
                <p class="errors no-print" id="submit-refused">{user.Section} の利用者は、{intake.ProposingSection} の協議を提出できません。</p>
                <p class="no-print"><a class="button secondary" id="restart" href="/interview">最初からやり直す</a></p>
                """);
        var message = error is null ? HtmlText.Empty : Html.Of($"<div class=\"errors\" id=\"errors\" role=\"alert\">{error}</div>");
        var body = Html.Of($"""
            <h1>判定結果</h1>
            {message}
            {Entered(intake)}
            {ResultView.Render(decision, desk.Labels(decision.VersionId))}
            {submit}
            """);
        return Layout.Page(context, "判定結果", body, status);
    }

    /// <summary>The form field that confirms submitting a result that is still more_information_needed.</summary>
    public const string IncompleteConfirmation = "confirm_incomplete";

    // What the clerk entered, in the form's words, so the result is read against it.
    private static HtmlText Entered(CaseIntake intake)
    {
        var rows = new List<HtmlText>();
        void Row(string label, string? value) => rows.Add(Html.Of($"<tr><th>{label}</th><td>{(string.IsNullOrEmpty(value) ? "（未入力）" : value)}</td></tr>"));
        Row(BasicsForm.Labels["date"], intake.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Row(BasicsForm.Labels["proposing_section"], intake.ProposingSection);
        Row(BasicsForm.Labels["title"], intake.Title);
        foreach (var item in intake.Items)
        {
            switch (item)
            {
                case UseOrProvisionItem use:
                    Row(BasicsForm.Labels["file"], use.File);
                    Row(BasicsForm.Labels["holding_section"], use.HoldingSection ?? "（登録簿のとおり）");
                    Row("利用する・受け取る相手", use.Recipient is null ? intake.ProposingSection
                        : use.Recipient.Section ?? use.Recipient.Name);
                    Row(BasicsForm.Labels["purpose"], use.Purpose);
                    break;
                case OutsourcingItem outsourcing:
                    Row(BasicsForm.Labels["files"], string.Join("、", outsourcing.Files));
                    Row(BasicsForm.Labels["tasks"], string.Join("、", outsourcing.Tasks.Select(t => t.Description)));
                    break;
            }
        }
        return Html.Of($"<h2>入力した内容</h2><table class=\"meta\" id=\"entered\">{rows}</table>");
    }

    private static ContentHttpResult ErrorsPage(HttpContext context, IReadOnlyList<Diagnostic> errors) =>
        Layout.Page(context, "入力の誤り", Html.Of($"""
            <h1>入力の誤り</h1>
            <div class="errors" id="errors" role="alert">{Html.List(errors.Select(e => FormError.Of(e).Line))}</div>
            <p><a href="/interview">最初からやり直す</a></p>
            """), StatusCodes.Status400BadRequest);

    // Suggestions for the section and file fields (a datalist: typing works without them, and without script).
    private static HtmlText Lists(RuleSetDefinition version)
    {
        var sections = SectionScope.Names(version).Select(s => Html.Of($"<option value=\"{s}\">"));
        var files = version.Files.Files.Select(f => Html.Of($"<option value=\"{f.Name}\">"));
        return Html.Of($"<datalist id=\"sections\">{sections}</datalist><datalist id=\"files-list\">{files}</datalist>");
    }

    // The ward's version in force now, else its latest: its registries feed the suggestions (a template pack's never do).
    private static RuleSetDefinition Current(RuleSetCatalog catalog)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        var ward = catalog.Versions.Where(v => v.Version.Jurisdiction == RuleSetSelection.DefaultJurisdiction).ToList();
        return ward.FirstOrDefault(v => v.Version.InForceOn(today))
            ?? ward.OrderBy(v => v.Version.EffectiveFrom ?? DateOnly.MinValue).Last();
    }
}
