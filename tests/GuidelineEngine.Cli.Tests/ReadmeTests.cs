using System.Text.RegularExpressions;

namespace GuidelineEngine.Cli.Tests;

/// <summary>The README's examples must stay true.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));

    [Fact]
    public void Readme_FirstCommand_ScreensAnExampleThatExists()
    {
        var command = Readme.Split('\n').First(l => l.StartsWith("dotnet run --project src/GuidelineEngine.Cli -- screen ", StringComparison.Ordinal));
        var example = command.Split(' ').Single(word => word.EndsWith(".yaml", StringComparison.Ordinal));

        var (exit, output, error) = CliRunner.Screen(Path.Combine(AppContext.BaseDirectory, example));

        exit.Should().Be(ExitCodes.Proceed, error);
        output.Should().StartWith("# 判定結果:");
    }

    [Fact]
    public void Readme_IntakeExample_ReadsAndScreensWithoutInputErrors()
    {
        var yaml = IntakeBlock().Match(Readme).Groups[1].Value;
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "readme-case.yaml");
        File.WriteAllText(path, yaml);

        var (exit, output, error) = CliRunner.Screen(path);

        error.Should().BeEmpty();
        exit.Should().Be(ExitCodes.Proceed);
        output.Should().Contain("別表2-3").And.Contain("別表3-8");
    }

    [GeneratedRegex("```yaml\n(case:.*?)```", RegexOptions.Singleline)]
    private static partial Regex IntakeBlock();
}
