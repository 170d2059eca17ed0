using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GuidelineEngine.Domain.Intake;

namespace GuidelineEngine.Application.Replay;

/// <summary>
/// A case intake as compact JSON, the form the derived table keeps (<see cref="Records.Model.DerivedSubmission.Intake"/>): the
/// <see cref="CaseIntake"/> model itself, written and read by System.Text.Json with source-generated metadata (no
/// reflection per call), so that reading it back costs a few microseconds where re-reading the YAML costs hundreds.
/// Fields left unknown are left out; an item says its kind first, as in a case file.
/// </summary>
public static class CompactIntake
{
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = CompactIntakeContext.Default.WithAddedModifier(ItemKinds),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A key the model does not have is an error, not ignored, and so is null where the model has no null (a list):
        // an edited row must not read as some other intake, nor as one the engine cannot take.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        // Japanese text as UTF-8, not \u escapes (a third of the size).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly AnswersConverter Answers = new();

    private static readonly JsonTypeInfo<CaseIntake> Info = (JsonTypeInfo<CaseIntake>)Options.GetTypeInfo(typeof(CaseIntake));

    /// <summary>A list of category ids (null where none fits), written as the intake is: what the derived row keeps of a decision.</summary>
    internal static readonly JsonTypeInfo<List<string?>> Categories = (JsonTypeInfo<List<string?>>)Options.GetTypeInfo(typeof(List<string?>));

    public static string Encode(CaseIntake intake) => JsonSerializer.Serialize(intake, Info);

    /// <summary>Reads an intake back from its UTF-8 bytes.</summary>
    /// <exception cref="JsonException">Not an intake in this form.</exception>
    public static CaseIntake Decode(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, Info) ?? throw new JsonException("null is not an intake.");
        }
        catch (NotSupportedException e)
        {
            // An item without its kind, or with one that is none of the two.
            throw new JsonException(e.Message, e);
        }
    }

    // The domain model knows nothing of JSON: the two kinds of item are named here, as the case file names them. A list is
    // always written ([] when empty) and so required: the model's init-only properties are read through their initializer,
    // where one left out would be null rather than its default [].
    private static void ItemKinds(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                property.IsRequired = true;
            }
            // Answers to catalogue-declared fields are written only when there are some, so rows stored before them read the same.
            if (property.PropertyType == typeof(IntakeAnswers))
            {
                property.CustomConverter = Answers;
                property.ShouldSerialize = static (_, answers) => answers is IntakeAnswers { Count: > 0 };
            }
        }
        if (info.Type == typeof(IntakeItem))
        {
            info.PolymorphismOptions = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = "kind",
                UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
                DerivedTypes =
                {
                    new JsonDerivedType(typeof(UseOrProvisionItem), "use_or_provision"),
                    new JsonDerivedType(typeof(OutsourcingItem), "outsourcing"),
                },
            };
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseIntake))]
[JsonSerializable(typeof(UseOrProvisionItem))]
[JsonSerializable(typeof(OutsourcingItem))]
[JsonSerializable(typeof(List<string?>))]
internal sealed partial class CompactIntakeContext : JsonSerializerContext;

/// <summary>An item's answers to catalogue-declared fields as a JSON object of yes/no, whole-number and text values.</summary>
internal sealed class AnswersConverter : JsonConverter<IntakeAnswers>
{
    public override IntakeAnswers Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("answers is not an object.");
        }
        var answers = IntakeAnswers.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            answers = answers.With(key, reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.Number => reader.GetInt32(),
                JsonTokenType.String => reader.GetString(),
                _ => throw new JsonException($"answers.{key} is not a yes/no, a whole number or text."),
            });
        }
        return answers;
    }

    public override void Write(Utf8JsonWriter writer, IntakeAnswers value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, answer) in value)
        {
            writer.WritePropertyName(key);
            switch (answer)
            {
                case bool b: writer.WriteBooleanValue(b); break;
                case int i: writer.WriteNumberValue(i); break;
                default: writer.WriteStringValue((string)answer); break;
            }
        }
        writer.WriteEndObject();
    }
}
