using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Tests.Support;

namespace GuidelineEngine.Rules.Tests;

/// <summary>The rule sets shipped under rules/ load, and carry the guideline's tables as written.</summary>
public sealed class ShippedRuleSetTests(ShippedCatalog shipped) : IClassFixture<ShippedCatalog>
{
    [Fact]
    public void Load_ShippedRules_GivesTheTwoNerimaVersionsTheTemplateAndTheNationalBase()
    {
        // Arrange / Act
        var ids = shipped.Catalog.Versions.Select(v => v.Version.Id);
        var bases = shipped.Catalog.Bases.Select(v => v.Version.Id);

        // Assert
        ids.Should().BeEquivalentTo("nerima/2023-04", "nerima/pre-2023", "template/2023-04");
        bases.Should().Equal("national/2023-04");
    }

    [Fact]
    public void Load_Version2023_04_IsInForceFrom2023_04_01WithNoEnd()
    {
        // Arrange / Act
        var version = shipped.Version("nerima/2023-04").Version;

        // Assert
        version.EffectiveFrom.Should().Be(new DateOnly(2023, 4, 1));
        version.EffectiveTo.Should().BeNull();
        version.Jurisdiction.Should().Be("nerima");
    }

    [Fact]
    public void Load_VersionPre2023_EndsOn2023_03_31()
    {
        // Arrange / Act
        var version = shipped.Version("nerima/pre-2023").Version;

        // Assert
        version.EffectiveTo.Should().Be(new DateOnly(2023, 3, 31));
        version.InForceOn(new DateOnly(2023, 3, 31)).Should().BeTrue();
        version.InForceOn(new DateOnly(2023, 4, 1)).Should().BeFalse();
    }

    [Theory]
    [InlineData("別表1", 3)]
    [InlineData("別表2", 11)]
    [InlineData("別表3", 21)]
    public void Load_Version2023_04_TableHasTheGuidelinesCategoriesNumberedInOrder(string table, int count)
    {
        // Arrange
        var expectedIds = Enumerable.Range(1, count).Select(n => $"{table}-{n}");

        // Act
        var categories = shipped.Current.Table(table)!.Categories;

        // Assert
        categories.Select(c => c.Id).Should().Equal(expectedIds);
        categories.Select(c => c.No).Should().Equal(Enumerable.Range(1, count));
        categories.Should().OnlyContain(c => c.Table == table);
    }

    [Fact]
    public void Load_Version2023_04_HasExactlyTheThreeTables()
    {
        // Arrange / Act
        var tables = shipped.Current.Tables.Select(t => t.Id);

        // Assert
        tables.Should().Equal("別表1", "別表2", "別表3");
    }

    // Expected wordings are copied from seeds/000_4ddf9eee692eaf36.txt, 別表1–3.
    [Theory]
    [InlineData("別表1-1", "行政施策を行うに際し、あらかじめ収集された情報により、居住要件・資格要件・助成要件・加入要件の確認をする必要がある場合")]
    [InlineData("別表1-3", "区政の統括的な管理運営または計画策定に関し、参考とするため他の業務に属する個人情報を利用する場合")]
    [InlineData("別表2-6", "社会福祉協議会が行う福祉事業等に必要情報を当該法人の求めに応じて提供する場合")]
    [InlineData("別表2-8", "要援護高齢者の生命、身体、健康または財産の安全を守るために支援関係者に対し情報を提供する場合")]
    [InlineData("別表2-11", "意思表示が困難な高齢者等要介護者の介護情報等の保有個人情報について、介護手続又は介護作業のため等、当該要介護者の生命、身体又は財産の保護のために必要な範囲で入所予定介護施設や当該要介護者に係る給付手続等を行う親族に提供する場合")]
    [InlineData("別表3-8", "区が交付する資料に基づき、宛名、通知書等の作成、封入・封かん、シール等の圧着を行い、発送する。その他品物を配送する。")]
    [InlineData("別表3-21", "法令等の定めるところにより、市区町村長に代わって行うことが前提とされている業務。")]
    public void Load_Version2023_04_CategoryWordingIsVerbatimFromTheGuideline(string id, string wording)
    {
        // Arrange / Act
        var category = shipped.Current.Category(id);

        // Assert
        category.Should().NotBeNull();
        category!.Wording.Should().Be(wording);
    }

    // The seed splits these two across a page break; the rule set must hold them as one sentence.
    [Theory]
    [InlineData("別表2-10", "区とJAとの協定のもと、生産緑地の所有者の情報をJAに提供して、新たな農業", "振興施策の検討、特定生産緑地の指定促進、生産緑地の貸借のあっせん等を行う場合")]
    [InlineData("別表3-19", "区が交付する資料に基づき、有資格者が調査、測量、評価、判定、交渉その他", "の事務処理を行うとともに、相談希望者または実施機関からの相談を受け、適切な助言指導を行う。")]
    public void Load_Version2023_04_CategorySplitAcrossAPageIsJoinedIntoOneSentence(string id, string beforeBreak, string afterBreak)
    {
        // Arrange / Act
        var wording = shipped.Current.Category(id)!.Wording;

        // Assert
        wording.Should().Be(beforeBreak + afterBreak);
    }

    [Theory]
    [InlineData("別表1", "法第69条第2項第2号")]
    [InlineData("別表3", "法第66条第2項")]
    public void Load_Version2023_04_EveryCategoryOfTheTableRestsOnItsProvision(string table, string basis)
    {
        // Arrange / Act
        var categories = shipped.Current.Table(table)!.Categories;

        // Assert
        categories.Should().AllSatisfy(c => c.Basis.Should().Equal(basis));
    }

    [Fact]
    public void Load_Version2023_04_Table2CategoriesRestOnItem3Or4()
    {
        // Arrange
        string[] items = ["法第69条第2項第3号", "法第69条第2項第4号"];

        // Act
        var categories = shipped.Current.Table("別表2")!.Categories;

        // Assert
        categories.Should().AllSatisfy(c => c.Basis.Should().NotBeEmpty().And.BeSubsetOf(items));
    }

    [Theory]
    [InlineData("教育振興部", "教育委員会")]
    [InlineData("教育振興部学務課", "教育委員会")]
    [InlineData("福祉部", "区長")]
    [InlineData("福祉部 生活福祉課", "区長")]
    public void Load_Version2023_04_OrganRegistryPlacesDepartmentUnderItsOrgan(string name, string organ)
    {
        // Arrange / Act
        var placement = shipped.Current.Organs.Find(name);

        // Assert
        placement.Should().NotBeNull();
        placement!.Organ.Id.Should().Be(organ);
    }

    [Fact]
    public void Load_Version2023_04_OrganRegistryDoesNotKnowAnInventedDepartment()
    {
        // Arrange / Act
        var placement = shipped.Current.Organs.Find("宇宙開発部");

        // Assert
        placement.Should().BeNull();
    }

    [Fact]
    public void Load_ShippedVersions_ContentHashesAreSha256AndDiffer()
    {
        // Arrange / Act
        var current = shipped.Version("nerima/2023-04").ContentHash;
        var previous = shipped.Version("nerima/pre-2023").ContentHash;

        // Assert
        current.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        previous.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        current.Should().NotBe(previous);
    }

    [Fact]
    public void Load_SameFolderTwice_GivesTheSameContentHash()
    {
        // Arrange
        var expected = shipped.Current.ContentHash;

        // Act
        var again = RuleSetLoader.Load(TestPaths.Version("nerima/2023-04")).ContentHash;

        // Assert
        again.Should().Be(expected);
    }

    [Fact]
    public void Load_CopyWithOneByteChanged_GivesADifferentContentHash()
    {
        // Arrange
        using var rules = TempRules.Copy("nerima/2023-04");
        rules.Replace("留意事項.yaml", "必要最小限としなければならない。", "必要最小限としなければならない！");

        // Act
        var hash = rules.Load().ContentHash;

        // Assert
        hash.Should().NotBe(shipped.Current.ContentHash);
    }
}
