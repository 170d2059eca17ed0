using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Rules.Intake;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>Intakes for the tests: casebook cases as JSON, and small hand-written ones.</summary>
public static class Intakes
{
    public static CaseIntake Casebook(string relativePath) =>
        IntakeReader.ReadFile(Path.Combine(TestPaths.Casebook, relativePath)).Intake;

    /// <summary>A casebook case as the JSON an API client would send.</summary>
    public static string CasebookJson(string relativePath) => IntakeWriter.ToJson(Casebook(relativePath));

    /// <summary>
    /// The FY2023 example of a welfare section using a school file (covered, 別表2), proposed by <paramref name="proposingSection"/>,
    /// which is also the section that uses it; <paramref name="title"/> replaces the example's title.
    /// </summary>
    public static string WelfareUse(string proposingSection = "福祉部生活福祉課", string? title = null)
    {
        var intake = Casebook("examples/fy2023-welfare-uses-school-file.yaml");
        var use = (UseOrProvisionItem)intake.Items[0];
        return IntakeWriter.ToJson(intake with
        {
            ProposingSection = proposingSection,
            Title = title ?? intake.Title,
            Items = [use with { Recipient = new Recipient { Section = proposingSection } }],
        });
    }
}
