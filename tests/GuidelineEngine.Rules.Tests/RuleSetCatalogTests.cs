using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Tests.Support;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Tests;

/// <summary>Loading a whole rules root: versions found by their version.yaml, checked together.</summary>
public sealed class RuleSetCatalogTests
{
    private const string Previous = "nerima/pre-2023";

    private static InputException LoadFails(string root) =>
        FluentActions.Invoking(() => RuleSetCatalog.Load(root)).Should().Throw<InputException>().Which;

    [Fact]
    public void Load_CopyOfBothVersions_GivesBothVersions()
    {
        // Arrange
        using var rules = TempRules.Copy(TempRules.Current, Previous);

        // Act
        var catalog = RuleSetCatalog.Load(rules.Root);

        // Assert
        catalog.Versions.Select(v => v.Version.Id).Should().BeEquivalentTo(TempRules.Current, Previous);
    }

    [Fact]
    public void Load_FolderWithNoVersionYaml_FailsNamingTheFolderAndVersionYaml()
    {
        // Arrange: a rules root whose only version has lost its version.yaml.
        using var rules = TempRules.Copy(TempRules.Current);
        File.Delete(rules.PathOf("version.yaml"));

        // Act
        var error = LoadFails(rules.Root);

        // Assert
        error.ShouldReport(rules.Root, "").Message.Should().Contain("version.yaml");
    }

    [Fact]
    public void Load_MissingRulesFolder_FailsNamingTheFolder()
    {
        // Arrange
        using var rules = TempRules.Copy();
        var missing = Path.Combine(rules.Root, "no-such-folder");

        // Act
        var error = LoadFails(missing);

        // Assert
        error.ShouldReport(missing, "").Message.Should().Contain("見つかりません");
    }

    [Fact]
    public void Load_TwoVersionsWithOverlappingPeriods_FailsNamingBothVersions()
    {
        // Arrange: the old version now runs a month into the new one.
        using var rules = TempRules.Copy(TempRules.Current, Previous);
        rules.Replace("version.yaml", "effective_to: 2023-03-31", "effective_to: 2023-04-30", Previous);

        // Act
        var error = LoadFails(rules.Root);

        // Assert
        var diagnostic = error.Diagnostics.Should().ContainSingle().Subject;
        diagnostic.Field.Should().Be("version.effective_from");
        Path.GetFileName(diagnostic.File).Should().Be("version.yaml");
        diagnostic.Line.Should().BeGreaterThan(0);
        diagnostic.Message.Should().Contain(TempRules.Current).And.Contain(Previous);
    }

    [Fact]
    public void Load_VersionsThatMeetWithoutOverlap_Succeeds()
    {
        // Arrange: pre-2023 ends 2023-03-31 and 2023-04 starts 2023-04-01; move both a day and they still just meet.
        using var rules = TempRules.Copy(TempRules.Current, Previous);
        rules.Replace("version.yaml", "effective_to: 2023-03-31", "effective_to: 2023-04-01", Previous);
        rules.Replace("version.yaml", "effective_from: 2023-04-01", "effective_from: 2023-04-02");

        // Act
        var catalog = RuleSetCatalog.Load(rules.Root);

        // Assert
        catalog.Versions.Should().HaveCount(2);
    }

    [Fact]
    public void Load_ErrorsInTwoVersions_ReportsBothTogether()
    {
        // Arrange
        using var rules = TempRules.Copy(TempRules.Current, Previous);
        rules.Write("留意事項.yaml", "");
        rules.Write("留意事項.yaml", "", Previous);

        // Act
        var error = LoadFails(rules.Root);

        // Assert
        error.ShouldReport(rules.PathOf("留意事項.yaml"), "");
        error.ShouldReport(rules.PathOf("留意事項.yaml", Previous), "");
    }
}
