using GuidelineEngine.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GuidelineEngine.Web.Api;

/// <summary>A user's name and password, for a program that signs in without the sign-in page.</summary>
public sealed record TokenRequest(string Name, string Password);

/// <summary>A bearer token: send it as <c>Authorization: Bearer …</c>; it is accepted until <see cref="ExpiresIn"/> seconds have passed.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn);

/// <summary><c>POST /api/token</c>: sign-in for programs, with the same users, roles, sections and throttle as the page.</summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/token", Token).AllowAnonymous().WithTags("security")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("サインインしてトークンを得る（プログラム用）")
            .WithDescription("name と password が正しければ、Authorization: Bearer で送るトークンを返します。役割と課の範囲はサインイン画面と同じで、" +
                "失敗が続くと同じように停止します（429、Retry-After）。トークンで送る書き込みには CSRF トークンは要りません。");
        return api;
    }

    private static Results<Ok<TokenResponse>, ProblemHttpResult> Token(
        TokenRequest request, HttpContext context, SignInGate gate, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var attempt = gate.Attempt(request.Name?.Trim() ?? "", request.Password, context.Connection.RemoteIpAddress);
        if (attempt.Wait is { } wait)
        {
            SecurityServices.SetRetryAfter(context, wait);
            return Problems.Problem(StatusCodes.Status429TooManyRequests, "しばらくサインインできません。",
                $"サインインの失敗が続いたため停止しています。{(long)Math.Ceiling(wait.TotalMinutes)} 分ほどたってから、もう一度お試しください。");
        }
        if (attempt.User is not { } user)
        {
            return Problems.Problem(StatusCodes.Status401Unauthorized, "サインインできません。", "ユーザー名またはパスワードが違います。");
        }
        // The bearer handler reads tokens made by its own protector, kept in the shared key ring: any instance accepts them.
        var options = bearer.Get(BearerTokenDefaults.AuthenticationScheme);
        var now = clock.GetUtcNow();
        var ticket = new AuthenticationTicket(user.ToPrincipal(BearerTokenDefaults.AuthenticationScheme),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration },
            BearerTokenDefaults.AuthenticationScheme);
        return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), "Bearer", (long)options.BearerTokenExpiration.TotalSeconds));
    }
}
