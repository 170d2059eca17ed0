using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;

namespace GuidelineEngine.Engine.Screening;

/// <summary>A case that cannot be screened at all (no version for its date, an unknown version).</summary>
public sealed class ScreeningException(string message) : Exception(message);

/// <summary>
/// Screens case intakes: selects the version in force on the case date (or the one named),
/// runs one session per item, and takes the strictest item outcome for the case.
/// </summary>
public sealed class CaseScreener
{
    // A version is compiled once, when a case first needs it: a one-case run compiles only the version in force.
    private sealed record Version(RuleSetDefinition Definition, Lazy<CompiledRuleSet> Compiled)
    {
        // Why a version named by the intake, or by the caller, judges a case: the same words for every case it judges.
        public string NamedByIntake { get; } = $"申出で指定された版 {Definition.Version.Id}";
        public string NamedByCaller { get; } = $"指定された版 {Definition.Version.Id}";
    }

    private readonly IReadOnlyList<Version> _versions;

    /// <param name="versions">The rule-set versions, checked here and each compiled once, on first use.</param>
    public CaseScreener(IEnumerable<RuleSetDefinition> versions)
    {
        _versions = [.. versions.Select(v => new Version(v, new Lazy<CompiledRuleSet>(() => new CompiledRuleSet(v, JapaneseWording.Instance))))];
    }

    /// <summary>Every version, compiled.</summary>
    public IReadOnlyList<CompiledRuleSet> Versions => [.. _versions.Select(v => v.Compiled.Value)];

    /// <summary>Screens a case. <paramref name="versionId"/> overrides both the intake's version and its date.</summary>
    public CaseDecision Screen(CaseIntake intake, string? versionId = null, bool withRationale = true)
    {
        var (rules, reason) = Select(intake, versionId);
        var items = new ItemDecision[intake.Items.Count];
        // The strictest item outcome; more information is needed where there is no item at all.
        var outcome = Outcome.MoreInformationNeeded;
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new ItemScreening(rules, intake.Items[i], intake.ItemId(i), withRationale).Decide();
            outcome = i == 0 ? items[i].Outcome : Outcomes.Strictest(outcome, items[i].Outcome);
        }
        return new CaseDecision
        {
            CaseId = intake.Id,
            Title = intake.Title,
            Date = intake.Date,
            Outcome = outcome,
            VersionId = rules.Definition.Version.Id,
            VersionHash = rules.Definition.ContentHash,
            VersionReason = reason,
            ReviewBody = rules.Definition.Version.ReviewBody,
            Items = items,
        };
    }

    /// <summary>The names of a decision's codes in the version that judged it (its codes, if that version is not loaded).</summary>
    public DecisionLabels Labels(string versionId) =>
        new(_versions.FirstOrDefault(v => v.Definition.Version.Id == versionId)?.Definition);

    /// <summary>The version a case is judged by, and why.</summary>
    public (CompiledRuleSet Rules, string Reason) Select(CaseIntake intake, string? versionId = null)
    {
        var named = versionId ?? intake.RulesVersion;
        if (named is null && intake.Date is null)
        {
            throw new ScreeningException("申出に日付（case.date）がないため、適用する規則の版を決められません。");
        }
        var selected = RuleSetSelection.Select(_versions, v => v.Definition.Version, named, intake.Date);
        if (selected is null)
        {
            throw new ScreeningException(named is not null
                ? $"規則の版「{named}」はありません（ある版: {string.Join(", ", _versions.Select(v => v.Definition.Version.Id))}）。"
                : $"{intake.Date:yyyy-MM-dd} に施行されている規則の版がありません。");
        }
        var reason = named is null ? $"{intake.Date:yyyy-MM-dd} に施行中の版" : versionId is not null ? selected.NamedByCaller : selected.NamedByIntake;
        return (selected.Compiled.Value, reason);
    }
}
