using GuidelineEngine.Domain.Model;
using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Application.Casebook;

/// <summary>One expectation of one casebook case, checked: the decision and every difference from what the source records.</summary>
public sealed record CaseCheck
{
    public required CasebookCase Case { get; init; }
    public required Expectation Expectation { get; init; }
    public CaseDecision? Decision { get; init; }
    public IReadOnlyList<string> Differences { get; init; } = [];
    public bool Agreed => Differences.Count == 0;
}

/// <summary>Screens every casebook case under each of its expectations and compares outcome and categories.</summary>
public static class CasebookRunner
{
    public static IReadOnlyList<CaseCheck> Run(CaseScreener screener, IEnumerable<CasebookCase> cases) =>
        cases.SelectMany(c => c.Expected.Select(e => Check(screener, c, e))).ToList();

    private static CaseCheck Check(CaseScreener screener, CasebookCase casebookCase, Expectation expectation)
    {
        CaseDecision decision;
        try
        {
            decision = screener.Screen(casebookCase.Intake, expectation.Version);
        }
        catch (Exception e) when (e is ScreeningException or FactConflictException)
        {
            return new CaseCheck { Case = casebookCase, Expectation = expectation, Differences = [e.Message] };
        }
        var differences = new List<string>();
        if (decision.Outcome != expectation.Outcome)
        {
            differences.Add($"結論: 期待 {expectation.Outcome.Code()}、実際 {decision.Outcome.Code()}");
        }
        foreach (var item in decision.Items)
        {
            var accepted = casebookCase.AcceptedCategories(expectation, decision.VersionId, item.ItemId);
            if (accepted.Count == 0)
            {
                continue;
            }
            // An outsourcing agrees only when every task fits an accepted category.
            var groups = item.Fits.Count == 0 ? [[]] : item.Fits.GroupBy(f => f.TaskId).Select(g => g.ToList()).ToList();
            var tasksWithoutFit = item.Misses.Where(m => m.TaskId is not null).Select(m => m.TaskId).Distinct().Count();
            if (tasksWithoutFit > 0 || groups.Any(g => !g.Any(f => accepted.Contains(f.CategoryId))))
            {
                differences.Add($"項目 {item.ItemId} の類型: 期待 [{string.Join(", ", accepted)}]、実際 [{string.Join(", ", item.Fits.Select(f => f.TaskId is null ? f.CategoryId : $"作業{f.TaskId}:{f.CategoryId}"))}]");
            }
        }
        return new CaseCheck { Case = casebookCase, Expectation = expectation, Decision = decision, Differences = differences };
    }
}
