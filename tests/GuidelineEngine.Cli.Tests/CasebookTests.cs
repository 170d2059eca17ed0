using GuidelineEngine.Domain.Model;
using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Rules.Casebook;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Cli.Tests;

/// <summary>The casebook against the seeds' published figures, and the casebook commands (the runner's own tests: Application.Tests).</summary>
public sealed class CasebookTests
{
    private static readonly RuleSetCatalog Catalog = RuleSetCatalog.Load(TestPaths.Rules);
    private static readonly IReadOnlyList<CasebookCase> Cases = CasebookReader.ReadAll(TestPaths.Casebook, Catalog.Versions);

    private static IEnumerable<IntakeItem> Items(string group) => Cases.Where(c => c.Group == group).SelectMany(c => c.Intake.Items);

    [Fact]
    public void Fy2023_TranscribesEveryRowOfTheReport_109UseOrProvisionAnd2Outsourcing()
    {
        // Seed 000 「③ 新たに目的外利用・提供等を行った個人情報ファイル数 111 ファイル【内訳】目的外利用・提供 109 ファイル 業務委託 2 ファイル」
        Items("nerima/fy2023").OfType<UseOrProvisionItem>().Should().HaveCount(109);
        Items("nerima/fy2023").OfType<OutsourcingItem>().SelectMany(o => o.Files).Should().HaveCount(2);
        Cases.Count(c => c.Group == "nerima/fy2023").Should().Be(19, "the report counts 19 consultations");
    }

    [Fact]
    public void Fy2024_TranscribesEveryRowOfTheAnnex_43UseOrProvisionAnd12Outsourcing()
    {
        // Seed 001 「② … ５５ファイル【内訳】目的外利用 ２７ファイル 目的外提供 １６ファイル 業務委託 １２ファイル」
        var rows = Items("nerima/fy2024").OfType<UseOrProvisionItem>().Select(i => int.Parse(i.Id!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        rows.Should().Equal(Enumerable.Range(1, 43));
        Items("nerima/fy2024").OfType<OutsourcingItem>().SelectMany(o => o.Files).Should().HaveCount(12);
        Cases.Count(c => c.Group == "nerima/fy2024").Should().Be(19, "the report counts 19 consultations");
    }

    [Fact]
    public void CasebookCommand_WholeCasebook_AgreesAndPrintsTheTables()
    {
        var (exit, output, error) = CliRunner.Run("casebook", TestPaths.Casebook, "--rules", TestPaths.Rules);

        exit.Should().Be(ExitCodes.Proceed, output + error);
        output.Should().Contain("| nerima/fy2023 |").And.Contain("| 期待する結論 |").And.Contain("不一致 0");
    }

    [Fact]
    public void CasebookCommand_ExpectationChanged_ExitsNonZeroNamingTheCase()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "nerima", "fy2023");
        Directory.CreateDirectory(target);
        var original = Directory.EnumerateFiles(Path.Combine(TestPaths.Casebook, "nerima", "fy2023")).Order(StringComparer.Ordinal).First();
        File.WriteAllText(Path.Combine(target, "changed.yaml"), File.ReadAllText(original).Replace("outcome: covered", "outcome: needs_review"));

        var (exit, output, _) = CliRunner.Run("casebook", folder.Path, "--rules", TestPaths.Rules);

        exit.Should().Be(ExitCodes.CasebookDisagreement);
        output.Should().Contain("changed.yaml").And.Contain("期待 needs_review、実際 covered");
    }

    [Fact]
    public void Screen_NewCase_ListsRankedPrecedentsWithSourceLocations()
    {
        var (_, output, _) = CliRunner.Run("screen", CliRunner.Example("fy2023-welfare-uses-school-file.yaml"), "--rules", TestPaths.Rules, "--casebook", TestPaths.Casebook);

        var section = output[output.IndexOf("### 類似事例", StringComparison.Ordinal)..];
        section.Should().Contain("000_4ddf9eee692eaf36.txt").And.Contain("同じファイル");
        var scores = System.Text.RegularExpressions.Regex.Matches(section.Split("### 判断理由")[0], @"類似度 ([0-9.]+):")
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        scores.Should().NotBeEmpty().And.BeInDescendingOrder();
    }

    [Fact]
    public void Casebook_EveryOutcomeKind_HasACase()
    {
        var outcomes = Cases.SelectMany(c => c.Expected).Select(e => e.Outcome).Distinct();

        outcomes.Should().BeEquivalentTo(Enum.GetValues<Outcome>());
    }

    [Fact]
    public void CoverageOption_PrintsEveryCategoryAndNoUncoveredOne()
    {
        var (_, output, _) = CliRunner.Run("casebook", TestPaths.Casebook, "--coverage", "--rules", TestPaths.Rules);

        output.Should().Contain("# 網羅状況: nerima/2023-04").And.Contain("| 別表3-21 |");
        output.Should().Contain("該当する事例も惜しくも該当しない事例もない類型: なし");
    }

    [Fact]
    public void RulesDoc_CurrentVersion_QuotesEveryClauseBesideItsRules()
    {
        var version = Catalog.Versions.Single(v => v.Version.Id == "nerima/2023-04");

        var (exit, output, _) = CliRunner.Run("rules", "doc", "--rules", TestPaths.Rules, "--casebook", TestPaths.Casebook);

        exit.Should().Be(ExitCodes.Proceed);
        foreach (var category in version.Categories)
        {
            output.Should().Contain($"### {category.Id}（No.{category.No}）").And.Contain($"> {category.Wording}");
        }
        foreach (var rule in version.Rules)
        {
            output.Should().Contain($"### {rule.Id}（{rule.Article}）");
        }
        output.Should().Contain("法第69条第1項").And.Contain("法第69条第2項ただし書").And.Contain("法第69条第3項")
            .And.Contain("必要最小限としなければならない").And.Contain("事前に情報公開課へ協議すること")
            .And.Contain("必要な措置を講ずることを求めること");
        output.Should().Contain("該当する事例（").And.Contain("nerima/fy2023/01-fukushi-hitorioya-soudan.yaml");
    }

    [Fact]
    public void RulesDoc_CasePaths_AreRelativeToTheCasebookRoot()
    {
        // Arrange: the casebook given by its absolute path, as `--casebook` often is.
        var root = Path.GetFullPath(TestPaths.Casebook);

        // Act
        var (_, output, _) = CliRunner.Run("rules", "doc", "--rules", TestPaths.Rules, "--casebook", root);

        // Assert: the same paths wherever the casebook lies, never the machine's absolute path or the folder's own name.
        output.Should().NotContain(root).And.NotContain("casebook/nerima/").And.NotContain("casebook/synthetic/");
        output.Should().MatchRegex(@"この規則で結論した事例（\d+件）: [^\n]*synthetic/outcome-not-out-of-purpose\.yaml");
        output.Should().MatchRegex(@"該当する事例（\d+件）: [^\n]*nerima/fy2023/02-fukushi-seikatsuhogo-jiritsu-shien\.yaml");
    }

    [Fact]
    public void RulesDoc_NestedConditions_AreNestedListsWithTheirGroupingSpelledOut()
    {
        // Act
        var (_, output, _) = CliRunner.Run("rules", "doc", "--rules", TestPaths.Rules, "--casebook", TestPaths.Casebook);

        // Assert: 1号 is 目的外 かつ（（同意 かつ（国内 または 外国への提供への同意））または 本人）.
        var lines = output.Replace("\r\n", "\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("### 法69条2項1号-本人同意・本人提供", StringComparison.Ordinal));
        start.Should().BeGreaterThan(0);
        lines.Skip(start).SkipWhile(l => !l.StartsWith("- 条件", StringComparison.Ordinal)).Take(9).Should().Equal(
            "- 条件: 次のすべてに当たる（かつ）",
            "  - 「申出の種類」が「目的外の利用・提供」",
            "  - 次のいずれかに当たる（または）",
            "    - 次のすべてに当たる（かつ）",
            "      - 「本人の同意」が「はい」",
            "      - 次のいずれかに当たる（または）",
            "        - 「提供先が外国にあるか」が「いいえ」",
            "        - 「外国にある第三者への提供についての同意か」が「はい」",
            "    - 「利用者・提供先の種類」が「本人」");
        output.Should().NotContain("」でないまたは", "a negation is never run into an 「または」 without brackets");
    }
}
