using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Reporting;

/// <summary>
/// Renders decisions as JSON (schema: docs/decision-json.md): snake_case names, outcomes and rule
/// kinds as their codes, Japanese left unescaped. Byte-identical for the same decision.
/// </summary>
public static class JsonReport
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new OutcomeConverter(), new JsonStringEnumConverter<RuleKind>(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Render(CaseDecision decision) => JsonSerializer.Serialize(decision, Options);

    public static string Render(IReadOnlyList<CaseDecision> decisions) => JsonSerializer.Serialize(decisions, Options);

    private sealed class OutcomeConverter : JsonConverter<Outcome>
    {
        public override Outcome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Outcomes.TryParse(reader.GetString() ?? "", out var outcome) ? outcome : throw new JsonException($"Unknown outcome {reader.GetString()}");

        public override void Write(Utf8JsonWriter writer, Outcome value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Code());
    }
}
