using System.Text.Json.Nodes;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Rules.Loading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GuidelineEngine.Web.Api;

/// <summary>The type an intake body is documented by: the body is read by the intake reader, never bound to it.</summary>
public sealed class IntakeBody;

/// <summary>
/// What the generated OpenAPI document cannot see by itself: the intake format (read by hand, not bound to a type), the
/// codes that converters or views write as strings, and the two ways to sign in.
/// </summary>
public static class OpenApiSchemas
{
    public const string CookieScheme = "cookie";
    public const string BearerScheme = "bearer";

    public static OpenApiOptions AddGuidelineSchemas(this OpenApiOptions options) => options
        .AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [CookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = Security.SecurityServices.AuthCookie,
                    Description = "ブラウザー: /signin でサインインすると設定される Cookie。書き込みには GET /api/antiforgery のトークンを X-CSRF-TOKEN ヘッダーで送ってください。",
                },
                [BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer",
                    Description = $"プログラム: POST /api/token で得たトークンを Authorization: Bearer で送ってください（有効 {Security.SecurityServices.TokenLifetime.TotalMinutes:0} 分、CSRF トークンは不要）。",
                },
            };
            document.Security = [.. new[] { CookieScheme, BearerScheme }.Select(name =>
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, document)] = [] })];
            return Task.CompletedTask;
        })
        .AddOperationTransformer((operation, context, _) =>
        {
            // POST /api/token is how a program gets its token: it needs none.
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [];
            }
            return Task.CompletedTask;
        })
        .AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type == typeof(Outcome))
            {
                // Written as their codes by a converter the schema generator cannot see through.
                SetEnum(schema, Enum.GetValues<Outcome>().Select(o => o.Code()));
            }
            else if (type == typeof(IntakeBody))
            {
                Intake(schema, context.ApplicationServices.GetRequiredService<RuleSetCatalog>());
            }
            else if (type == typeof(DecisionRequest) || type == typeof(OfficeDecisionView))
            {
                SetEnum(Property(schema, "result"), OfficeCodes);
            }
            else if (type == typeof(RecordSummary) || type == typeof(RecordDetail))
            {
                SetEnum(Property(schema, "status"), Enum.GetValues<RecordStatus>().Select(RecordViews.StatusCode));
                if (type == typeof(RecordSummary))
                {
                    SetEnum(Property(schema, "office_result"), OfficeCodes);
                }
            }
            else if (type == typeof(CommitteeRequest))
            {
                // Only a code is accepted; a result shown back may still be the free text of a record made before the codes.
                SetEnum(Property(schema, "result"), Enum.GetValues<CommitteeResult>().Select(r => r.Code()));
            }
            else if (type == typeof(EntryView))
            {
                SetEnum(Property(schema, "kind"), Enum.GetValues<EntryKind>().Select(RecordViews.EntryKindCode));
            }
            return Task.CompletedTask;
        });

    private static IEnumerable<string> OfficeCodes => Enum.GetValues<OfficeResult>().Select(r => r.Code());

    private static OpenApiSchema Property(OpenApiSchema schema, string name) =>
        schema.Properties?.TryGetValue(name, out var property) == true && property is OpenApiSchema concrete
            ? concrete
            : throw new InvalidOperationException($"The schema has no property {name}.");

    private static void SetEnum(OpenApiSchema schema, IEnumerable<string> codes)
    {
        // A nullable string stays nullable: null is not one of the codes.
        schema.Type = schema.Type is { } t && t.HasFlag(JsonSchemaType.Null) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        schema.Enum = [.. codes.Select(code => (JsonNode)JsonValue.Create(code))];
    }

    // The intake format (README, "The intake"): its keys as the intake reader accepts them, and the values of the enum facts
    // as the rule versions define them, so the schema follows the rules rather than a copy of them.
    private static void Intake(OpenApiSchema schema, RuleSetCatalog catalog)
    {
        OpenApiSchema Codes(string fact, string description)
        {
            var values = catalog.Versions.SelectMany(v => v.Fact(fact)?.Values ?? []).DistinctBy(v => v.Value).ToList();
            return new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = $"{description}: {string.Join("、", values.Select(v => $"{v.Value}（{v.Label}）"))}",
                Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v.Value))],
            };
        }
        // Every key from its declaration (IntakeFields.Layout and the fields the catalogues declare): a fact's key is described
        // by the fact's label (and its codes), a structural key by its own description.
        OpenApiSchema Field(IntakeField field)
        {
            var fact = catalog.Versions.Select(v => v.Fact(field.Fact)).FirstOrDefault(f => f is not null);
            var label = fact?.Label ?? field.Path;
            return field.Type switch
            {
                IntakeFieldType.Bool => Bool(label),
                IntakeFieldType.Number => new OpenApiSchema { Type = JsonSchemaType.Integer, Description = label },
                _ when fact?.Type == FactType.Enum => Codes(field.Fact, label),
                _ => Text(label),
            };
        }
        Dictionary<string, IOpenApiSchema> Keys(IReadOnlyList<IntakeKey> keys, string? parent, string kind) =>
            keys.Where(k => k.Parent == parent).ToDictionary(k => k.Name, k => (IOpenApiSchema)(k.Type switch
            {
                IntakeKeyType.Field => Field(k.Field!),
                IntakeKeyType.ItemKind => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(kind)] },
                IntakeKeyType.Texts => Texts(k.Description!),
                IntakeKeyType.Object => Object(k.Description!, Keys(keys, k.Path, kind)),
                IntakeKeyType.Tasks => new OpenApiSchema
                {
                    Type = JsonSchemaType.Array, Description = k.Description,
                    Items = Object("作業", Keys(IntakeFields.LayoutOf(IntakeItemKinds.Task), null, kind)),
                },
                _ => Text(k.Description!),
            }));
        var use = Object("目的外利用・提供（kind: use_or_provision）",
            Keys(IntakeFields.LayoutOf(IntakeItemKinds.UseOrProvision), null, "use_or_provision"), required: ["kind"]);
        var outsourcing = Object("業務委託（kind: outsourcing）",
            Keys(IntakeFields.LayoutOf(IntakeItemKinds.Outsourcing), null, "outsourcing"), required: ["kind"]);
        schema.Type = JsonSchemaType.Object;
        schema.Description = "申出（JSON または YAML）。分からない項目は省略してください（判定が質問を返します）。";
        schema.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["case"] = Object("申出の見出し", new()
            {
                ["id"] = Text("申出の id"),
                ["date"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", Description = "判定の基準日（適用する規則の版を選ぶ）" },
                ["proposing_section"] = Text("協議する部課"),
                ["title"] = Text("業務の名前"),
                ["rules_version"] = Text("規則の版（省略時は日付で選ぶ）"),
            }),
            ["items"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { OneOf = [use, outsourcing] }, Description = "項目" },
        };
        schema.Required = new HashSet<string> { "case", "items" };
        schema.AdditionalPropertiesAllowed = false;
    }

    private static OpenApiSchema Object(string description, Dictionary<string, IOpenApiSchema> properties, string[]? required = null) => new()
    {
        Type = JsonSchemaType.Object, Description = description, Properties = properties, AdditionalPropertiesAllowed = false,
        Required = required is null ? null : new HashSet<string>(required),
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Texts(string description) => new() { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = description };

    private static OpenApiSchema Bool(string description) => new() { Type = JsonSchemaType.Boolean, Description = description };
}
