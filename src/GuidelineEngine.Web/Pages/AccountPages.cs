using GuidelineEngine.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GuidelineEngine.Web.Pages;

/// <summary>Sign-in, sign-out, the home page and the page for a refused request.</summary>
public static class AccountPages
{
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapStylesheet();
        var account = app.MapGroup("").ExcludeFromDescription();
        account.MapGet("/signin", (HttpContext context, string? returnUrl) => SignInPage(context, returnUrl, null)).AllowAnonymous();
        account.MapPost("/signin", SignIn).AllowAnonymous();
        account.MapPost("/signout", SignOut);
        account.MapGet("/denied", (HttpContext context) =>
            Layout.Page(context, "権限がありません", Html.Of($"<h1>権限がありません</h1><p id=\"denied\" class=\"error\">このページや操作は、あなたの役割では使えません。</p><p><a href=\"/\">最初のページへ</a></p>"),
                StatusCodes.Status403Forbidden));
        account.MapGet("/", Home);
        return app;
    }

    private static ContentHttpResult SignInPage(HttpContext context, string? returnUrl, string? error, string? name = null, int status = StatusCodes.Status200OK)
    {
        var message = error is null ? HtmlText.Empty : Html.Of($"<p id=\"signin-error\" class=\"errors\" role=\"alert\">{error}</p>");
        var body = Html.Of($"""
            <h1>サインイン</h1>
            {message}
            <form method="post" action="/signin" id="signin-form">
              {Layout.Token(context)}
              <input type="hidden" name="returnUrl" value="{LocalUrl(returnUrl) ?? "/"}">
              <label for="username">ユーザー名</label>
              <input type="text" id="username" name="username" value="{name ?? ""}" autocomplete="username" required autofocus>
              <label for="password">パスワード</label>
              <input type="password" id="password" name="password" autocomplete="current-password" required>
              <div class="actions"><button type="submit" id="signin">サインイン</button></div>
            </form>
            """);
        return Layout.Page(context, "サインイン", body, status);
    }

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> SignIn(HttpContext context, IFormCollection form, SignInGate gate)
    {
        var name = form["username"].ToString().Trim();
        var attempt = gate.Attempt(name, form["password"], context.Connection.RemoteIpAddress);
        if (attempt.Wait is { } wait)
        {
            return Throttled(context, form, name, wait);
        }
        if (attempt.User is not { } user)
        {
            return SignInPage(context, form["returnUrl"], "ユーザー名またはパスワードが違います。", name);
        }
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Redirect(LocalUrl(form["returnUrl"]) ?? "/");
    }

    // 429 with Retry-After; the same words whether or not the user exists, and whatever the password was.
    private static ContentHttpResult Throttled(HttpContext context, IFormCollection form, string name, TimeSpan wait)
    {
        SecurityServices.SetRetryAfter(context, wait);
        var minutes = (long)Math.Ceiling(wait.TotalMinutes);
        return SignInPage(context, form["returnUrl"],
            $"サインインの失敗が続いたため、しばらくサインインできません。{minutes} 分ほどたってから、もう一度お試しください。", name,
            StatusCodes.Status429TooManyRequests);
    }

    private static async Task<RedirectHttpResult> SignOut(HttpContext context, IFormCollection form)
    {
        _ = form; // bound so that the CSRF token is checked: nobody can be signed out by another site.
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/signin");
    }

    private static ContentHttpResult Home(HttpContext context)
    {
        var user = SignedInUser.From(context.User);
        var office = Html.If(user.IsOffice, () => Html.Of($"""
            <li><a id="home-queue" href="/records">協議の受付一覧</a> — 提出された協議を受け付け、確定します。</li>
            """));
        var body = Html.Of($"""
            <h1>{user.DisplayName} さん</h1>
            <p>所属: {user.Section}</p>
            <ul>
              <li><a id="home-interview" href="/interview">新しい判定を始める</a> — 質問に答えると、ガイドラインに当てはまるかどうかが分かります。</li>
              {office}
              <li><a id="home-records" href="/records">協議記録</a> — {(user.IsOffice ? "すべての課の協議記録" : "この課が提出した協議記録")}を見ます。</li>
            </ul>
            """);
        return Layout.Page(context, "ホーム", body);
    }

    /// <summary>A return address on this site only (an absolute or protocol-relative URL could send the user elsewhere).</summary>
    public static string? LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : null;
}
