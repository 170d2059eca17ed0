using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;

namespace GuidelineEngine.Benchmarks;

/// <summary>Compares the engine's decision with the hand-written one: case and item outcomes and fit sets.</summary>
public static class Agreement
{
    /// <summary>Null when they agree, else what differs.</summary>
    public static string? Compare(CaseIntake intake, CaseDecision engine, HandCase hand)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(hand);
        if (engine.Items.Count != hand.Items.Count)
        {
            return $"{intake.Id}: {engine.Items.Count} items vs {hand.Items.Count}";
        }
        for (var i = 0; i < hand.Items.Count; i++)
        {
            var e = engine.Items[i];
            var h = hand.Items[i];
            if (e.Outcome != h.Outcome)
            {
                return $"{intake.Id} item {i + 1}: engine {e.Outcome} ({e.DecidingRule}) vs hand {h.Outcome}";
            }
            var fits = e.Fits.Select(f => f.TaskId is null ? f.CategoryId : $"{f.CategoryId}@{f.TaskId}").Order(StringComparer.Ordinal);
            var handFits = h.Fits.Order(StringComparer.Ordinal);
            if (!fits.SequenceEqual(handFits))
            {
                return $"{intake.Id} item {i + 1}: engine fits [{string.Join(",", e.Fits.Select(f => f.CategoryId + "@" + f.TaskId))}] vs hand [{string.Join(",", h.Fits)}]";
            }
        }
        return engine.Outcome != hand.Outcome ? $"{intake.Id}: case engine {engine.Outcome} vs hand {hand.Outcome}" : null;
    }
}
