using System.Text;
using System.Text.Json;
using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Rules.Intake;

namespace GuidelineEngine.Records.Replay;

/// <summary>An outcome and the primary category of each item: what replay and impact compare.</summary>
public sealed record DecisionSummary(Outcome Outcome, IReadOnlyList<string?> Categories)
{
    public override string ToString() => $"{Outcome.Code()} [{string.Join(", ", Categories.Select(c => c ?? "-"))}]";

    public static DecisionSummary Of(CaseDecision decision) =>
        new(decision.Outcome, decision.Items.Select(i => i.Primary?.CategoryId).ToList());

    /// <summary>Reads the summary back from a decision recorded as JSON.</summary>
    public static DecisionSummary Of(string decisionJson)
    {
        using var document = JsonDocument.Parse(decisionJson);
        var root = document.RootElement;
        Outcomes.TryParse(root.GetProperty("outcome").GetString()!, out var outcome);
        var categories = root.GetProperty("items").EnumerateArray()
            .Select(i => i.TryGetProperty("primary", out var primary) ? primary.GetProperty("category_id").GetString() : null)
            .ToList();
        return new DecisionSummary(outcome, categories);
    }
}

/// <summary>A record re-screened: what was recorded, what the engine says now, and whether the rules are the same bytes.</summary>
public sealed record ReplayResult(ConsultationRecord Record, string VersionId, bool SameVersionHash, DecisionSummary Recorded, DecisionSummary Now)
{
    public bool Same => Recorded.ToString() == Now.ToString();
}

/// <summary>A case whose outcome or category would change under another version.</summary>
public sealed record ImpactItem(string Case, string Source, DecisionSummary Before, DecisionSummary After);

/// <summary>Re-screens recorded intakes: under their recorded version (replay), or under a revised one (impact).</summary>
public sealed class RecordReplay(CaseScreener screener)
{
    /// <summary>Screens the intake as submitted under the version recorded with it.</summary>
    public ReplayResult Replay(ConsultationRecord record)
    {
        var now = Screen(record, record.VersionId);
        return new ReplayResult(record, record.VersionId, now.VersionHash == record.VersionHash, DecisionSummary.Of(record.Decision), DecisionSummary.Of(now));
    }

    /// <summary>Every record, and every casebook case, whose outcome or primary categories change under <paramref name="versionId"/>.</summary>
    public IReadOnlyList<ImpactItem> Impact(IEnumerable<ConsultationRecord> records, IEnumerable<CasebookCase> cases, string versionId)
    {
        var changes = new List<ImpactItem>();
        foreach (var record in records)
        {
            var before = DecisionSummary.Of(record.Decision);
            var after = DecisionSummary.Of(Screen(record, versionId));
            if (before.ToString() != after.ToString())
            {
                changes.Add(new ImpactItem(record.Id, $"記録（{record.VersionId}）", before, after));
            }
        }
        foreach (var casebookCase in cases)
        {
            var before = DecisionSummary.Of(screener.Screen(casebookCase.Intake));
            var after = DecisionSummary.Of(screener.Screen(casebookCase.Intake, versionId));
            if (before.ToString() != after.ToString())
            {
                changes.Add(new ImpactItem(casebookCase.File, "事例集", before, after));
            }
        }
        return changes;
    }

    private CaseDecision Screen(ConsultationRecord record, string versionId) =>
        screener.Screen(IntakeReader.ReadBytes(Encoding.UTF8.GetBytes(record.Intake), record.Id).Intake, versionId);
}
