using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Engine.Interview;

/// <summary>
/// The interview: for a partial intake, the current decision and the next questions whose answers can change it.
/// <para>
/// The candidates are the engine's own questions (the unknown facts of the undetermined outcome rules, traced through
/// derivations; see <see cref="ItemDecision.Questions"/>), mapped back to intake fields (<see cref="IntakeFacts.Fields"/>).
/// A candidate is kept only if at least two of its possible answers give the item a different result: a different outcome,
/// or a different set of remaining questions. Every choice of a bool or enum is tried; text and numbers are tried with
/// representative values against leaving them unanswered (a section of each organ for a section). A follow-up
/// (<c>follows</c> in the fact catalogue: the statute's kind and name, consent to provision abroad, the approval of
/// subcontracting) is never among the engine's questions until the question it follows is answered so. The questions
/// that can end the interview come first, then those read by the outcome rules of highest priority (目的内利用, 法令,
/// 番号法 … before the categories), then catalogue order, item and task.
/// </para>
/// <para>
/// Answering the questions of one step may make others of the same step moot: call <see cref="Next"/> after each answer
/// to ask only what still matters. Thread-safe; the analysis of a version is kept for the life of the instance.
/// </para>
/// </summary>
public sealed class Interviewer(CaseScreener screener)
{
    private static readonly FactValueDefinition[] YesNo = [new("true", "はい"), new("false", "いいえ")];

    private readonly ConcurrentDictionary<CompiledRuleSet, QuestionProfile> _profiles = new();

    /// <summary>The current decision for a partial intake and the next questions whose answers can change it; none once the outcome is determined.</summary>
    /// <param name="intake">The intake as answered so far.</param>
    /// <param name="versionId">A version to judge by, overriding the intake's version and date (as for <see cref="CaseScreener.Screen"/>).</param>
    /// <exception cref="ScreeningException">No version applies to the intake.</exception>
    public InterviewStep Next(CaseIntake intake, string? versionId = null)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var decision = screener.Screen(intake, versionId);
        if (decision.Outcome != Outcome.MoreInformationNeeded)
        {
            return new InterviewStep(decision, []);
        }
        var (rules, _) = screener.Select(intake, versionId);
        var profile = _profiles.GetOrAdd(rules, r => new QuestionProfile(r));
        var screened = new Dictionary<string, (Outcome Outcome, string[] Questions)>(StringComparer.Ordinal);
        var candidates = new List<Candidate>();
        for (var i = 0; i < decision.Items.Count; i++)
        {
            var itemDecision = decision.Items[i];
            if (itemDecision.Outcome != Outcome.MoreInformationNeeded)
            {
                continue;
            }
            var item = intake.Items[i];
            var others = decision.Items.Where((_, j) => j != i).Select(d => d.Outcome).ToList();
            foreach (var engineQuestion in itemDecision.Questions)
            {
                // The engine asks for the tasks once per task fact it lacks: ask once.
                if (Ask(profile, item, itemDecision.ItemId, engineQuestion) is not { } question || candidates.Any(c => c.Question.Id == question.Id))
                {
                    continue;
                }
                var results = profile.Probes(question)
                    .Select(value => Probe(profile, item, question, value, screened))
                    .ToList();
                // It can end the interview if some answer leaves the case with a determined outcome.
                var ends = results.Any(r => others.Append(r.Outcome).Aggregate(Outcomes.Strictest) != Outcome.MoreInformationNeeded);
                var unanswered = Probe(profile, item, question, null, screened);
                candidates.Add(new Candidate(question, results, unanswered, ends, profile.Rank(question.Fact), profile.Order(question.Fact), i,
                    TaskIndex(question) ?? -1));
            }
        }
        // A question matters when two of its answers lead to different results. Only if none does — the engine's three-valued
        // logic cannot see that every answer leads to the same outcome (a tax collection fits 別表3-16 or 別表3-17 whatever the
        // contractor) — are the questions asked whose answer, whichever it is, gives another result than leaving it open.
        var kept = candidates.Where(c => c.Results.Distinct().Count() >= 2).ToList();
        if (kept.Count == 0)
        {
            kept = candidates.Where(c => c.Results.Any(r => r != c.Unanswered)).ToList();
        }
        var ordered = kept
            .OrderByDescending(k => k.Ends)
            .ThenByDescending(k => k.Rank)
            .ThenBy(k => k.Order)
            .ThenBy(k => k.Item)
            .ThenBy(k => k.Task)
            .Select(k => k.Question)
            .ToList();
        return new InterviewStep(decision, ordered);
    }

    /// <summary>The intake with one answer applied.</summary>
    /// <param name="intake">The intake the question was asked about.</param>
    /// <param name="question">The question, as <see cref="Next"/> returned it.</param>
    /// <param name="value">An enum code (or its Japanese label), <c>true</c>/<c>false</c> (or はい/いいえ), a whole number, or text:
    /// a section name for a section question, and for <c>tasks</c> (an outsourcing with no task yet) the task's description,
    /// which adds the task.</param>
    /// <exception cref="ArgumentException">The value is not one the question accepts, or the question's item or task is not in the intake (Japanese message).</exception>
    public static CaseIntake Answer(CaseIntake intake, InterviewQuestion question, string value)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(value);
        var index = -1;
        for (var i = 0; i < intake.Items.Count; i++)
        {
            if (intake.ItemId(i) == question.ItemId)
            {
                index = i;
                break;
            }
        }
        if (index < 0)
        {
            throw new ArgumentException($"申出に項目「{question.ItemId}」がありません（質問 {question.Id}）。", nameof(question));
        }
        var items = intake.Items.ToList();
        items[index] = Apply(items[index], question, Parse(question, value));
        return intake with { Items = items };
    }

    // The engine's question as the interview asks it, or null when no intake field answers it (item.kind, file.special_care)
    // or it is a follow-up whose question is not answered so yet (the statute's name before a statute is said to apply).
    private static InterviewQuestion? Ask(QuestionProfile profile, IntakeItem item, string itemId, Question engine)
    {
        if (engine.Fact == QuestionProfile.TasksFact)
        {
            return item is OutsourcingItem
                ? new InterviewQuestion($"{itemId}/{QuestionProfile.TasksFact}", itemId, null, QuestionProfile.TasksFact, engine.Text,
                    profile.Help(QuestionProfile.TasksFact), FactType.Text, [])
                : null;
        }
        if (!IntakeFacts.Fields.ContainsKey(engine.Fact) || !profile.Rules.Layout.Contains(engine.Fact))
        {
            return null;
        }
        var fact = profile.Rules.Layout.Definition(engine.Fact);
        IReadOnlyList<FactValueDefinition> choices = fact.Type switch
        {
            FactType.Bool => YesNo,
            FactType.Enum => fact.Values,
            _ => [],
        };
        var text = fact.Question ?? fact.Label;
        string id;
        if (engine.TaskId is { } taskId)
        {
            var task = ((OutsourcingItem)item).Tasks[int.Parse(taskId, CultureInfo.InvariantCulture) - 1];
            text = string.IsNullOrWhiteSpace(task.Description) ? $"作業{taskId}: {text}" : $"作業{taskId}「{task.Description}」: {text}";
            id = $"{itemId}/{taskId}/{fact.Name}";
        }
        else
        {
            id = $"{itemId}/{fact.Name}";
        }
        return new InterviewQuestion(id, itemId, engine.TaskId, fact.Name, text, profile.Help(fact.Name), fact.Type, choices);
    }

    // What an answer leads to for the item: its outcome and the questions that would remain (other than this one).
    // The item is screened on the facts it gives, so items (or answers) that give the same facts are screened once per step;
    // the probe gives what the screening would (outcome and questions) without the rationale.
    private static ProbeResult Probe(QuestionProfile profile, IntakeItem item, InterviewQuestion question, object? value,
        Dictionary<string, (Outcome Outcome, string[] Questions)> screened)
    {
        var probed = value is null ? item : Apply(item, question, value);
        var facts = IntakeFacts.Build(profile.Rules, probed);
        var key = FactsKey(facts);
        if (!screened.TryGetValue(key, out var result))
        {
            result = profile.Probe.Screen(facts.Item, facts.Tasks);
            screened[key] = result;
        }
        var own = ItemProbe.Key(question.Fact, question.TaskId);
        return new ProbeResult(result.Outcome, string.Join('|', result.Questions.Where(k => k != own)));
    }

    private static string FactsKey((object?[] Item, List<object?[]> Tasks) facts)
    {
        var key = new StringBuilder();
        foreach (var frame in facts.Tasks.Prepend(facts.Item))
        {
            foreach (var value in frame)
            {
                key.Append(value switch
                {
                    null => "-",
                    bool b => b ? "T" : "F",
                    IFormattable f => "#" + f.ToString(null, CultureInfo.InvariantCulture),
                    _ => "'" + value,
                }).Append('\u001f');
            }
            key.Append('\u001e');
        }
        return key.ToString();
    }

    private static IntakeItem Apply(IntakeItem item, InterviewQuestion question, object value)
    {
        if (question.Fact == QuestionProfile.TasksFact)
        {
            return item is OutsourcingItem outsourcing
                ? outsourcing with { Tasks = [.. outsourcing.Tasks, new OutsourcingTask { Description = (string)value }] }
                : throw new ArgumentException($"項目「{question.ItemId}」は業務の委託ではないため、委託する作業を加えられません。", nameof(question));
        }
        return IntakeFacts.With(item, question.Fact, value, TaskIndex(question));
    }

    private static int? TaskIndex(InterviewQuestion question) =>
        question.TaskId is null ? null
        : int.TryParse(question.TaskId, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t >= 1 ? t - 1
        : throw new ArgumentException($"質問 {question.Id} の作業番号「{question.TaskId}」が正しくありません。", nameof(question));

    private static object Parse(InterviewQuestion question, string value)
    {
        var answer = value.Trim();
        switch (question.Type)
        {
            case FactType.Bool:
                if (answer.Equals("true", StringComparison.OrdinalIgnoreCase) || answer == "はい")
                {
                    return true;
                }
                if (answer.Equals("false", StringComparison.OrdinalIgnoreCase) || answer == "いいえ")
                {
                    return false;
                }
                throw new ArgumentException($"「{question.Text}」には「はい」（true）か「いいえ」（false）で答えてください（回答: 「{value}」）。", nameof(value));
            case FactType.Enum:
                var choice = question.Choices.FirstOrDefault(c => c.Value == answer) ?? question.Choices.FirstOrDefault(c => c.Label == answer);
                return choice?.Value ?? throw new ArgumentException(
                    $"「{value}」は「{question.Text}」の選択肢にありません。選べる値: {string.Join("、", question.Choices.Select(c => $"{c.Value}（{c.Label}）"))}",
                    nameof(value));
            case FactType.Number:
                var digits = answer.Normalize(NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal);
                return int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= 0
                    ? number
                    : throw new ArgumentException($"「{question.Text}」には0以上の整数で答えてください（回答: 「{value}」）。", nameof(value));
            case FactType.Text:
                return answer.Length > 0 ? answer : throw new ArgumentException($"「{question.Text}」への回答が空です。", nameof(value));
            default:
                throw new ArgumentException($"質問 {question.Id}（{question.Type}）には、この方法では答えられません。", nameof(question));
        }
    }

    private readonly record struct ProbeResult(Outcome Outcome, string Remaining);

    private sealed record Candidate(
        InterviewQuestion Question, List<ProbeResult> Results, ProbeResult Unanswered, bool Ends, int Rank, int Order, int Item, int Task);
}
