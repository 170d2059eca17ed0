using System.Diagnostics;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Tests.Support;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Tests.Corpus;

/// <summary>
/// The bad-input corpus (tests/corpus/manifest.yaml) through the library: intakes through the reader and the checker against
/// the version in force on their date, rule sets through the loader. Each gives exactly the manifest's errors, in order.
/// </summary>
public sealed class LoaderCorpusTests(ShippedCatalog shipped) : IClassFixture<ShippedCatalog>
{
    public static TheoryData<string> Intakes => [.. BadInputCorpus.Ids("intake", BadInputCorpus.Loader)];

    public static TheoryData<string> RuleSets => [.. BadInputCorpus.Ids("rules", BadInputCorpus.Loader)];

    [Theory]
    [MemberData(nameof(Intakes))]
    public void Intake_ReadAndChecked_GivesExactlyTheManifestsErrors(string id)
    {
        // Arrange
        var entry = BadInputCorpus.Get(id);
        using var folder = new TempFolder();
        var path = entry.WriteIntake(folder.Path);
        var expected = entry.ExpectedErrors(BadInputCorpus.Loader, folder.Path).Select(e => e.AsDiagnostic);

        // Act
        var (errors, measure) = Measured(() => Diagnose(path));

        // Assert
        errors.Should().Equal(expected, "{0} ({1}) should give exactly the manifest's errors; it gave:{2}{3}",
            id, entry.What, Environment.NewLine, string.Join(Environment.NewLine, errors));
        measure.ShouldBeWithinBounds(entry);
    }

    [Theory]
    [MemberData(nameof(RuleSets))]
    public void RuleSet_Loaded_GivesExactlyTheManifestsErrors(string id)
    {
        // Arrange
        var entry = BadInputCorpus.Get(id);
        using var folder = new TempFolder();
        var version = entry.WriteRules(folder.Path);
        var expected = entry.ExpectedErrors(BadInputCorpus.Loader, version).Select(e => e.AsDiagnostic);

        // Act
        var (errors, measure) = Measured(() => LoadErrors(folder.Path));

        // Assert
        errors.Should().Equal(expected, "{0} ({1}) should give exactly the manifest's errors; it gave:{2}{3}",
            id, entry.What, Environment.NewLine, string.Join(Environment.NewLine, errors));
        measure.ShouldBeWithinBounds(entry);
    }

    [Fact]
    public void Corpus_EveryBadInput_IsRunThroughEveryFrontEndThatReadsItsKind()
    {
        // Arrange: the loader reads every rule set; every intake but the one whose error is the version's choice and those
        // that contradict what the version derives (both engine steps of the intake gate).
        var entries = BadInputCorpus.Entries;

        // Act
        var rulesElsewhere = entries.Where(e => e.Kind == "rules" && !e.FrontEnds.SetEquals([BadInputCorpus.Cli, BadInputCorpus.Loader]));
        var intakesElsewhere = entries.Where(e => e.Kind == "intake" && !e.FrontEnds.SetEquals([BadInputCorpus.Cli, BadInputCorpus.Api, BadInputCorpus.Loader]));

        // Assert
        rulesElsewhere.Should().BeEmpty();
        intakesElsewhere.Select(e => e.Id).Should().BeEquivalentTo("unknown-rules-version", "contradiction-section-outside-japan", "contradiction-public-body-abroad");
        entries.Count(e => e.Bounded).Should().BeGreaterThanOrEqualTo(6, "bombs, deep nesting and huge inputs are each checked for time and memory");
    }

    private IReadOnlyList<Diagnostic> Diagnose(string path)
    {
        try
        {
            var document = IntakeReader.ReadFile(path);
            var version = RuleSetSelection.Select(shipped.Catalog.Versions, v => v.Version, document.Intake.RulesVersion, document.Intake.Date);
            return IntakeChecker.Check(document, version);
        }
        catch (InputException e)
        {
            return e.Diagnostics;
        }
    }

    private static IReadOnlyList<Diagnostic> LoadErrors(string root)
    {
        try
        {
            RuleSetCatalog.Load(root);
            return [];
        }
        catch (InputException e)
        {
            return e.Diagnostics;
        }
    }

    private static (T Result, Measure Measure) Measured<T>(Func<T> action)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = action();
        return (result, new Measure(clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocated));
    }

    private sealed record Measure(TimeSpan Elapsed, long Allocated)
    {
        // Only the inputs built to exhaust time or memory are held to a bound; the rest need only give the right errors.
        public void ShouldBeWithinBounds(CorpusEntry entry)
        {
            if (entry.Bounded)
            {
                Elapsed.Should().BeLessThan(BadInputCorpus.TimeBound, "{0} must be refused quickly", entry.Id);
                Allocated.Should().BeLessThan(BadInputCorpus.MemoryBound, "{0} must be refused with bounded memory", entry.Id);
            }
        }
    }
}
