using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Tests.Support;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Tests;

/// <summary>
/// The law as a base pack (rules/national/2023-04) that nerima/2023-04 and the template extend: the extension adds,
/// never redefines; the base's bytes are in every extension's hash; the base alone judges nothing.
/// </summary>
public sealed class BasePackTests : IDisposable
{
    private const string Base = "national/2023-04";

    private readonly TempRules _rules = TempRules.Copy(TempRules.Current);

    public void Dispose() => _rules.Dispose();

    [Fact]
    public void Load_Extension_HoldsTheBaseRulesFirstAndItsOwnAfter()
    {
        // Arrange / Act
        var ruleSet = _rules.Load();

        // Assert: the law's rules come from the base, the guideline's from the ward's folder.
        var ids = ruleSet.Rules.Select(r => r.Id).ToList();
        ids.Should().Contain(["法69条1項-法令に基づく場合", "番号法-特定個人情報", "法70条-目的内の提供の措置要求", "ガイドライン該当-提供"]);
        ids.IndexOf("法69条1項-法令に基づく場合").Should().BeLessThan(ids.IndexOf("ガイドライン該当-提供"));
        ruleSet.Rules.Single(r => r.Id == "番号法-特定個人情報").Mark!.File.Should().Contain("national");
        ruleSet.Version.Id.Should().Be(TempRules.Current);
        ruleSet.Version.NotModelled.Should().Contain(n => n.StartsWith("番号法第19条", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ExtensionRedefiningABaseRule_FailsNamingTheExtensionsFileLineAndField()
    {
        // Arrange: the ward's 注意喚起.yaml tries to restate the law's 法第61条 flag under the same id.
        var index = _rules.Read("注意喚起.yaml").Split("\n  - id: ").Length - 1;
        File.AppendAllText(_rules.PathOf("注意喚起.yaml"),
            "\n  - id: 注意-条例に基づく利用・提供\n    article: 法第61条\n    when: { fact: statute.applies, eq: true }\n    text: 別の文言\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf("注意喚起.yaml"), $"flags[{index}].id");
        diagnostic.Line.Should().Be(_rules.LineOf("注意喚起.yaml", "id: 注意-条例に基づく利用・提供"));
        diagnostic.Message.Should().Contain("基本パック " + Base).And.Contain("定義し直せません");
    }

    [Fact]
    public void Load_ExtensionAddingAFact_KeepsTheBaseFactsAndAddsIt()
    {
        // Arrange: a fact only this ward asks, in a file of its own.
        _rules.Write("区の事実.yaml",
            "facts:\n  - name: ward.extra\n    type: bool\n    source: intake\n    field: ward_extra\n    items: [outsourcing]\n    derived_from: []\n    label: 区だけの問い\n    question: 区だけの問いに当たりますか。\n");

        // Act
        var ruleSet = _rules.Load();

        // Assert
        ruleSet.Fact("ward.extra")!.Field.Should().Be("ward_extra");
        ruleSet.Fact("transfer").Should().NotBeNull();
    }

    [Fact]
    public void Load_BaseChanged_ChangesTheExtensionsHash()
    {
        // Arrange
        var before = _rules.Load().ContentHash;
        var baseFile = Path.Combine(_rules.Root, "national", "2023-04", "法69条.yaml");
        File.AppendAllText(baseFile, "# 法改正\n");

        // Act
        var after = _rules.Load().ContentHash;

        // Assert: a change of the law is a change of every version built on it.
        after.Should().NotBe(before);
    }

    [Fact]
    public void Load_ExtensionOfAMissingBase_FailsNamingVersionYamlAndExtends()
    {
        // Arrange
        _rules.Replace("version.yaml", "extends: national/2023-04", "extends: national/2099-01");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(_rules.PathOf("version.yaml"), "version.extends").Message.Should().Contain("national/2099-01");
    }

    [Fact]
    public void Load_ExtendingAVersionThatIsNotABase_Fails()
    {
        // Arrange: the law's version.yaml loses its kind: base.
        var baseVersion = Path.Combine(_rules.Root, "national", "2023-04", "version.yaml");
        File.WriteAllText(baseVersion, File.ReadAllText(baseVersion).Replace("  kind: base\n", "  review_body: 委員会\n"));

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(_rules.PathOf("version.yaml"), "version.extends").Message.Should().Contain("基本パックではありません");
    }

    [Fact]
    public void Catalog_ShippedRules_NeverSelectsTheBaseOrTheTemplateByDate()
    {
        // Arrange
        var catalog = RuleSetCatalog.Load(TestPaths.Rules);

        // Act
        var selected = RuleSetSelection.Select(catalog.Versions, v => v.Version, null, new DateOnly(2024, 6, 1));
        var named = RuleSetSelection.Select(catalog.Versions, v => v.Version, "template/2023-04", new DateOnly(2024, 6, 1));

        // Assert
        selected!.Version.Id.Should().Be("nerima/2023-04");
        named!.Version.Id.Should().Be("template/2023-04");
        catalog.Versions.Should().NotContain(v => v.Version.IsBase);
        catalog.Bases.Should().ContainSingle().Which.Version.Id.Should().Be(Base);
    }
}
