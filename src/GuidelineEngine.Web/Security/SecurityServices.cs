using GuidelineEngine.Records.Storage;
using GuidelineEngine.Web.Pages;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;

namespace GuidelineEngine.Web.Security;

/// <summary>
/// Sign-in and its boundaries: cookie authentication, every endpoint closed to anonymous requests unless it says
/// otherwise, 情報公開課's policy, CSRF tokens, and headers that keep pages from being framed or sniffed.
/// </summary>
public static class SecurityServices
{
    public const string AuthCookie = "guideline.auth";
    public const string AntiforgeryCookie = "guideline.csrf";

    public static IServiceCollection AddGuidelineSecurity(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var users = new UserDirectory(sp.GetRequiredService<IConfiguration>().GetSection("Guideline:Users").Get<List<ConfiguredUser>>() ?? []);
            if (users.Users.Count == 0)
            {
                sp.GetRequiredService<ILogger<UserDirectory>>().LogWarning("利用者が設定されていません（Guideline:Users）。誰もサインインできません。");
            }
            return users;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = AuthCookie;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/signin";
            options.LogoutPath = "/signout";
            options.AccessDeniedPath = "/denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // The API answers 401 and 403 as problem details; only pages send a browser to the sign-in page.
            options.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? WriteProblem(context.HttpContext, StatusCodes.Status401Unauthorized, "サインインしてください。", "この API はサインインした利用者だけが使えます。")
                : Redirect(context);
            options.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? WriteProblem(context.HttpContext, StatusCodes.Status403Forbidden, "権限がありません。", "この操作は情報公開課だけができます。")
                : Redirect(context);
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Office, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Office));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = AntiforgeryCookie;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.HeaderName = Api.AntiforgeryEndpoints.HeaderName;
        });
        return services;
    }

    public static WebApplication UseGuidelineSecurity(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is RecordStoreException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            ExceptionHandler = HandleException,
        });
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            // No script anywhere: pages are plain forms, and the stylesheet is the service's own.
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            await next();
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task WriteProblem(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    private static Task HandleException(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var message = error is RecordStoreException store ? store.Message : "内部エラーが起きました。時間をおいてやり直し、続くときは管理者に知らせてください。";
        if (IsApi(context.Request))
        {
            return WriteProblem(context, context.Response.StatusCode, "処理できませんでした。", message);
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(Layout.ErrorPage("エラー", message).Value);
    }
}
