namespace GuidelineEngine.Cli.Tests;

/// <summary>
/// <c>screen</c> reads the casebook (類似事例) on another thread while the rules compile: a missing or broken casebook
/// must still cost only the precedents, and its message must still come before anything about the cases.
/// </summary>
public sealed class ScreenPrecedentsTests
{
    [Fact]
    public void Screen_BrokenCasebook_WarnsBeforeTheCaseErrorsAndScreensWithoutPrecedents()
    {
        using var casebook = CopyOfCasebook();
        var broken = Path.Combine(casebook.Path, "synthetic", "cover-t1-01.yaml");
        File.WriteAllText(broken, "case: [\n");
        var missing = Path.Combine(casebook.Path, "no-such-case.yaml");

        var (exit, output, error) = CliRunner.Screen(CliRunner.Example("fy2023-school-lunch.yaml"), missing, "--casebook", casebook.Path);

        exit.Should().Be(ExitCodes.InputError, "the second case file does not exist");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2, error);
        lines[0].Should().StartWith("事例集に誤りがあるため、類似事例は示しません（最初の誤り: ").And.Contain("cover-t1-01.yaml");
        lines[1].Should().Contain("no-such-case.yaml");
        output.Should().StartWith("# 判定結果: ガイドライン該当（審議省略）").And.NotContain("### 類似事例");
    }

    [Fact]
    public void Screen_NoCasebookFolder_ScreensWithoutPrecedentsOrMessage()
    {
        using var empty = new TempFolder();

        var (exit, output, error) = CliRunner.Screen(CliRunner.Example("fy2023-school-lunch.yaml"), "--casebook", Path.Combine(empty.Path, "none"));

        exit.Should().Be(ExitCodes.Proceed);
        error.Should().BeEmpty();
        output.Should().StartWith("# 判定結果: ガイドライン該当（審議省略）").And.NotContain("### 類似事例");
    }

    [Fact]
    public void Screen_ShippedCasebook_ListsTheSourceCaseOfTheExampleFirst()
    {
        // The example's item 1 is item 106 of casebook/nerima/fy2023/17-…: the same file (就学援助申請者ファイル), the same
        // user (教育振興部, the proposing section) and the same purpose; the example names no holder: 0.4 + 0.2 + 0.3 = 0.9.
        var (exit, output, _) = CliRunner.Screen(CliRunner.Example("fy2023-school-lunch.yaml"));

        exit.Should().Be(ExitCodes.Proceed);
        var first = output[output.IndexOf("### 類似事例", StringComparison.Ordinal)..].Split('\n')[2];
        first.Should().StartWith("- fy2023-17-kyouiku-kyuushokuhi-hojo 項目106").And.Contain("類似度 0.90: 同じファイル、同じ利用課・提供先、目的の類似度 1.00。");
    }

    private static TempFolder CopyOfCasebook()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Casebook, "*.yaml", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(folder.Path, Path.GetRelativePath(TestPaths.Casebook, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return folder;
    }
}
