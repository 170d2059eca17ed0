using System.Globalization;
using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Interview;
using GuidelineEngine.Rules.Casebook;

namespace GuidelineEngine.Engine.Tests.Interview;

/// <summary>
/// Helpers of the interview tests: the FY2023/FY2024 casebook, a case stripped of every answerable field, the answer a
/// case file gives to a question, and an independent check (through the public API) that a question can change the result.
/// </summary>
internal static class InterviewSupport
{
    public static readonly string[] Groups = ["nerima/fy2023", "nerima/fy2024"];

    private static readonly Lazy<IReadOnlyList<CasebookCase>> Cases = new(() =>
        CasebookReader.ReadAll(TestPaths.Casebook, Versions).Where(c => Groups.Contains(c.Group)).ToList());

    public static Interviewer TestInterviewer { get; } = new(Screener);

    public static IReadOnlyList<CasebookCase> FiscalYearCases => Cases.Value;

    /// <summary>A case by its group and file name, e.g. <c>nerima/fy2023/17-kyouiku-kyuushokuhi-hojo.yaml</c>.</summary>
    public static CasebookCase Case(string key) => FiscalYearCases.Single(c => Key(c) == key);

    public static string Key(CasebookCase casebookCase) => $"{casebookCase.Group}/{Path.GetFileName(casebookCase.File)}";

    /// <summary>
    /// What a department knows before the interview: the case header, each item's kind, file, holding section, recipient
    /// (section, kind, name), purpose in its own words, and an outsourcing's files and task descriptions. Every answerable
    /// field is dropped.
    /// </summary>
    public static CaseIntake Strip(CaseIntake intake) => intake with
    {
        Items = intake.Items.Select(item => item switch
        {
            UseOrProvisionItem use => (IntakeItem)new UseOrProvisionItem
            {
                Id = use.Id,
                File = use.File,
                HoldingSection = use.HoldingSection,
                Recipient = use.Recipient is { } r ? new Recipient { Section = r.Section, Kind = r.Kind, Name = r.Name } : null,
                Purpose = use.Purpose,
            },
            OutsourcingItem outsourcing => new OutsourcingItem
            {
                Id = outsourcing.Id,
                Files = outsourcing.Files,
                Tasks = outsourcing.Tasks.Select(t => new OutsourcingTask { Description = t.Description }).ToList(),
            },
            _ => throw new InvalidOperationException(item.GetType().Name),
        }).ToList(),
    };

    /// <summary>The answer the case file itself gives to a question, as the question takes it; null when the file leaves it out.</summary>
    public static string? SourceAnswer(CaseIntake source, InterviewQuestion question)
    {
        var item = source.Items.Select((it, i) => (it, id: it.Id ?? (i + 1).ToString(CultureInfo.InvariantCulture)))
            .Single(x => x.id == question.ItemId).it;
        var task = question.TaskId is { } t ? int.Parse(t, CultureInfo.InvariantCulture) - 1 : (int?)null;
        return SourceValue(item, question.Fact, task) switch
        {
            null => null,
            bool b => b ? "true" : "false",
            int i => i.ToString(CultureInfo.InvariantCulture),
            var value => value.ToString(),
        };
    }

    /// <summary>The value a case file gives for a fact (a task fact of the 0-based task), read from its own field; null when left out.</summary>
    public static object? SourceValue(IntakeItem item, string fact, int? taskIndex) => IntakeFields.OfFact(fact) switch
    {
        { On: IntakeItemKinds.Task } field => item is OutsourcingItem o && taskIndex is { } t && t < o.Tasks.Count ? field.Get(o.Tasks[t]) : null,
        { } field when field.Fits(item) => field.Get(item),
        _ => null,
    };

    /// <summary>
    /// Whether two different answers to the question give the item different results — another outcome, or another set of
    /// remaining questions (the question itself aside). Every choice of a bool or enum; for text or a number, a filled value
    /// against leaving it. Screens through the public API only.
    /// </summary>
    public static bool CanChangeResult(CaseIntake intake, InterviewQuestion question)
    {
        var answers = question.Type switch
        {
            FactType.Bool or FactType.Enum => question.Choices.Select(c => (string?)c.Value).ToList(),
            FactType.Number => [null, "0", "1000000"],
            // A section question is answered with a section of one organ and of another.
            _ when question.Fact is "holder.organ" or "recipient.organ" => [null, "福祉部", "教育振興部"],
            _ => [null, "回答"],
        };
        // Two different results are enough: stop there.
        var results = new HashSet<string>(StringComparer.Ordinal);
        return answers.Any(a => results.Add(Result(a is null ? intake : Interviewer.Answer(intake, question, a), question)) && results.Count >= 2);
    }

    private static string Result(CaseIntake intake, InterviewQuestion question)
    {
        var item = Screener.Screen(intake).Items.Single(i => i.ItemId == question.ItemId);
        var remaining = item.Questions
            .Where(q => q.Fact != question.Fact || q.TaskId != question.TaskId)
            .Select(q => $"{q.Fact}#{q.TaskId}")
            .Order(StringComparer.Ordinal);
        return $"{item.Outcome}: {string.Join(", ", remaining)}";
    }

    /// <summary>The intake with only the item the question is about: items are screened on their own, so this is cheaper and equal.</summary>
    public static CaseIntake OnlyItemOf(CaseIntake intake, InterviewQuestion question) => intake with
    {
        Items = intake.Items.Where((it, i) => (it.Id ?? (i + 1).ToString(CultureInfo.InvariantCulture)) == question.ItemId).ToList(),
    };
}
