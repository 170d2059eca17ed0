using GuidelineEngine.Application.Precedents;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Engine.Interview;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Application.Screening;

/// <summary>
/// Screening as the front ends offer it (the command line, the web service, the ledger): the engine's decision, and for
/// each item the most similar past cases (類似事例) when a casebook is at hand. The engine screens only; precedents are
/// this layer's.
/// </summary>
public sealed class ConsultationScreening
{
    private readonly PrecedentIndex? _precedents;
    private readonly Lazy<Interviewer> _interviewer;

    /// <param name="screener">The engine's screener.</param>
    /// <param name="precedents">Past cases to list as 類似事例; none without a casebook.</param>
    public ConsultationScreening(CaseScreener screener, PrecedentIndex? precedents = null)
    {
        ArgumentNullException.ThrowIfNull(screener);
        Screener = screener;
        _precedents = precedents;
        _interviewer = new Lazy<Interviewer>(() => new Interviewer(screener));
    }

    /// <summary>The engine's screener: version selection and admission (<c>IntakeAdmission</c>), replay.</summary>
    public CaseScreener Screener { get; }

    /// <summary>Screens a case (as <see cref="CaseScreener.Screen"/>) and lists each item's precedents.</summary>
    public CaseDecision Screen(CaseIntake intake, string? versionId = null, bool withRationale = true) =>
        WithPrecedents(intake, Screener.Screen(intake, versionId, withRationale));

    /// <summary>The interview's next step (as <see cref="Interviewer.Next"/>), its decision with each item's precedents.</summary>
    public InterviewStep Interview(CaseIntake intake, string? versionId = null)
    {
        var step = _interviewer.Value.Next(intake, versionId);
        return step with { Decision = WithPrecedents(intake, step.Decision) };
    }

    /// <summary>The names of a decision's codes in the version that judged it.</summary>
    public DecisionLabels Labels(string versionId) => Screener.Labels(versionId);

    private CaseDecision WithPrecedents(CaseIntake intake, CaseDecision decision) =>
        _precedents is null
            ? decision
            : decision with { Items = [.. decision.Items.Select((item, i) => item with { Precedents = _precedents.Find(intake, intake.Items[i]) })] };
}
