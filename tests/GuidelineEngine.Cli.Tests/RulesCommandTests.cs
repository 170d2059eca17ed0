namespace GuidelineEngine.Cli.Tests;

public sealed class RulesCommandTests
{
    [Fact]
    public void Validate_ShippedRules_PassesForEveryVersion()
    {
        var (exit, output, error) = CliRunner.Run("rules", "validate", TestPaths.Rules);

        exit.Should().Be(ExitCodes.Proceed, error);
        output.Should().Contain("OK nerima/2023-04").And.Contain("OK nerima/pre-2023");
    }

    [Fact]
    public void Validate_BrokenCondition_FailsNamingFileAndLine()
    {
        using var rules = CliRunner.CopyOfRules();
        var file = Path.Combine(rules.Path, "nerima", "2023-04", "別表1.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("when: { fact: purpose.kind, eq: eligibility_check }", "when: { fact: purpose.kind }"));

        var (exit, _, error) = CliRunner.Run("rules", "validate", rules.Path);

        exit.Should().Be(ExitCodes.InputError);
        error.Should().MatchRegex(@"別表1\.yaml:\d+:\d+: table\.categories\[0\]\.when");
    }

    [Fact]
    public void Validate_UnknownFact_FailsNamingFileLineAndFact()
    {
        using var rules = CliRunner.CopyOfRules();
        var file = Path.Combine(rules.Path, "nerima", "2023-04", "別表2.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("fact: recipient.requested", "fact: recipient.asked"));

        var (exit, _, error) = CliRunner.Run("rules", "validate", rules.Path);

        exit.Should().Be(ExitCodes.InputError);
        error.Should().MatchRegex(@"別表2\.yaml:\d+:\d+: .*recipient\.asked");
    }

    [Fact]
    public void Validate_DuplicateId_FailsNamingBothPlaces()
    {
        using var rules = CliRunner.CopyOfRules();
        var file = Path.Combine(rules.Path, "national", "2023-04", "区分.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("id: 号-4号", "id: 号-3号"));

        var (exit, _, error) = CliRunner.Run("rules", "validate", rules.Path);

        exit.Should().Be(ExitCodes.InputError);
        error.Should().MatchRegex(@"区分\.yaml:\d+:\d+: derivations\[6\]: .*号-3号.*重複.*区分\.yaml:\d+");
    }

    [Fact]
    public void List_Versions_ShowsBothWithPeriods()
    {
        var (exit, output, _) = CliRunner.Run("rules", "list", "--rules", TestPaths.Rules);

        exit.Should().Be(ExitCodes.Proceed);
        output.Should().Contain("nerima/2023-04\t2023-04-01〜").And.Contain("nerima/pre-2023\t（不明）〜2023-03-31")
            .And.Contain("national/2023-04\t2023-04-01〜\t（基本パック）");
    }

    [Fact]
    public void List_OneVersion_ShowsEveryCategory()
    {
        var (exit, output, _) = CliRunner.Run("rules", "list", "--version", "nerima/2023-04", "--rules", TestPaths.Rules);

        exit.Should().Be(ExitCodes.Proceed);
        output.Split('\n').Count(l => l.StartsWith("別表", StringComparison.Ordinal) && l.Contains('\t')).Should().Be(35);
    }

    [Fact]
    public void Run_UnknownOption_IsAnInputError()
    {
        var (exit, _, error) = CliRunner.Run("screen", "x.yaml", "--format", "pdf");

        exit.Should().Be(ExitCodes.InputError);
        error.Should().Contain("引数の誤り");
    }
}
