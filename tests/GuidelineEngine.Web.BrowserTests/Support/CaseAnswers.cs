using System.Globalization;
using System.Text.Json.Nodes;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Intake;

namespace GuidelineEngine.Web.BrowserTests.Support;

/// <summary>Answers the interview's questions the way a department would, from what a case file says.</summary>
public static class CaseAnswers
{
    public static CaseIntake Read(string casebookPath) => IntakeReader.ReadFile(RepositoryPaths.Casebook(casebookPath)).Intake;

    /// <summary>
    /// The answer the case file gives to the question about <paramref name="fact"/> (as the form posts it: true/false, a
    /// code, text or a number), or null when the file leaves it open. <paramref name="taskId"/> is the 1-based task of an outsourcing.
    /// </summary>
    public static string? Answer(CaseIntake source, string itemId, string? taskId, string fact)
    {
        // The interview's basics page numbers its one item "1"; a one-item case file may number it otherwise.
        var index = source.Items.Count == 1
            ? 0
            : source.Items.Select((item, i) => (item, i)).Single(x => (x.item.Id ?? (x.i + 1).ToString(CultureInfo.InvariantCulture)) == itemId).i;
        if (!IntakeFacts.Fields.TryGetValue(fact, out var field))
        {
            return null;
        }
        JsonNode? node = JsonNode.Parse(IntakeWriter.ToJson(source))!["items"]![index];
        foreach (var part in field.Split('.'))
        {
            node = part == "tasks[]"
                ? node?["tasks"]?[int.Parse(taskId ?? "1", CultureInfo.InvariantCulture) - 1]
                : node?[part];
        }
        return node?.ToString();
    }

    /// <summary>The page's id for a question or a choice: every character but a letter, digit, '-' or '_' becomes '-'.</summary>
    public static string Id(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
}
