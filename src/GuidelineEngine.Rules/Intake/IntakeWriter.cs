using System.Globalization;
using GuidelineEngine.Domain.Intake;
using YamlDotNet.RepresentationModel;

namespace GuidelineEngine.Rules.Intake;

/// <summary>Writes a case intake as a YAML case file, or as JSON, that <see cref="IntakeReader"/> reads back (fields left unknown are left out).</summary>
public static class IntakeWriter
{
    public static string ToYaml(CaseIntake intake)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(Tree(intake))).Save(writer, assignAnchors: false);
        // YamlStream ends a document with "...": not needed in a case file.
        return writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The same intake as JSON (which the reader also reads), on one line unless <paramref name="indented"/>.</summary>
    public static string ToJson(CaseIntake intake, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions
        {
            Indented = indented,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            WriteJson(json, Tree(intake));
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Quoted scalars are text; plain ones are the booleans and numbers the tree was built with.
    private static void WriteJson(System.Text.Json.Utf8JsonWriter json, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                json.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    json.WritePropertyName(((YamlScalarNode)key).Value!);
                    WriteJson(json, value);
                }
                json.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                json.WriteStartArray();
                foreach (var child in sequence.Children)
                {
                    WriteJson(json, child);
                }
                json.WriteEndArray();
                break;
            case YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.DoubleQuoted } text:
                json.WriteStringValue(text.Value);
                break;
            case YamlScalarNode plain:
                json.WriteRawValue(plain.Value!);
                break;
        }
    }

    private static YamlMappingNode Tree(CaseIntake intake)
    {
        var header = Map(
            ("id", intake.Id),
            ("date", intake.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("proposing_section", intake.ProposingSection),
            ("title", intake.Title),
            ("rules_version", intake.RulesVersion));
        return new YamlMappingNode
        {
            { "case", header },
            { "items", new YamlSequenceNode(intake.Items.Select(Item)) },
        };
    }

    // The keys in case-file order, from their declarations (IntakeFields.Layout and the fields the catalogues declare).
    private static YamlMappingNode Item(IntakeItem item) =>
        Write(item, IntakeFields.LayoutOf(item is OutsourcingItem ? IntakeItemKinds.Outsourcing : IntakeItemKinds.UseOrProvision), parent: null);

    private static YamlMappingNode Write(object holder, IReadOnlyList<IntakeKey> keys, string? parent) =>
        Map([.. keys.Where(k => k.Parent == parent).Select(k => (k.Name, k.Type switch
        {
            IntakeKeyType.Object => k.Get(holder) is null ? null : Write(holder, keys, k.Path),
            IntakeKeyType.Tasks => k.Get(holder) is IReadOnlyList<OutsourcingTask> { Count: > 0 } tasks
                ? new YamlSequenceNode(tasks.Select(t => Write(t, IntakeFields.LayoutOf(IntakeItemKinds.Task), parent: null)))
                : null,
            _ => k.Get(holder),
        }))]);

    private static YamlMappingNode Map(params (string Key, object? Value)[] fields)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in fields)
        {
            YamlNode? node = value switch
            {
                null => null,
                YamlNode yaml => yaml,
                bool b => new YamlScalarNode(b ? "true" : "false"),
                int i => new YamlScalarNode(i.ToString(CultureInfo.InvariantCulture)),
                IReadOnlyList<string> { Count: 0 } => null,
                IReadOnlyList<string> list => new YamlSequenceNode(list.Select(s => Text(s))),
                string s => Text(s),
                _ => throw new ArgumentOutOfRangeException(nameof(fields), value.GetType().Name, null),
            };
            if (node is not null)
            {
                map.Add(key, node);
            }
        }
        return map;
    }

    // Text is always quoted, so a value such as "true", "2024-05-01" or "null" stays text when read back.
    private static YamlScalarNode Text(string value) => new(value) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
}
