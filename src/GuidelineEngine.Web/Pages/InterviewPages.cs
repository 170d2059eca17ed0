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
        interview.MapGet("", (HttpContext context, RuleSetCatalog catalog, TimeProvider clock) =>
            BasicsPage(context, catalog, Prefilled(context, clock), []));
        interview.MapPost("", Start);
        interview.MapPost("/answer", Answer);
        return app;
    }

    private static BasicsForm Prefilled(HttpContext context, TimeProvider clock) => new()
    {
        // The case date chooses the rule-set version; today in Japan unless the department says otherwise.
        Date = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ProposingSection = SignedInUser.From(context.User).Section,
    };

    private static ContentHttpResult Start(
        HttpContext context, IFormCollection form, IntakeGate gate, Interviewer interviewer, RuleSetCatalog catalog, ConsultationDesk desk)
    {
        var basics = BasicsForm.From(form);
        var check = gate.Read(basics.ToIntakeJson());
        return check.IsValid
            ? Step(context, interviewer.Next(check.Intake), check.Intake, catalog, desk, 1, [])
            : BasicsPage(context, catalog, basics, check.Errors, StatusCodes.Status400BadRequest);
    }

    private static ContentHttpResult Answer(
        HttpContext context, IFormCollection form, IntakeGate gate, Interviewer interviewer, RuleSetCatalog catalog, ConsultationDesk desk)
    {
        var check = gate.Read(form["intake"].ToString());
        if (!check.IsValid)
        {
            // The hidden intake came from this service; an error means it was changed on the way, or the rules were.
            return ErrorsPage(context, check.Errors);
        }
        var intake = check.Intake;
        var step = interviewer.Next(intake);
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
                errors.AddRange(recheck.Errors.Select(e => $"{e.Field}: {e.Message}"));
                intake = check.Intake;
            }
        }
        if (errors.Count > 0)
        {
            return Step(context, step, check.Intake, catalog, desk, number, errors);
        }
        var next = answered == 0 ? step : interviewer.Next(intake);
        if (form["action"] == "result" || next.Finished)
        {
            return Result(context, next.Decision, intake, desk);
        }
        var notice = answered == 0 ? new List<string> { "どの質問にも答えていません。分かるものに答えるか、「ここまでの内容で結果を見る」を押してください。" } : [];
        return Step(context, next, intake, catalog, desk, answered == 0 ? number : number + 1, notice);
    }

    /// <summary>The form field of a question's answer (its id is stable within a case: <c>1/consent</c>, <c>44/1/task.kind</c>).</summary>
    public static string AnswerField(InterviewQuestion question) => $"answer:{question.Id}";

    private static ContentHttpResult BasicsPage(HttpContext context, RuleSetCatalog catalog, BasicsForm form, IReadOnlyList<Diagnostic> errors, int status = StatusCodes.Status200OK)
    {
        var byField = errors.Where(e => BasicsForm.FieldOf(e) is not null).ToLookup(e => BasicsForm.FieldOf(e)!, e => e.Message);
        HtmlText ErrorsOf(string field) => Html.Join(byField[field].Select(m => Html.Of($"<p class=\"error\" id=\"{field}-error\">{m}</p>")));
        HtmlText Text(string field, string label, string value, string? hint = null, string? list = null, bool required = false) => Html.Of($"""
            <label for="{field}">{label}</label>
            {(hint is null ? HtmlText.Empty : Html.Of($"<p class=\"hint\">{hint}</p>"))}
            {ErrorsOf(field)}
            <input type="text" id="{field}" name="{field}" value="{value}"{(list is null ? HtmlText.Empty : Html.Of($" list=\"{list}\""))}{Html.Flag(required, "required")}>
            """);
        var current = Current(catalog);
        var recipientKinds = current.Fact("recipient.kind")?.Values.Where(v => v.Value is not ("ward_organ" or "ward_council")) ?? [];
        var kindOptions = recipientKinds.Select(v => Html.Of($"<option value=\"{v.Value}\"{Html.Flag(form.RecipientKind == v.Value, "selected")}>{v.Label}</option>"));
        var summary = errors.Count == 0 ? HtmlText.Empty : Html.Of($"""
            <div class="errors" id="errors" role="alert"><p>入力を確かめてください。</p>{Html.List(errors.Select(e => Describe(e)))}</div>
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
                <label for="date">日付</label>
                <p class="hint">この日に施行されている規則の版で判定します。</p>
                {ErrorsOf("date")}
                <input type="date" id="date" name="date" value="{form.Date}" required>
                {Text("proposing_section", "協議する部課", form.ProposingSection, "部名、または部名に続けて課名（例: 福祉部生活福祉課）", "sections", required: true)}
                {Text("title", "件名（利用業務・委託業務の名前）", form.Title)}
              </fieldset>
              <fieldset>
                <legend>何をしますか</legend>
                <label class="choice"><input type="radio" name="item_kind" id="item_kind-use_or_provision" value="use_or_provision"{Html.Flag(use, "checked")}> 個人情報ファイルを目的外に利用する、または提供する</label>
                <label class="choice"><input type="radio" name="item_kind" id="item_kind-outsourcing" value="outsourcing"{Html.Flag(!use, "checked")}> 個人情報を取り扱う業務を委託する</label>
              </fieldset>
              <fieldset id="use-fields">
                <legend>目的外の利用・提供の場合</legend>
                {Text("file", "個人情報ファイル", form.File, "利用・提供するファイルの名前", "files-list")}
                {Text("holding_section", "ファイルを保有する部課", form.HoldingSection, "登録簿にあるファイルなら空欄で構いません。", "sections")}
                <p><strong>利用する・受け取るのは</strong></p>
                <label class="choice"><input type="radio" name="recipient_type" id="recipient_type-section" value="section"{Html.Flag(!outside, "checked")}> 区の部課</label>
                {Text("recipient_section", "利用する部課", form.RecipientSectionName, "空欄なら、協議する部課自身が利用します。", "sections")}
                <label class="choice"><input type="radio" name="recipient_type" id="recipient_type-outside" value="outside"{Html.Flag(outside, "checked")}> 区の外の相手方</label>
                <label for="recipient_kind">相手方の種類</label>
                {ErrorsOf("recipient_kind")}
                <select id="recipient_kind" name="recipient_kind"><option value="">（選んでください）</option>{kindOptions}</select>
                {Text("recipient_name", "相手方の名前", form.RecipientName, "例: 練馬警察署")}
                <label for="purpose">利用・提供の目的</label>
                <p class="hint">何のために使うのかを、ふだんの言葉で書いてください。</p>
                {ErrorsOf("purpose")}
                <textarea id="purpose" name="purpose">{form.Purpose}</textarea>
              </fieldset>
              <fieldset id="outsourcing-fields">
                <legend>業務委託の場合</legend>
                <label for="files">委託先が取り扱う個人情報ファイル（1行に1つ）</label>
                {ErrorsOf("files")}
                <textarea id="files" name="files">{form.Files}</textarea>
                <label for="tasks">委託する作業の内容（1行に1つ）</label>
                <p class="hint">例: 「現況調査票」の印刷・封入</p>
                {ErrorsOf("tasks")}
                <textarea id="tasks" name="tasks">{form.Tasks}</textarea>
              </fieldset>
              <div class="actions"><button type="submit" id="start-interview">次へ（質問に進む）</button></div>
            </form>
            {Lists(current)}
            """);
        return Layout.Page(context, "新しい判定", body, status);
    }

    private static ContentHttpResult Step(
        HttpContext context, InterviewStep step, CaseIntake intake, RuleSetCatalog catalog, ConsultationDesk desk, int number, IReadOnlyList<string> messages)
    {
        if (step.Finished)
        {
            return Result(context, step.Decision, intake, desk);
        }
        var questions = step.Questions.Select(Question).ToList();
        var notes = messages.Count == 0 ? HtmlText.Empty : Html.Of($"<div class=\"errors\" id=\"errors\" role=\"alert\">{Html.List(messages)}</div>");
        var body = Html.Of($"""
            <h1 id="step-title" data-step="{number}">質問 {number}</h1>
            <p>件名: {intake.Title ?? "（なし）"}　いまの判定: <strong id="current-outcome" data-outcome="{step.Decision.Outcome.Code()}">{step.Decision.Outcome.Label()}</strong></p>
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
        return Layout.Page(context, $"質問 {number}", body);
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

    /// <summary>The result page: the decision, and the button that submits it as a consultation.</summary>
    public static ContentHttpResult Result(HttpContext context, CaseDecision decision, CaseIntake intake, ConsultationDesk desk)
    {
        var user = SignedInUser.From(context.User);
        var submit = desk.MaySubmit(user, intake.ProposingSection)
            ? Html.Of($"""
                <form method="post" action="/records" id="submit-form" class="no-print">
                  {Layout.Token(context)}
                  <input type="hidden" name="intake" id="intake" value="{IntakeWriter.ToJson(intake)}">
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
        var body = Html.Of($"""
            <h1>判定結果</h1>
            {ResultView.Render(decision)}
            {submit}
            """);
        return Layout.Page(context, "判定結果", body);
    }

    private static ContentHttpResult ErrorsPage(HttpContext context, IReadOnlyList<Diagnostic> errors) =>
        Layout.Page(context, "入力の誤り", Html.Of($"""
            <h1>入力の誤り</h1>
            <div class="errors" id="errors" role="alert">{Html.List(errors.Select(e => Describe(e)))}</div>
            <p><a href="/interview">最初からやり直す</a></p>
            """), StatusCodes.Status400BadRequest);

    private static string Describe(Diagnostic error) =>
        string.IsNullOrEmpty(error.Field) ? error.Message : $"{error.Field}: {error.Message}";

    // Suggestions for the section and file fields (a datalist: typing works without them, and without script).
    private static HtmlText Lists(RuleSetDefinition version)
    {
        var sections = version.Organs.Organs
            .SelectMany(o => o.Departments)
            .SelectMany(d => d.Sections.Select(s => d.Name + s.Name).Prepend(d.Name))
            .Distinct()
            .Select(s => Html.Of($"<option value=\"{s}\">"));
        var files = version.Files.Files.Select(f => Html.Of($"<option value=\"{f.Name}\">"));
        return Html.Of($"<datalist id=\"sections\">{sections}</datalist><datalist id=\"files-list\">{files}</datalist>");
    }

    // The version in force now, else the latest: its registries feed the suggestions.
    private static RuleSetDefinition Current(RuleSetCatalog catalog)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        return catalog.Versions.FirstOrDefault(v => v.Version.InForceOn(today))
            ?? catalog.Versions.OrderBy(v => v.Version.EffectiveFrom ?? DateOnly.MinValue).Last();
    }
}
