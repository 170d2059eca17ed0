using System.Security.Claims;
using GuidelineEngine.Web.Consultations;
using GuidelineEngine.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GuidelineEngine.Web.Api;

/// <summary>
/// <c>/api/records</c>: consultation records (協議記録). A department user submits and sees only its own section's records
/// (another section's id answers 404, like an id that does not exist); 情報公開課 sees all and decides.
/// </summary>
public static class RecordEndpoints
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder api)
    {
        var records = api.MapGroup("/records").WithTags("records");
        records.MapGet("", List).WithSummary("協議記録の一覧（部課は自分の課の分、情報公開課はすべて）");
        records.MapGet("/{id}", Get).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("協議記録を読む").WithDescription("他の課の記録は、ない記録と同じく 404 になります。");
        records.MapPost("", Submit).RequireAntiforgeryHeader()
            .Accepts<IntakeBody>("application/json", "application/yaml")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("申出を協議として提出する（判定して記録する）")
            .WithDescription("部課の利用者は、自分の課（またはその部）の申出だけを提出できます（case.proposing_section）。");

        var office = records.MapGroup("").RequireAuthorization(Policies.Office)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        office.MapPost("/{id}/start", Start).RequireAntiforgeryHeader().WithSummary("協議を始める（情報公開課）");
        office.MapPost("/{id}/decision", Decide).RequireAntiforgeryHeader()
            .WithSummary("確定する（情報公開課）")
            .WithDescription("result: covered（ガイドライン該当）, referred（運営委員会に付議）, not_permitted（不可）。エンジンの判定と異なる結論には reason が必要です。");
        office.MapPost("/{id}/committee", Committee).RequireAntiforgeryHeader().WithSummary("運営委員会の結果を記録する（情報公開課）")
            .WithDescription($"result: {Records.Model.CommitteeResults.Codes}。reason は必須です。");
        return api;
    }

    private static Ok<List<RecordSummary>> List(ClaimsPrincipal principal, ConsultationDesk desk) =>
        TypedResults.Ok(desk.Visible(SignedInUser.From(principal)).Select(RecordViews.Summary).ToList());

    private static Results<Ok<RecordDetail>, ProblemHttpResult> Get(string id, ClaimsPrincipal principal, ConsultationDesk desk) =>
        desk.Find(SignedInUser.From(principal), id) is { } record ? TypedResults.Ok(RecordViews.Detail(record)) : Problems.RecordNotFound(id);

    private static async Task<Results<Created<RecordDetail>, ProblemHttpResult>> Submit(
        HttpRequest request, ClaimsPrincipal principal, ConsultationDesk desk, CancellationToken cancellation)
    {
        var body = await ApiServices.ReadBodyAsync(request, cancellation);
        if (body is null)
        {
            return Problems.Problem(StatusCodes.Status413PayloadTooLarge, "申出が大きすぎます。", $"申出は {ApiServices.MaxIntakeBytes / 1024} KiB までです。");
        }
        var result = desk.Submit(SignedInUser.From(principal), body, request.HasJsonContentType());
        return result.Record is { } record
            ? TypedResults.Created($"/api/records/{record.Id}", RecordViews.Detail(record))
            : Problem(result.Error!);
    }

    private static Results<Ok<RecordDetail>, ProblemHttpResult> Start(string id, ClaimsPrincipal principal, ConsultationDesk desk) =>
        Answer(desk.Start(SignedInUser.From(principal), id));

    private static Results<Ok<RecordDetail>, ProblemHttpResult> Decide(
        string id, DecisionRequest decision, ClaimsPrincipal principal, ConsultationDesk desk) =>
        Answer(desk.Decide(SignedInUser.From(principal), id, decision.Result, decision.Reason));

    private static Results<Ok<RecordDetail>, ProblemHttpResult> Committee(
        string id, CommitteeRequest committee, ClaimsPrincipal principal, ConsultationDesk desk) =>
        Answer(desk.Committee(SignedInUser.From(principal), id, committee.Result, committee.Reason));

    private static Results<Ok<RecordDetail>, ProblemHttpResult> Answer(DeskResult result) =>
        result.Record is { } record ? TypedResults.Ok(RecordViews.Detail(record)) : Problem(result.Error!);

    /// <summary>The desk's refusal as problem details, with the field at fault.</summary>
    public static ProblemHttpResult Problem(DeskError error) => error switch
    {
        { Diagnostics: { } diagnostics } => Problems.Intake(diagnostics),
        { Kind: DeskErrorKind.NotFound } => Problems.Problem(StatusCodes.Status404NotFound, "協議記録が見つかりません。", error.Message),
        { Kind: DeskErrorKind.Forbidden } => Problems.Field(StatusCodes.Status403Forbidden, "この課の協議は提出できません。", error.Field ?? "", error.Message),
        { Kind: DeskErrorKind.Conflict } => Problems.Problem(StatusCodes.Status409Conflict, "記録の今の状態では、この操作はできません。", error.Message),
        { Kind: DeskErrorKind.Unavailable } => Problems.Problem(StatusCodes.Status503ServiceUnavailable, "記録簿に書き込めませんでした。", error.Message),
        { Field: { } field } => Problems.Field(StatusCodes.Status400BadRequest, "入力に誤りがあります。", field, error.Message),
        _ => Problems.Problem(StatusCodes.Status400BadRequest, "入力に誤りがあります。", error.Message),
    };
}
