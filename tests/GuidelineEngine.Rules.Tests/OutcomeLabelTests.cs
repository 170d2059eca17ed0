using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Tests.Support;

namespace GuidelineEngine.Rules.Tests;

/// <summary>
/// Outcomes are stored as codes; their names are the version's (<c>outcome_labels</c> in version.yaml): the law names every
/// outcome in the base pack, a municipality renames its own, and a version that judges cases names them all.
/// </summary>
public sealed class OutcomeLabelTests
{
    [Fact]
    public void Load_Extension_KeepsTheLawsNamesAndRenamesItsOwn()
    {
        using var rules = TempRules.Copy(TempRules.Current);

        var version = rules.Load();

        version.Label(Outcome.Covered).Should().Be("ガイドライン該当（審議省略）", "Nerima's guideline names its categories");
        version.Label(Outcome.BasedOnLaw).Should().Be("法令に基づく利用・提供（法第69条第1項）", "the base pack names the law's outcome");
    }

    [Fact]
    public void Load_OldOrdinance_NamesItsOutcomesWithoutTheActsArticles()
    {
        using var rules = TempRules.Copy("nerima/pre-2023");

        var version = rules.Load();

        // Before 2023-04 the Act did not bind the ward: its article must not be cited for an old case.
        version.Label(Outcome.BasedOnLaw).Should().NotContain("法第69条");
        version.Label(Outcome.NeedsReview).Should().Contain("審議会");
    }

    [Fact]
    public void Load_UnknownOutcomeCode_FailsNamingTheFileAndField()
    {
        using var rules = TempRules.Copy(TempRules.Current);
        rules.Replace("version.yaml", "    covered: ガイドライン該当", "    coverd: ガイドライン該当");

        var error = rules.LoadFails();

        var diagnostic = error.ShouldReport(rules.PathOf("version.yaml"), "version.outcome_labels.coverd");
        diagnostic.Line.Should().Be(rules.LineOf("version.yaml", "coverd:"));
        diagnostic.Message.Should().Contain("covered");
    }

    [Fact]
    public void Load_JudgingVersionWithAnOutcomeUnnamed_FailsNamingTheOutcome()
    {
        using var rules = TempRules.Copy("nerima/pre-2023");
        rules.Replace("version.yaml", "    not_permitted: 不可\n", "");

        var error = rules.LoadFails();

        error.ShouldReport(rules.PathOf("version.yaml"), "version.outcome_labels").Message.Should().Contain("not_permitted");
    }
}
