using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GuidelineEngine.Web.Api;

/// <summary>The CSRF token an API client sends (header <c>X-CSRF-TOKEN</c>) with every write to the records.</summary>
public sealed record AntiforgeryToken(string HeaderName, string RequestToken);

/// <summary><c>/api/antiforgery</c>, and the filter that checks the token on the API's writes.</summary>
public static class AntiforgeryEndpoints
{
    public static IEndpointRouteBuilder MapAntiforgeryApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/antiforgery").WithTags("security");
        group.MapGet("", Token)
            .WithSummary("CSRF トークンを得る")
            .WithDescription("サインインした利用者のトークンを返し、対になる Cookie を設定します。協議記録への書き込みでは、このトークンを X-CSRF-TOKEN ヘッダーで送ってください。");
        return api;
    }

    /// <summary>Refuses a write that a signed-in browser could have been tricked into sending: the token must come with it.</summary>
    public static RouteHandlerBuilder RequireAntiforgeryHeader(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
            if (!Security.SecurityServices.ByBearerToken(context.HttpContext) && !await antiforgery.IsRequestValidAsync(context.HttpContext))
            {
                return Problems.Problem(StatusCodes.Status400BadRequest, "CSRF トークンがないか、正しくありません。",
                    $"GET /api/antiforgery で得たトークンを {Security.SecurityServices.CsrfHeaderName} ヘッダーで送ってください。");
            }
            return await next(context);
        }).ProducesProblem(StatusCodes.Status400BadRequest);

    private static Ok<AntiforgeryToken> Token(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryToken(tokens.HeaderName ?? Security.SecurityServices.CsrfHeaderName, tokens.RequestToken!));
    }
}
