using GuidelineEngine.Application.Casebook;
using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Casebook;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Application.Tests.Casebook;

/// <summary>The casebook run against the engine: every expectation agrees, the published splits, and the coverage of the categories.</summary>
public sealed class CasebookRunnerTests
{
    private static readonly RuleSetCatalog Catalog = RuleSetCatalog.Load(TestPaths.Rules);
    private static readonly IReadOnlyList<CasebookCase> Cases = CasebookReader.ReadAll(TestPaths.Casebook, Catalog.Versions);
    private static readonly Lazy<IReadOnlyList<CaseCheck>> Checks = new(() => CasebookRunner.Run(new CaseScreener(Catalog.Versions), Cases));

    [Fact]
    public void Fy2024_EnginesUseProvisionSplit_MatchesThePublished27And16()
    {
        var items = Checks.Value
            .Where(c => c.Case.Group == "nerima/fy2024")
            .SelectMany(c => c.Decision!.Items)
            .Where(i => i.Transfer != "outsourcing")
            .ToList();

        items.Count(i => i.Provision == "item2").Should().Be(27);
        items.Count(i => i.Provision is "item3" or "item4").Should().Be(16);
    }

    [Fact]
    public void Casebook_EveryCase_AgreesWithWhatItsSourceRecords()
    {
        var disagreements = Checks.Value.Where(c => !c.Agreed).Select(c => $"{c.Case.File}: {string.Join("; ", c.Differences)}");

        disagreements.Should().BeEmpty();
    }

    [Fact]
    public void Casebook_2009Cases_AreJudgedUnderBothVersions()
    {
        var checks = Checks.Value.Where(c => c.Case.Group == "nerima/2009").ToList();

        checks.Select(c => c.Case.File).Distinct().Should().HaveCount(3);
        checks.Select(c => c.Decision!.VersionId).Distinct().Should().BeEquivalentTo(["nerima/pre-2023", "nerima/2023-04"]);
    }

    [Fact]
    public void Casebook_EveryCategoryOfTheCurrentVersion_HasACoveringCaseAndANearMiss()
    {
        var coverage = CasebookCoverage.Compute(Catalog.Versions.Single(v => v.Version.Id == "nerima/2023-04"), Checks.Value);

        coverage.Categories.Should().HaveCount(35);
        coverage.Categories.Where(c => c.Covering.Count == 0).Select(c => c.Category.Id).Should().BeEmpty("every category needs a covering case");
        coverage.Categories.Where(c => c.NearMisses.Count == 0).Select(c => c.Category.Id).Should().BeEmpty("every category needs a near miss");
    }
}
