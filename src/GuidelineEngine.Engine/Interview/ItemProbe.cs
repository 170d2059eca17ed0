using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;

namespace GuidelineEngine.Engine.Interview;

/// <summary>
/// The part of an item's screening the interview needs to try an answer: the outcome and the engine's questions (as keys
/// <c>fact</c> or <c>fact#taskId</c>), without the rationale. It runs the same session as the screening and walks the outcome
/// rule set's <see cref="MissingFacts"/> for the questions, as the screening does, but builds no decision and no text.
/// A test holds it to <c>ItemScreening</c> over the casebook.
/// </summary>
internal sealed class ItemProbe
{
    private readonly CompiledRuleSet _rules;

    public ItemProbe(CompiledRuleSet rules)
    {
        _rules = rules;
    }

    /// <summary>The key of a question: the fact, and the task for a task fact.</summary>
    public static string Key(string fact, string? taskId) => taskId is null ? fact : $"{fact}#{taskId}";

    /// <summary>Screens an item's facts (as <c>IntakeFacts.Build</c> gives them; the arrays are filled in by the session).</summary>
    public (Outcome Outcome, string[] Questions) Screen(object?[] item, List<object?[]> tasks)
    {
        var session = _rules.OpenSession(item, tasks, trace: false);
        session.Run();
        RuleDefinition? decisive = null;
        var fitted = new HashSet<int>();
        foreach (var activation in session.Activations)
        {
            if (activation.Rule.Then is ConcludeOutcome
                && (decisive is null || activation.Rule.Priority > decisive.Priority))
            {
                decisive = activation.Rule;
            }
            else if (activation.Rule.Then is ConcludeFit && activation.TaskIndex is { } t)
            {
                fitted.Add(t);
            }
        }
        if (decisive is not null)
        {
            return (((ConcludeOutcome)decisive.Then).Outcome, []);
        }

        var frame = session.Frame;
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in _rules.Missing.Find(frame))
        {
            var (fact, slot) = _rules.Layout[name];
            if (fact.Scope != FactScope.Task)
            {
                keys.Add(name);
                continue;
            }
            for (var t = 0; t < frame.Tasks.Count; t++)
            {
                if (frame.Tasks[t][slot] is null && !fitted.Contains(t))
                {
                    keys.Add(Key(name, (t + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
            if (frame.Tasks.Count == 0)
            {
                keys.Add(QuestionProfile.TasksFact);
            }
        }
        return (Outcome.MoreInformationNeeded, [.. keys]);
    }
}
