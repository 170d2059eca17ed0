using System.Text.Json;

namespace GuidelineEngine.Cli.Tests;

public sealed class ScreenCommandTests
{
    [Fact]
    public void Screen_SchoolLunchCase_PrintsCoveredReportAndExitsZero()
    {
        var (exit, output, error) = CliRunner.Screen(CliRunner.Example("fy2023-school-lunch.yaml"));

        exit.Should().Be(ExitCodes.Proceed, error);
        output.Should().StartWith("# 判定結果: ガイドライン該当（審議省略）");
        output.Should().Contain("別表1-1").And.Contain("別表2-3").And.Contain("法第69条第2項第3号");
        output.Should().Contain("nerima/2023-04").And.Contain("sha256:");
    }

    [Fact]
    public void Screen_JsonFormat_CarriesVersionAndEveryStepCitesRuleAndArticle()
    {
        var (exit, output, _) = CliRunner.Screen(CliRunner.Example("fy2023-welfare-uses-school-file.yaml"), "--format", "json");

        exit.Should().Be(ExitCodes.Proceed);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("outcome").GetString().Should().Be("covered");
        root.GetProperty("version_id").GetString().Should().Be("nerima/2023-04");
        root.GetProperty("version_hash").GetString().Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        var item = root.GetProperty("items")[0];
        item.GetProperty("provision").GetString().Should().Be("item3");
        item.TryGetProperty("provision_label", out _).Should().BeFalse("a decision stores codes; the version names them when shown");
        item.GetProperty("transfer").GetString().Should().Be("provision");
        var steps = item.GetProperty("steps").EnumerateArray().ToList();
        steps.Should().NotBeEmpty();
        steps.Should().OnlyContain(s => s.GetProperty("rule_id").GetString()!.Length > 0
            && s.GetProperty("article").GetString()!.Length > 0
            && s.GetProperty("sentence").GetString()!.Length > 0);
    }

    [Fact]
    public void Screen_SameCaseTwice_GivesByteIdenticalJson()
    {
        var first = CliRunner.Screen(CliRunner.Example("fy2023-school-lunch.yaml"), "--format", "json").Output;
        var second = CliRunner.Screen(CliRunner.Example("fy2023-school-lunch.yaml"), "--format", "json").Output;

        second.Should().Be(first);
    }

    [Theory]
    [InlineData("my-number.yaml", ExitCodes.NotPermitted, "# 判定結果: 不可")]
    [InlineData("missing-facts.yaml", ExitCodes.MoreInformationNeeded, "# 判定結果: 情報不足")]
    [InlineData("2019-outsourcing.yaml", ExitCodes.NeedsReview, "# 判定結果: 審議会への諮問が必要")]
    [InlineData("fy2023-evacuation-outsourcing.yaml", ExitCodes.Proceed, "# 判定結果: ガイドライン該当")]
    public void Screen_Example_ExitCodeFollowsOutcome(string example, int expectedExit, string heading)
    {
        var (exit, output, _) = CliRunner.Screen(CliRunner.Example(example));

        exit.Should().Be(expectedExit);
        output.Should().StartWith(heading);
    }

    [Fact]
    public void Screen_2019Case_IsJudgedByPre2023Version()
    {
        var (_, output, _) = CliRunner.Screen(CliRunner.Example("2019-outsourcing.yaml"));

        output.Should().Contain("nerima/pre-2023").And.Contain("練馬区情報公開および個人情報保護運営審議会");
    }

    [Fact]
    public void Screen_SeveralFiles_ExitsWithTheStrictestOutcome()
    {
        var (exit, _, _) = CliRunner.Run("screen", CliRunner.Example("fy2023-school-lunch.yaml"), CliRunner.Example("my-number.yaml"), "--rules", TestPaths.Rules);

        exit.Should().Be(ExitCodes.NotPermitted);
    }

    [Fact]
    public void Screen_CaseWithUnknownDepartment_ReportsFileLineAndFieldWithoutStackTrace()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "bad.yaml");
        File.WriteAllText(path, """
            case:
              date: 2024-05-01
              proposing_section: 存在しない部
            items:
              - kind: use_or_provision
                file: 戸籍事務ファイル
                purpose: 確認のため
            """);

        var (exit, output, error) = CliRunner.Screen(path);

        exit.Should().Be(ExitCodes.InputError);
        output.Should().BeEmpty();
        error.Should().Contain("bad.yaml:3:").And.Contain("case.proposing_section").And.Contain("存在しない部");
        error.Should().NotContain("   at ");
    }

    [Fact]
    public void Screen_MissingFile_IsAnInputError()
    {
        var (exit, _, error) = CliRunner.Screen(Path.Combine(Path.GetTempPath(), "no-such-case.yaml"));

        exit.Should().Be(ExitCodes.InputError);
        error.Should().Contain("no-such-case.yaml").And.Contain("見つかりません");
    }

    [Fact]
    public void Screen_NamedVersion_OverridesTheDate()
    {
        var (_, output, _) = CliRunner.Screen(CliRunner.Example("2019-outsourcing.yaml"), "--rules-version", "nerima/2023-04");

        output.Should().Contain("指定された版 nerima/2023-04");
    }
}
