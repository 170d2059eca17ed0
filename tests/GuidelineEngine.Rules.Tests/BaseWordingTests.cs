using System.Text.RegularExpressions;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Tests.Support;

namespace GuidelineEngine.Rules.Tests;

/// <summary>
/// The base pack's words speak of the law for any municipality; an extension restates them in its own terms
/// (<c>wording:</c>) — what staff read, never a condition, a conclusion or a code.
/// </summary>
public sealed partial class BaseWordingTests : IDisposable
{
    private const string Wording = "基本パックの言い直し.yaml";

    private readonly TempRules _rules = TempRules.Copy(TempRules.Current);

    public void Dispose() => _rules.Dispose();

    // Nerima's guideline, its tables, its offices, or 区 for the municipality (区分 "classification" and 市区町村 are not it).
    [GeneratedRegex(@"練馬|別表|ガイドライン|留意事項|<参考>|情報公開課|運営委員会|(?<!市)区(?!分|町)")]
    private static partial Regex NerimaWords();

    [Theory]
    [InlineData("national/2023-04")]
    [InlineData("template/2023-04")]
    public void WordsStaffRead_BaseAndTemplate_NameNeitherNerimaNorItsGuideline(string version)
    {
        // Arrange
        var catalog = RuleSetCatalog.Load(TestPaths.Rules);
        var ruleSet = catalog.Versions.Concat(catalog.Bases).Single(v => v.Version.Id == version);

        // Act
        var words = ruleSet.Facts.SelectMany(f => new[] { f.Label, f.Question, f.Help }.Concat(f.Values.Select(v => v.Label)).Select(w => (f.Name, w)))
            .Concat(ruleSet.Rules.SelectMany(r => new[] { r.Article, r.Description, r.Explanation }.Select(w => (Name: r.Id, w))))
            .Where(x => x.w is not null && NerimaWords().IsMatch(x.w))
            .Select(x => $"{x.Name}: {NerimaWords().Match(x.w!).Value}");

        // Assert
        words.Should().BeEmpty();
    }

    [Fact]
    public void Load_Nerima_ReadsTheBaseFactsInItsOwnWordsKeepingTheirPlaceAndCodes()
    {
        // Arrange
        var law = RuleSetLoader.Load(Path.Combine(_rules.Root, "national", "2023-04"));

        // Act
        var nerima = _rules.Load();

        // Assert: the ward's help cites its tables, the law's does not; the fact is the same fact in the same place.
        nerima.Fact("purpose.kind")!.Help.Should().Contain("ガイドライン別表1・別表2");
        law.Fact("purpose.kind")!.Help.Should().NotContain("別表");
        nerima.Fact("recipient.kind")!.LabelOf("ward_organ").Should().Be("区の課（区の行政機関）");
        law.Fact("recipient.kind")!.LabelOf("ward_organ").Should().Be("自治体の課（自治体の行政機関）");
        nerima.Fact("recipient.kind")!.Values.Select(v => v.Value).Should().Equal(law.Fact("recipient.kind")!.Values.Select(v => v.Value));
        nerima.Facts.Select(f => f.Name).Take(law.Facts.Count).Should().Equal(law.Facts.Select(f => f.Name));
        var rule = nerima.Rules.Single(r => r.Id == "法69条3項-他の法令による制限");
        rule.Article.Should().Be("法第69条第3項・留意事項");
        rule.Should().BeEquivalentTo(law.Rules.Single(r => r.Id == rule.Id), o => o.Excluding(r => r.Article).Excluding(r => r.Description).Excluding(r => r.Explanation));
    }

    [Fact]
    public void Load_RestatingAFactTheBaseDoesNotHave_FailsNamingTheFileLineAndField()
    {
        // Arrange
        _rules.Replace(Wording, "    - name: item.kind\n", "    - name: item.kinds\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Wording), "wording.facts[0].name");
        diagnostic.Line.Should().Be(_rules.LineOf(Wording, "- name: item.kinds"));
        diagnostic.Message.Should().Contain("national/2023-04").And.Contain("item.kinds");
    }

    [Fact]
    public void Load_RestatingTheVersionsOwnRule_FailsSayingToEditItsDefinition()
    {
        // Arrange: ガイドライン該当-提供 is the ward's own rule, not the law's.
        _rules.Write("追加の言い直し.yaml", "wording:\n  rules:\n    - id: ガイドライン該当-提供\n      explain: 別の文言\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(_rules.PathOf("追加の言い直し.yaml"), "wording.rules[0].id").Message.Should().Contain("この版で定義");
    }

    [Fact]
    public void Load_RestatingAValueTheFactDoesNotHave_FailsNamingTheValuesLine()
    {
        // Arrange
        _rules.Replace(Wording, "value: planning_reference,", "value: planning,");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Wording), "wording.facts[1].values[0].value");
        diagnostic.Line.Should().Be(_rules.LineOf(Wording, "value: planning,"));
        diagnostic.Message.Should().Contain("planning").And.Contain("planning_reference");
    }

    [Fact]
    public void Load_RestatedSentenceNamingAnUnknownFact_FailsAtTheRestatement()
    {
        // Arrange
        _rules.Replace(Wording, "      explain: 登録された利用目的の範囲内", "      explain: 登録された利用目的の範囲内{purpose.unknown}");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.Diagnostics.Should().ContainSingle().Which;
        diagnostic.File.Should().Be(_rules.PathOf(Wording));
        diagnostic.Field.Should().EndWith(".explain");
        diagnostic.Message.Should().Contain("{purpose.unknown}");
    }

    [Fact]
    public void Load_RestatingAFlagsText_IsRefused()
    {
        // Arrange: a flag's text is its action; only derivations and outcomes have an explain to restate.
        _rules.Write("追加の言い直し.yaml", "wording:\n  rules:\n    - id: 注意-条例に基づく利用・提供\n      explain: 別の文言\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(_rules.PathOf("追加の言い直し.yaml"), "wording.rules[0].explain").Message.Should().Contain("explain");
    }

    [Fact]
    public void Load_RestatingTheSameFactTwice_FailsNamingTheFirst()
    {
        // Arrange
        _rules.Write("追加の言い直し.yaml", "wording:\n  facts:\n    - name: item.kind\n      label: 別の名前\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(_rules.PathOf("追加の言い直し.yaml"), "wording.facts[0].name").Message.Should().Contain("重複").And.Contain(Wording);
    }

    [Fact]
    public void Load_ABaseRestatingItsOwnWords_IsRefused()
    {
        // Arrange
        var baseFile = Path.Combine(_rules.Root, "national", "2023-04", "言い直し.yaml");
        File.WriteAllText(baseFile, "wording:\n  facts:\n    - name: item.kind\n      label: 別の名前\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(baseFile, "wording.facts[0].name").Message.Should().Contain("version.extends");
    }

    [Fact]
    public void Load_RestatingAConditionOrACode_IsRefusedAsAnUnknownField()
    {
        // Arrange
        _rules.Replace(Wording, "    - name: item.kind\n", "    - name: item.kind\n      type: bool\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(_rules.PathOf(Wording), "wording.facts[0].type");
    }
}
