using System.Security.Claims;
using GuidelineEngine.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GuidelineEngine.Web.Pages;

/// <summary>The frame of every page (Japanese, no script), its stylesheet with the A4 print rules, and the CSRF field of forms.</summary>
public static class Layout
{
    public const string SiteName = "個人情報利活用ガイドライン 判定・協議";

    /// <summary>A whole page for the signed-in user (or the sign-in page), as an HTML response.</summary>
    public static ContentHttpResult Page(HttpContext context, string title, HtmlText body, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(Document(title, Header(context), body).Value, "text/html; charset=utf-8", statusCode: status);

    /// <summary>A page that needs nobody signed in and no services (errors).</summary>
    public static HtmlText ErrorPage(string title, string message) =>
        Document(title, Html.Of($"<header class=\"site\"><a class=\"brand\" href=\"/\">{SiteName}</a></header>"),
            Html.Of($"<h1>{title}</h1><p id=\"error-message\" class=\"error\">{message}</p><p><a href=\"/\">最初のページへ</a></p>"));

    /// <summary>The hidden CSRF field every form carries (the token is tied to the signed-in user).</summary>
    public static HtmlText Token(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return Html.Of($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">");
    }

    public static SignedInUser? User(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? SignedInUser.From(context.User) : null;

    private static HtmlText Header(HttpContext context)
    {
        if (User(context) is not { } user)
        {
            return Html.Of($"<header class=\"site\"><a class=\"brand\" href=\"/\">{SiteName}</a></header>");
        }
        var records = user.IsOffice ? "協議の受付一覧" : "協議記録";
        return Html.Of($"""
            <header class="site">
              <a class="brand" id="nav-home" href="/">{SiteName}</a>
              <nav>
                <a id="nav-interview" href="/interview">新しい判定</a>
                <a id="nav-records" href="/records">{records}</a>
                <span class="who" id="current-user">{user.DisplayName}（{user.Section}）</span>
                <form method="post" action="/signout">{Token(context)}<button type="submit" id="signout" class="link">サインアウト</button></form>
              </nav>
            </header>
            """);
    }

    private static HtmlText Document(string title, HtmlText header, HtmlText body) => Html.Of($"""
        <!DOCTYPE html>
        <html lang="ja">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} — {SiteName}</title>
        <link rel="stylesheet" href="/site.css">
        </head>
        <body>
        {header}
        <main id="main">
        {body}
        </main>
        </body>
        </html>
        """);

    /// <summary>The stylesheet, open to anonymous requests so that the sign-in page is styled; it holds no data.</summary>
    public static IEndpointRouteBuilder MapStylesheet(this IEndpointRouteBuilder app)
    {
        app.MapGet("/site.css", () => TypedResults.Text(Stylesheet, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public const string Stylesheet = """
        :root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #c9c9c9; --accent: #0b4f8a; --ok: #1e6b30; --warn: #8a5300; --bad: #a3001b; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #f4f5f7; line-height: 1.7;
          font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif; }
        header.site { display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; align-items: center; justify-content: space-between;
          padding: .6rem 1.2rem; background: var(--accent); color: #fff; }
        header.site a { color: #fff; }
        header.site .brand { font-weight: bold; text-decoration: none; }
        header.site nav { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; }
        header.site form { display: inline; margin: 0; }
        button.link { background: none; border: 1px solid #fff; color: #fff; padding: .1rem .6rem; }
        main { max-width: 64rem; margin: 1.2rem auto; padding: 1rem 1.6rem 2.5rem; background: #fff; border: 1px solid #e0e0e0; }
        h1 { font-size: 1.45rem; margin: .4rem 0 1rem; }
        h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid var(--accent); }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
        fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 1rem 0; padding: .6rem 1rem 1rem; }
        legend { font-weight: bold; padding: 0 .3rem; }
        label { display: block; font-weight: 600; margin-top: .7rem; }
        label.choice { display: block; font-weight: normal; margin: .25rem 0; }
        input[type=text], input[type=date], input[type=password], input[type=number], select, textarea {
          width: 100%; max-width: 42rem; padding: .4rem .5rem; font: inherit; border: 1px solid #8a8a8a; border-radius: 3px; }
        textarea { min-height: 5rem; }
        .hint { color: var(--muted); font-size: .9rem; margin: .1rem 0 .2rem; }
        .help { background: #f5f6f8; border-left: 4px solid var(--line); padding: .4rem .8rem; font-size: .92rem; white-space: pre-line; }
        .error { color: var(--bad); font-weight: 600; }
        .errors { border: 2px solid var(--bad); background: #fff4f5; padding: .5rem 1rem; margin: 1rem 0; }
        .notice { border: 2px solid var(--ok); background: #f2fbf4; padding: .5rem 1rem; margin: 1rem 0; }
        .actions { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1.2rem 0 .4rem; align-items: center; }
        button, .button { font: inherit; padding: .45rem 1.1rem; border: 1px solid var(--accent); background: var(--accent); color: #fff;
          border-radius: 4px; cursor: pointer; text-decoration: none; display: inline-block; }
        button.secondary, .button.secondary { background: #fff; color: var(--accent); }
        button.danger { background: var(--bad); border-color: var(--bad); }
        .outcome { font-size: 1.35rem; font-weight: bold; padding: .6rem 1rem; border-left: 8px solid var(--accent); background: #eef3f9; }
        .outcome-covered, .outcome-not_out_of_purpose, .outcome-based_on_law, .outcome-consent_or_to_person { border-color: var(--ok); background: #eff8f1; }
        .outcome-needs_review, .outcome-more_information_needed { border-color: var(--warn); background: #fbf5ea; }
        .outcome-not_permitted { border-color: var(--bad); background: #fbeff1; }
        table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; }
        th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f1f2f4; font-weight: 600; }
        table.meta th { width: 11rem; }
        .item { border-top: 1px solid var(--line); margin-top: 1rem; }
        .hash, code { font-family: "Noto Sans Mono CJK JP", monospace; font-size: .85rem; word-break: break-all; }
        pre { white-space: pre-wrap; word-break: break-all; font-size: .82rem; background: #f5f6f8; padding: .6rem; }
        .muted { color: var(--muted); }
        .print-note { color: var(--muted); font-size: .9rem; }
        td form { margin: 0; }
        td.nowrap, th.nowrap { white-space: nowrap; }
        td textarea { min-height: 3rem; }
        .next-step { border: 1px solid var(--line); padding: .4rem .8rem; background: #fafafa; }
        .warning { border: 2px solid var(--warn); background: #fbf5ea; padding: .5rem 1rem; margin: 1rem 0; }
        details.details { margin: 1.2rem 0; border: 1px solid var(--line); padding: .4rem .8rem; }
        tr.group th { background: #e4e9f0; }
        tr.subgroup th { background: #f1f2f4; font-weight: normal; }
        /* Phone width: a wide table becomes one card per row, each cell under its column's name (data-label). */
        @media screen and (max-width: 40rem) {
          main { margin: 0; padding: .8rem .8rem 2rem; border: none; }
          table.stack thead { display: none; }
          table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
          table.stack tr { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 .8rem; padding: .3rem .5rem; }
          table.stack td { border: none; padding: .15rem 0; }
          table.stack td[data-label]::before { content: attr(data-label); display: block; font-size: .8rem; color: var(--muted); font-weight: 600; }
          td.nowrap { white-space: normal; }
          table.meta th, table.meta td { display: block; width: 100%; border: none; padding: .1rem .3rem; }
          table.meta tr { display: block; border-bottom: 1px solid var(--line); }
          table.meta th { background: none; color: var(--muted); font-size: .85rem; }
          .hash, code { overflow-wrap: anywhere; }
        }
        @page { size: A4; margin: 15mm 14mm 18mm; }
        @media print {
          body { background: #fff; font-size: 10pt; line-height: 1.55; }
          header.site, .no-print, form, .print-note { display: none !important; }
          main { max-width: none; margin: 0; padding: 0; border: none; }
          h2 { break-after: avoid; }
          tr, li, .item-head { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          .outcome { border: 1px solid #000; border-left: 8px solid #000; background: none; }
          pre { background: none; border: 1px solid var(--line); }
        }
        """;
}
