using System.Globalization;
using System.Text.Json.Nodes;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Interview;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Web.Intake;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GuidelineEngine.Web.Api;

/// <summary>A question of the interview, with the intake field that answers it.</summary>
/// <param name="IntakeField">Where the answer goes in the intake, e.g. <c>items[0].consent</c> or <c>items[0].tasks[0].kind</c>.</param>
/// <param name="Type">How to answer: <c>bool</c> and <c>enum</c> by one of the choices, <c>number</c>, or <c>text</c>.</param>
public sealed record InterviewQuestionView(
    string Id, string ItemId, string? TaskId, string Fact, string? IntakeField, string Text, string? Help, string Type,
    IReadOnlyList<FactValueDefinition> Choices);

/// <summary>The interview's answer for a partial intake: the decision so far and the questions whose answers can change it.</summary>
/// <param name="Finished">No question is left: the outcome is determined.</param>
public sealed record InterviewResponse(bool Finished, Outcome Outcome, IReadOnlyList<InterviewQuestionView> Questions, CaseDecision Decision);

/// <summary><c>/api/interview</c>: the next questions for a partial intake, as the pages ask them.</summary>
public static class InterviewEndpoints
{
    public static IEndpointRouteBuilder MapInterviewApi(this IEndpointRouteBuilder api)
    {
        var interview = api.MapGroup("/interview").WithTags("screening");
        interview.MapPost("", Next)
            .Accepts<IntakeBody>("application/json", "application/yaml")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("次の質問を得る")
            .WithDescription("途中まで書いた申出に対し、いまの判定と、答えによって結論が変わる質問だけを返します。結論が決まれば finished: true で質問はありません。");
        return api;
    }

    private static async Task<Results<Ok<InterviewResponse>, ProblemHttpResult>> Next(
        HttpRequest request, IntakeGate gate, CancellationToken cancellation)
    {
        var (check, problem) = await ScreeningEndpoints.ReadIntakeAsync(request, gate, cancellation);
        if (problem is not null)
        {
            return problem;
        }
        var intake = check!.Intake;
        var step = gate.Interview(intake);
        return TypedResults.Ok(new InterviewResponse(
            step.Finished, step.Decision.Outcome, [.. step.Questions.Select(q => View(intake, q))], step.Decision));
    }

    private static InterviewQuestionView View(CaseIntake intake, InterviewQuestion question) => new(
        question.Id, question.ItemId, question.TaskId, question.Fact, IntakeField(intake, question), question.Text, question.Help,
        question.Type.ToString().ToLowerInvariant(), question.Choices);

    private static string? IntakeField(CaseIntake intake, InterviewQuestion question)
    {
        var index = intake.Items.Select((item, i) => (item, i))
            .FirstOrDefault(x => intake.ItemId(x.i) == question.ItemId).i;
        if (question.Fact == "tasks")
        {
            return $"items[{index}].tasks";
        }
        if (!IntakeFacts.Fields.TryGetValue(question.Fact, out var field))
        {
            return null;
        }
        var task = int.TryParse(question.TaskId, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t - 1 : 0;
        return $"items[{index}].{field.Replace("tasks[]", $"tasks[{task}]", StringComparison.Ordinal)}";
    }
}
