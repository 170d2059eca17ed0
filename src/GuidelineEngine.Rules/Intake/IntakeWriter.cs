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

    private static YamlMappingNode Item(IntakeItem item)
    {
        var common = new (string, object?)[]
        {
            ("id", item.Id),
            ("data_items", item.DataItems),
            ("includes_my_number", item.IncludesMyNumber),
            ("includes_special_care", item.IncludesSpecialCare),
            ("persons", item.Persons),
            ("concerns_children", item.ConcernsChildren),
            ("concerns_dv_or_abuse_victims", item.ConcernsDvOrAbuseVictims),
            ("claimed_categories", item.ClaimedCategories),
        };
        return item switch
        {
            UseOrProvisionItem use => Map([
                .. common.Take(1), ("kind", "use_or_provision"), .. common.Skip(1),
                ("file", use.File), ("holding_section", use.HoldingSection),
                ("recipient", use.Recipient is { } r ? Map(("section", r.Section), ("kind", r.Kind), ("name", r.Name), ("outside_japan", r.OutsideJapan)) : null),
                ("purpose", use.Purpose), ("purpose_kind", use.PurposeKind), ("within_registered_purpose", use.WithinRegisteredPurpose),
                ("frequency", use.Frequency), ("statute", Law(use.Statute)), ("consent", use.Consent),
                ("consent_to_foreign_provision", use.ConsentToForeignProvision),
                ("requested_by_recipient", use.RequestedByRecipient), ("person_unable_to_express_will", use.PersonUnableToExpressWill),
                ("rights_infringement_risk", use.RightsInfringementRisk), ("other_law_restriction", Law(use.OtherLawRestriction)), .. Answers(item.Answers)]),
            OutsourcingItem outsourcing => Map([
                .. common.Take(1), ("kind", "outsourcing"), .. common.Skip(1),
                ("files", outsourcing.Files), ("contractor_kind", outsourcing.ContractorKind),
                ("tasks", outsourcing.Tasks.Count == 0 ? null : new YamlSequenceNode(outsourcing.Tasks.Select(t => Map(
                    [("kind", t.Kind), ("description", t.Description), ("place", t.Place), ("by_qualified_professionals", t.ByQualifiedProfessionals),
                        .. Answers(t.Answers)])))),
                ("subcontracting", outsourcing.Subcontracting), ("subcontracting_approved", outsourcing.SubcontractingApproved),
                ("outside_japan", outsourcing.OutsideJapan), ("standard_clauses", outsourcing.StandardClauses), .. Answers(item.Answers)]),
            _ => throw new ArgumentOutOfRangeException(nameof(item)),
        };
    }

    // The answers to fields a catalogue declares (IntakeFields), after the model's own.
    private static IEnumerable<(string, object?)> Answers(IntakeAnswers answers) => answers.Select(a => (a.Key, (object?)a.Value));

    private static YamlMappingNode? Law(LawReference? law) => law is null ? null : Map(("applies", law.Applies), ("kind", law.Kind), ("name", law.Name));

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
