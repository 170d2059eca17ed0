using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Web.Intake;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GuidelineEngine.Web.Api;

/// <summary><c>/api/screen</c>: a case intake in, the decision out, exactly as <c>guideline screen --format json</c> prints it.</summary>
public static class ScreeningEndpoints
{
    public static IEndpointRouteBuilder MapScreeningApi(this IEndpointRouteBuilder api)
    {
        var screen = api.MapGroup("/screen").WithTags("screening");
        screen.MapPost("", Screen)
            .Accepts<IntakeBody>("application/json", "application/yaml")
            .Produces<CaseDecision>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("申出を判定する")
            .WithDescription("申出（README の形式、JSON または YAML）を判定し、判定結果（docs/decision-json.md）を返します。何も記録しません。");
        return api;
    }

    private static async Task<Results<JsonHttpResult<CaseDecision>, ProblemHttpResult>> Screen(
        HttpRequest request, IntakeGate gate, CancellationToken cancellation)
    {
        var (check, problem) = await ReadIntakeAsync(request, gate, cancellation);
        if (problem is not null)
        {
            return problem;
        }
        return TypedResults.Json(gate.Screen(check!.Intake), JsonReport.Options);
    }

    /// <summary>Reads and checks the intake in a request body; a problem (400 or 413) when it cannot be screened.</summary>
    public static async Task<(IntakeCheck? Check, ProblemHttpResult? Problem)> ReadIntakeAsync(
        HttpRequest request, IntakeGate gate, CancellationToken cancellation)
    {
        var body = await ApiServices.ReadBodyAsync(request, cancellation);
        if (body is null)
        {
            return (null, Problems.Problem(StatusCodes.Status413PayloadTooLarge, "申出が大きすぎます。",
                $"申出は {ApiServices.MaxIntakeBytes / 1024} KiB までです。"));
        }
        var check = gate.Read(body, request.HasJsonContentType());
        return check.IsValid ? (check, null) : (null, Problems.Intake(check.Errors));
    }
}
