using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GuidelineEngine.Engine.Reporting;

namespace GuidelineEngine.Web.Api;

/// <summary>The JSON API: its serialisation, problem details, OpenAPI document and endpoint groups.</summary>
public static class ApiServices
{
    /// <summary>The largest intake accepted, in bytes (the biggest casebook case is far below it).</summary>
    public const int MaxIntakeBytes = 1024 * 1024;

    public static IServiceCollection AddGuidelineApi(this IServiceCollection services)
    {
        // The decision JSON's conventions (docs/decision-json.md) for the whole API, so the OpenAPI schema names match.
        services.ConfigureHttpJsonOptions(options =>
        {
            var json = options.SerializerOptions;
            json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            foreach (var converter in JsonReport.Options.Converters)
            {
                json.Converters.Add(converter);
            }
        });
        services.AddProblemDetails();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "GuidelineEngine API";
            document.Info.Description =
                "練馬区 個人情報利活用ガイドラインの判定と協議記録。サインインが必要です: ブラウザーは Cookie（協議記録への書き込みには " +
                "GET /api/antiforgery で得たトークンを X-CSRF-TOKEN ヘッダーで）、プログラムは POST /api/token で得たトークン（Authorization: Bearer）。" +
                "誤りはすべて RFC 9457 の problem details で返します。";
            return Task.CompletedTask;
        }).AddGuidelineSchemas());
        return services;
    }

    /// <summary>Every API group under <c>/api</c>, signed-in users only, and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
    public static IEndpointRouteBuilder MapGuidelineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapScreeningApi();
        api.MapInterviewApi();
        api.MapRecordsApi();
        api.MapAntiforgeryApi();
        api.MapTokenApi();
        app.MapOpenApi().RequireAuthorization();
        return app;
    }

    /// <summary>Reads a request body up to <see cref="MaxIntakeBytes"/>; null when it is larger.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > MaxIntakeBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
