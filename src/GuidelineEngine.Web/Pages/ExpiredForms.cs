using Microsoft.AspNetCore.Antiforgery;

namespace GuidelineEngine.Web.Pages;

/// <summary>
/// A page form whose CSRF token no longer holds (the page stayed open too long, the browser was restarted, the keys
/// changed): instead of a bare 400, the page again with what was typed, a fresh token and a word on what happened.
/// </summary>
public static class ExpiredForms
{
    public const string Message = "ページの有効期限が切れたため、送信を受け付けませんでした。入力した内容は残してあります。確かめて、もう一度送ってください（直らないときはページを再読み込みしてください）。";

    /// <summary>Checks the token here rather than in the form binding, and answers a failure with <paramref name="render"/>.</summary>
    public static RouteHandlerBuilder OnExpiredForm(this RouteHandlerBuilder endpoint, Func<HttpContext, IFormCollection, IResult> render) =>
        endpoint.DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                return await next(context);
            }
            return render(http, await http.Request.ReadFormAsync(http.RequestAborted));
        });
}
