using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Domain.Decisions;

/// <summary>
/// The names staff read for a decision's codes (outcome, transfer, 号), from the version that judged it: decisions and records
/// store codes. A decision of a version no longer at hand shows its codes; one stored before codes holds the label itself,
/// which passes through unchanged.
/// </summary>
public sealed class DecisionLabels(RuleSetDefinition? version)
{
    public string Outcome(Outcome outcome) => version?.Label(outcome) ?? outcome.Code();

    public string? Transfer(ItemDecision item) => Value("transfer", item.Transfer);

    public string? Provision(ItemDecision item) => Value("legal.basis", item.Provision);

    private string? Value(string fact, string? code) =>
        code is null ? null : version?.Fact(fact)?.LabelOf(code) ?? code;
}
