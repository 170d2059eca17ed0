using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Web.Pages;

/// <summary>
/// The first page of the interview: the basics of a case with one item (a use or provision of one file, or one
/// outsourcing). Turned into an intake in the file format, so that the reader and checker judge it as they judge a file.
/// </summary>
public sealed record BasicsForm
{
    public const string UseKind = "use_or_provision";
    public const string OutsourcingKind = "outsourcing";
    public const string RecipientSection = "section";
    public const string RecipientOutside = "outside";

    public string Date { get; init; } = "";
    public string ProposingSection { get; init; } = "";
    public string Title { get; init; } = "";
    public string ItemKind { get; init; } = UseKind;
    public string File { get; init; } = "";
    public string HoldingSection { get; init; } = "";
    public string RecipientType { get; init; } = RecipientSection;
    public string RecipientSectionName { get; init; } = "";
    public string RecipientKind { get; init; } = "";
    public string RecipientName { get; init; } = "";
    public string Purpose { get; init; } = "";

    /// <summary>The labels of the form's fields: the page shows them, and errors speak of the fields by them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["date"] = "日付",
        ["proposing_section"] = "協議する部課",
        ["title"] = "件名（利用業務・委託業務の名前）",
        ["file"] = "個人情報ファイル",
        ["holding_section"] = "ファイルを保有する部課",
        ["recipient_section"] = "利用する部課",
        ["recipient_kind"] = "相手方の種類",
        ["recipient_name"] = "相手方の名前",
        ["purpose"] = "利用・提供の目的",
        ["files"] = "委託先が取り扱う個人情報ファイル",
        ["tasks"] = "委託する作業の内容",
    };

    /// <summary>The form's fields that take a section name, whose misspellings get the nearest registered names.</summary>
    public static readonly IReadOnlySet<string> SectionFields = new HashSet<string> { "proposing_section", "holding_section", "recipient_section" };

    /// <summary>What the user typed into <paramref name="field"/>.</summary>
    public string Value(string field) => field switch
    {
        "proposing_section" => ProposingSection,
        "holding_section" => HoldingSection,
        "recipient_section" => RecipientSectionName,
        "file" => File,
        _ => "",
    };

    /// <summary>Outsourcing: the files, one per line.</summary>
    public string Files { get; init; } = "";

    /// <summary>Outsourcing: the tasks handed to the contractor, one per line.</summary>
    public string Tasks { get; init; } = "";

    public static BasicsForm From(IFormCollection form)
    {
        string Field(string name) => form[name].ToString().Trim();
        return new BasicsForm
        {
            Date = Field("date"),
            ProposingSection = Field("proposing_section"),
            Title = Field("title"),
            ItemKind = Field("item_kind") == OutsourcingKind ? OutsourcingKind : UseKind,
            File = Field("file"),
            HoldingSection = Field("holding_section"),
            RecipientType = Field("recipient_type") == RecipientOutside ? RecipientOutside : RecipientSection,
            RecipientSectionName = Field("recipient_section"),
            RecipientKind = Field("recipient_kind"),
            RecipientName = Field("recipient_name"),
            Purpose = Field("purpose"),
            Files = form["files"].ToString(),
            Tasks = form["tasks"].ToString(),
        };
    }

    /// <summary>The intake as JSON in the file format; a field left empty is left out (unknown), never defaulted.</summary>
    public string ToIntakeJson()
    {
        var header = new JsonObject();
        Put(header, "date", Date);
        Put(header, "proposing_section", ProposingSection);
        Put(header, "title", Title);
        var item = new JsonObject { ["id"] = "1", ["kind"] = ItemKind };
        if (ItemKind == OutsourcingKind)
        {
            var files = Lines(Files);
            if (files.Count > 0)
            {
                item["files"] = new JsonArray([.. files.Select(f => (JsonNode)JsonValue.Create(f))]);
            }
            var tasks = Lines(Tasks);
            if (tasks.Count > 0)
            {
                item["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)new JsonObject { ["description"] = t })]);
            }
        }
        else
        {
            Put(item, "file", File);
            Put(item, "holding_section", HoldingSection);
            // Left out, the recipient is the proposing section itself (README, "The case intake").
            var recipient = new JsonObject();
            if (RecipientType == RecipientOutside)
            {
                Put(recipient, "kind", RecipientKind);
                Put(recipient, "name", RecipientName);
                item["recipient"] = recipient;
            }
            else if (RecipientSectionName.Length > 0)
            {
                recipient["section"] = RecipientSectionName;
                item["recipient"] = recipient;
            }
            Put(item, "purpose", Purpose);
        }
        var intake = new JsonObject { ["case"] = header, ["items"] = new JsonArray(item) };
        return intake.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The form field an intake error belongs to, so that the message stands beside it; null for the summary only.</summary>
    public static string? FieldOf(Diagnostic error) => error.Field switch
    {
        "case.date" or "case" => "date",
        "case.proposing_section" => "proposing_section",
        "case.title" => "title",
        "items[0].file" => "file",
        "items[0].holding_section" => "holding_section",
        "items[0].recipient.section" or "items[0].recipient" => "recipient_section",
        "items[0].recipient.kind" => "recipient_kind",
        "items[0].recipient.name" => "recipient_name",
        "items[0].purpose" => "purpose",
        var f when f.StartsWith("items[0].files", StringComparison.Ordinal) => "files",
        var f when f.StartsWith("items[0].tasks", StringComparison.Ordinal) => "tasks",
        _ => null,
    };

    private static List<string> Lines(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static void Put(JsonObject json, string name, string value)
    {
        if (value.Length > 0)
        {
            json[name] = value;
        }
    }
}
