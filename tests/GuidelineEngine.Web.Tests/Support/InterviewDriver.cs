using GuidelineEngine.Rules.Intake;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>Answers the interview pages the way a department would, from what a case file says.</summary>
public static partial class InterviewDriver
{
    /// <summary>One question on a step page, as its fieldset describes it.</summary>
    public sealed record PageQuestion(string Id, string Fact, string ItemId, string? TaskId);

    public static IReadOnlyList<PageQuestion> Questions(string page) =>
        [.. QuestionSet().Matches(page).Select(m => new PageQuestion(
            WebUtility.HtmlDecode(m.Groups["id"].Value), m.Groups["fact"].Value, WebUtility.HtmlDecode(m.Groups["item"].Value),
            m.Groups["task"].Value.Length == 0 ? null : m.Groups["task"].Value))];

    /// <summary>The answer the case file gives (as the form posts it), or null when the file leaves it open.</summary>
    public static string? Answer(CaseIntake source, PageQuestion question)
    {
        // The interview's basics page numbers its one item "1"; a one-item case file may number it otherwise.
        var index = source.Items.Count == 1
            ? 0
            : source.Items.Select((item, i) => (item, i)).Single(x => (x.item.Id ?? (x.i + 1).ToString(CultureInfo.InvariantCulture)) == question.ItemId).i;
        var item = JsonNode.Parse(IntakeWriter.ToJson(source))!["items"]![index]!;
        if (!IntakeFacts.Fields.TryGetValue(question.Fact, out var field))
        {
            return null;
        }
        JsonNode? node = item;
        foreach (var part in field.Split('.'))
        {
            node = part == "tasks[]"
                ? node?["tasks"]?[int.Parse(question.TaskId!, CultureInfo.InvariantCulture) - 1]
                : node?[part];
        }
        return node?.ToString();
    }

    [GeneratedRegex("<fieldset class=\"question\" id=\"[^\"]*\" data-question=\"(?<id>[^\"]*)\" data-fact=\"(?<fact>[^\"]*)\" data-item=\"(?<item>[^\"]*)\" data-task=\"(?<task>[^\"]*)\"")]
    private static partial Regex QuestionSet();
}
