using System.Text.Json.Nodes;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Web.Intake;

namespace GuidelineEngine.Web.Pages;

/// <summary>
/// A submitted proposal as a labelled Japanese table for the record page and its print: each field under the basics
/// form's label or the label of its fact in the record's rule version, each coded value under that fact's label.
/// </summary>
public static class ProposalTable
{
    // Fields the form asks for itself, by the form's words; every other field is an intake fact of the catalogue.
    private static readonly IReadOnlyDictionary<string, string> FormFields = new Dictionary<string, string>
    {
        ["id"] = "事案番号",
        ["date"] = BasicsForm.Labels["date"],
        ["proposing_section"] = BasicsForm.Labels["proposing_section"],
        ["title"] = BasicsForm.Labels["title"],
        ["rules_version"] = "規則の版",
        ["file"] = BasicsForm.Labels["file"],
        ["holding_section"] = BasicsForm.Labels["holding_section"],
        ["recipient.section"] = BasicsForm.Labels["recipient_section"],
        ["recipient.name"] = BasicsForm.Labels["recipient_name"],
        ["purpose"] = BasicsForm.Labels["purpose"],
        ["files[]"] = BasicsForm.Labels["files"],
        ["tasks[].description"] = BasicsForm.Labels["tasks"],
        ["data_items[]"] = "個人情報の項目",
        ["claimed_categories[]"] = "申出された類型",
        ["statute.name"] = "法令の名前",
        ["other_law_restriction.name"] = "制限する法令の名前",
    };

    // Which fact an intake field gives (its declaration; the catalogues loaded may add fields).
    private static string? FactOf(string path) => path == "kind" ? "item.kind" : IntakeFields.OfPath(path)?.Fact;

    public static HtmlText Render(IntakeGate gate, RuleSetCatalog catalog, ConsultationRecord record)
    {
        if (gate.Read(record.Intake) is not { Document: { } document })
        {
            return Html.Of($"<p class=\"error\" id=\"record-intake\">申出を読み取れません。</p>");
        }
        var version = catalog.Versions.FirstOrDefault(v => v.Version.Id == record.VersionId);
        var json = JsonNode.Parse(IntakeWriter.ToJson(document.Intake))!.AsObject();
        var rows = new List<HtmlText>();
        if (json["case"] is JsonObject header)
        {
            Rows(rows, header, "", version);
        }
        if (json["items"] is JsonArray items)
        {
            foreach (var (item, index) in items.Select((item, index) => (item, index)))
            {
                rows.Add(Html.Of($"<tr class=\"group\"><th colspan=\"2\">項目 {document.Intake.ItemId(index)}</th></tr>"));
                Rows(rows, item!.AsObject(), "", version);
            }
        }
        return Html.Of($"<table class=\"meta\" id=\"record-intake\">{rows}</table>");
    }

    // One row per leaf, in the intake's order; a task's fields are grouped under 作業 n.
    private static void Rows(List<HtmlText> rows, JsonObject json, string prefix, RuleSetDefinition? version)
    {
        foreach (var (name, node) in json)
        {
            var path = prefix + name;
            switch (node)
            {
                case JsonObject inner:
                    Rows(rows, inner, path + ".", version);
                    break;
                case JsonArray { Count: > 0 } array when array[0] is JsonObject:
                    for (var i = 0; i < array.Count; i++)
                    {
                        rows.Add(Html.Of($"<tr class=\"subgroup\"><th colspan=\"2\">作業 {i + 1}</th></tr>"));
                        Rows(rows, array[i]!.AsObject(), path + "[].", version);
                    }
                    break;
                case JsonArray array:
                    rows.Add(Row(Label(path + "[]", version), string.Join("、", array.Select(v => Value(path + "[]", v, version)))));
                    break;
                // An item's own id is its heading already.
                case not null when !(name == "id" && json.ContainsKey("kind")):
                    rows.Add(Row(Label(path, version), Value(path, node, version)));
                    break;
            }
        }
    }

    private static HtmlText Row(string label, string value) => Html.Of($"<tr><th>{label}</th><td>{value}</td></tr>");

    private static string Label(string path, RuleSetDefinition? version) =>
        FormFields.TryGetValue(path, out var label) ? label
        : FactOf(path) is { } fact && version?.Fact(fact) is { } definition ? definition.Label
        : path;

    private static string Value(string path, JsonNode? node, RuleSetDefinition? version)
    {
        var text = node?.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.True => "はい",
            System.Text.Json.JsonValueKind.False => "いいえ",
            _ => node?.ToString() ?? "",
        };
        return FactOf(path) is { } fact && version?.Fact(fact)?.Values.FirstOrDefault(v => v.Value == text) is { } value
            ? value.Label
            : text;
    }
}
