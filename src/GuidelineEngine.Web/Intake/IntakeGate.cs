using System.Text;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Interview;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Application.Screening;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Web.Intake;

/// <summary>An intake as read and checked: the document when it is sound, else every error with its field path and line.</summary>
/// <param name="Version">The rule-set version that judges it, when one could be chosen (its registries name the suggestions).</param>
public sealed record IntakeCheck(IntakeDocument? Document, IReadOnlyList<Diagnostic> Errors, RuleSetDefinition? Version = null)
{
    public bool IsValid => Document is not null && Errors.Count == 0;

    public CaseIntake Intake => Document?.Intake ?? throw new InvalidOperationException("The intake has errors.");
}

/// <summary>
/// The one way in for intakes from the web, for the API and the pages alike: read (JSON or YAML), pick the version that
/// will judge it, and check it against that version exactly as the CLI does before screening or recording.
/// </summary>
public sealed class IntakeGate(ConsultationScreening screening)
{
    /// <summary>How an intake from a request is named in errors.</summary>
    public const string SourceName = "申出";

    public CaseScreener Screener => screening.Screener;

    public IntakeCheck Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    /// <summary>Reads and checks an intake; <paramref name="json"/> when the request said it is JSON.</summary>
    public IntakeCheck Read(byte[] bytes, bool json = false)
    {
        IntakeDocument document;
        try
        {
            document = IntakeReader.ReadBytes(bytes, SourceName, json);
        }
        catch (InputException e)
        {
            return new IntakeCheck(null, e.Diagnostics);
        }
        var (rules, problems) = IntakeAdmission.Check(document, screening.Screener);
        return new IntakeCheck(document, problems, rules?.Definition);
    }

    /// <summary>The decision, with each item's precedents (類似事例).</summary>
    public CaseDecision Screen(CaseIntake intake) => screening.Screen(intake);

    /// <summary>The interview's next step, its decision with each item's precedents.</summary>
    public InterviewStep Interview(CaseIntake intake) => screening.Interview(intake);
}
