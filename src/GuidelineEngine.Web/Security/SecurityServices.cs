using GuidelineEngine.Records.Storage;
using System.Net;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using KestrelServerOptions = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions;

namespace GuidelineEngine.Web.Security;

/// <summary>
/// Sign-in and its boundaries: cookie authentication, every endpoint closed to anonymous requests unless it says
/// otherwise, 情報公開課's policy, CSRF tokens, and headers that keep pages from being framed or sniffed.
/// </summary>
public static class SecurityServices
{
    public const string AuthCookie = "guideline.auth";

    /// <summary>The header a program sends the CSRF token in (the API's <c>/api/antiforgery</c> hands it out).</summary>
    public const string CsrfHeaderName = "X-CSRF-TOKEN";
    public const string AntiforgeryCookie = "guideline.csrf";

    /// <summary>Picks the bearer token when the request carries one (a program), the cookie otherwise (a browser).</summary>
    public const string CookieOrBearer = "cookie-or-bearer";

    /// <summary>The addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public const string KnownProxiesSetting = "Guideline:ReverseProxy:KnownProxies";

    public static IServiceCollection AddGuidelineSecurity(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<IRecordStore>();
            var users = new UserDirectory(UserSettings.Read(sp.GetRequiredService<IConfiguration>()), store);
            if (users.Users.Count == 0 && store.ReadUsers().Count == 0)
            {
                sp.GetRequiredService<ILogger<UserDirectory>>().LogWarning(
                    "利用者が設定されていません（Guideline:Users にも記録簿にもありません）。誰もサインインできません。guideline users add で作ってください。");
            }
            return users;
        });
        services.AddSingleton(sp => SignInThrottleOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignInGate>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: the defaults would believe any loopback sender, and a client could name its own address.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in KnownProxies(configuration))
            {
                options.KnownProxies.Add(proxy);
            }
        });
        services.AddSingleton(sp => RequestLimits.From(sp.GetRequiredService<IConfiguration>()));
        services.AddOptions<KestrelServerOptions>().Configure<RequestLimits>((kestrel, limits) =>
        {
            limits.ApplyTo(kestrel.Limits);
            kestrel.AddServerHeader = false; // no product name for a scanner to match
        });
        services.AddAuthentication(CookieOrBearer)
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddBearerToken(options => options.BearerTokenExpiration = TokenLifetime)
            .AddCookie(options =>
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
            options.HeaderName = CsrfHeaderName;
        });
        return services;
    }

    /// <summary>How long a token from <c>POST /api/token</c> is accepted; then the program signs in again.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    /// <param name="app">The application.</param>
    /// <param name="errorPage">The page (title, message → HTML) that answers an error outside the API: the pages' layout, which
    /// itself reads the signed-in user, so security takes it as given rather than knowing the pages.</param>
    public static WebApplication UseGuidelineSecurity(this WebApplication app, Func<string, string, string> errorPage)
    {
        // First, so that the throttle, the log and the cookies' Secure flag see the client's address and scheme, not the proxy's.
        if (KnownProxies(app.Configuration).Count > 0)
        {
            app.UseForwardedHeaders();
        }
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e switch
            {
                RecordStoreException => StatusCodes.Status503ServiceUnavailable,
                // Kestrel's refusals while the body is read: too large (413), too slow (408), malformed (400).
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
            ExceptionHandler = context => HandleException(context, errorPage),
            // The client's fault, not the service's: no error in the log for each one.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        // An error answered without a body (by routing, the parameter binding, the CSRF check) still says what happened.
        app.UseStatusCodePages(context => WriteError(context.HttpContext, Describe(context.HttpContext, context.HttpContext.Response.StatusCode), errorPage));
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
        app.Use(ReadFormFirst);
        app.UseAntiforgery();
        return app;
    }

    // A page's form is read here, once, so that a body too large (413), too slow (408) or malformed (400) is answered as
    // such; read later, by the CSRF check or the parameter binding, it would be an empty 400. Only once the user may post it.
    private static async Task ReadFormFirst(HttpContext context, RequestDelegate next)
    {
        if (!IsApi(context.Request) && context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                // Too many fields, or a field name too long (FormOptions).
                throw new BadHttpRequestException(e.Message, StatusCodes.Status400BadRequest, e);
            }
        }
        await next(context);
    }

    /// <summary>The request was signed in by a bearer token, which a browser never sends by itself: no CSRF to guard against.</summary>
    public static bool ByBearerToken(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: BearerTokenDefaults.AuthenticationScheme };

    /// <summary>Retry-After in whole seconds, for a sign-in refused by the throttle.</summary>
    public static void SetRetryAfter(HttpContext context, TimeSpan wait) =>
        context.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<IPAddress> KnownProxies(IConfiguration configuration) =>
        [.. (configuration.GetSection(KnownProxiesSetting).Get<string[]>() ?? []).Select(address => IPAddress.TryParse(address, out var ip)
            ? ip
            : throw new InvalidOperationException($"{KnownProxiesSetting}: 「{address}」は IP アドレスではありません。"))];

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

    private static Task HandleException(HttpContext context, Func<string, string, string> errorPage)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        return WriteError(context, error is RecordStoreException store
            ? ("処理できませんでした。", store.Message)
            : Describe(context, context.Response.StatusCode), errorPage);
    }

    // The title and message of an error answer, in Japanese, by its status.
    private static (string Title, string Message) Describe(HttpContext context, int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("リクエストが正しくありません。", "送られた内容を読み取れませんでした。"),
        StatusCodes.Status404NotFound => ("見つかりません。", "このアドレスには何もありません。"),
        StatusCodes.Status405MethodNotAllowed => ("この方法では使えません。", "このアドレスは、この HTTP メソッドでは使えません。"),
        StatusCodes.Status408RequestTimeout => ("送信が遅すぎます。", "送信に時間がかかりすぎたため、打ち切りました。通信の状態を確かめて、もう一度送ってください。"),
        StatusCodes.Status413PayloadTooLarge => ("送られた内容が大きすぎます。",
            $"1 回に送れるのは {context.RequestServices.GetRequiredService<RequestLimits>().MaxRequestBodyBytes:N0} バイトまでです。"),
        StatusCodes.Status415UnsupportedMediaType => ("この形式は受け付けられません。", "送られた内容の形式（Content-Type）は、このアドレスでは使えません。"),
        < 500 => ("リクエストを処理できませんでした。", "送られた内容を確かめてください。"),
        _ => ("処理できませんでした。", "内部エラーが起きました。時間をおいてやり直し、続くときは管理者に知らせてください。"),
    };

    // Problem details for the API, a page otherwise.
    private static Task WriteError(HttpContext context, (string Title, string Message) error, Func<string, string, string> errorPage)
    {
        if (IsApi(context.Request))
        {
            return WriteProblem(context, context.Response.StatusCode, error.Title, error.Message);
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(errorPage(error.Title.TrimEnd('。'), error.Message));
    }
}
