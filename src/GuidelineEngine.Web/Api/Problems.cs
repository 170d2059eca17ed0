using GuidelineEngine.Rules.Yaml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GuidelineEngine.Web.Api;

/// <summary>One error of an intake: the field path (e.g. <c>items[0].recipient.section</c>), where it was written, and what is wrong.</summary>
public sealed record FieldError(string Field, int Line, int Column, string Message)
{
    public static FieldError From(Diagnostic diagnostic) => new(diagnostic.Field, diagnostic.Line, diagnostic.Column, diagnostic.Message);
}

/// <summary>RFC 9457 problem details, in Japanese, as the API answers every error.</summary>
public static class Problems
{
    /// <summary>400 with every error of the intake under <c>errors</c>, each with its field path and line.</summary>
    public static ProblemHttpResult Intake(IReadOnlyList<Diagnostic> errors) =>
        Problem(StatusCodes.Status400BadRequest, "申出に誤りがあります。",
            string.Join(" ", errors.Take(3).Select(e => string.IsNullOrEmpty(e.Field) ? e.Message : $"{e.Field}: {e.Message}")),
            errors.Select(FieldError.From).ToList());

    public static ProblemHttpResult Field(int status, string title, string field, string message) =>
        Problem(status, title, message, [new FieldError(field, 0, 0, message)]);

    /// <summary>404 for a record that does not exist or belongs to another section: the two are not told apart.</summary>
    public static ProblemHttpResult RecordNotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, "協議記録が見つかりません。", $"記録 {id} はありません。");

    public static ProblemHttpResult Problem(int status, string title, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }
        return TypedResults.Problem(problem);
    }
}
