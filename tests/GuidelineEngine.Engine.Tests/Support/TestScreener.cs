using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Engine.Tests;

/// <summary>The repository's real rule sets, loaded once, and the screener over them.</summary>
internal static class TestScreener
{
    private static readonly Lazy<IReadOnlyList<RuleSetDefinition>> LoadedVersions = new(() => RuleSetCatalog.Load(TestPaths.Rules).Versions);
    private static readonly Lazy<CaseScreener> SharedScreener = new(() => new CaseScreener(Versions));

    public static IReadOnlyList<RuleSetDefinition> Versions => LoadedVersions.Value;

    public static CaseScreener Screener => SharedScreener.Value;

    public static RuleSetDefinition Version(string id) => Versions.Single(v => v.Version.Id == id);

    public static CaseDecision Screen(CaseIntake intake) => Screener.Screen(intake);

    /// <summary>Screens a one-item case dated in FY2023 and returns the item's decision.</summary>
    public static ItemDecision ScreenItem(IntakeItem item) => Screen(Intakes.Case(item)).Items.Single();

    public static CaseIntake Example(string fileName) =>
        IntakeReader.ReadFile(Path.Combine(TestPaths.Casebook, "examples", fileName)).Intake;
}

/// <summary>Versions by id.</summary>
internal static class VersionIds
{
    public const string Current = "nerima/2023-04";
    public const string PreAct = "nerima/pre-2023";
}

/// <summary>Labels from the fact catalogue (facts.yaml), as the decision reports them.</summary>
/// <summary>The codes a decision stores for <c>legal.basis</c> and <c>transfer</c> (values of the facts in facts.yaml).</summary>
internal static class Provisions
{
    public const string Item2 = "item2";
    public const string Item3 = "item3";
    public const string Item4 = "item4";
    public const string Outsourcing = "outsourcing";
    public const string Use = "use";
    public const string Provision = "provision";
}

internal static class DecisionExtensions
{
    public static IEnumerable<string> FitIds(this ItemDecision item) => item.Fits.Select(f => f.CategoryId);

    public static IEnumerable<string> QuestionFacts(this ItemDecision item) => item.Questions.Select(q => q.Fact);

    public static IEnumerable<string> StepRules(this ItemDecision item) => item.Steps.Select(s => s.RuleId);
}
