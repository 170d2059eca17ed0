using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Domain.Tests;

public sealed class RegistryTests
{
    private static readonly OrganRegistry Organs = new([
        new OrganDefinition
        {
            Id = "区長", Name = "練馬区長", Kind = OrganKind.AdministrativeOrgan,
            Departments = [new DepartmentDefinition { Name = "福祉部", Sections = [new SectionDefinition { Name = "生活福祉課" }] }],
        },
        new OrganDefinition
        {
            Id = "教育委員会", Name = "練馬区教育委員会", Kind = OrganKind.AdministrativeOrgan,
            Departments = [new DepartmentDefinition { Name = "こども家庭部", Aliases = ["子ども家庭部"], Sections = [new SectionDefinition { Name = "子ども家庭支援センター" }] }],
        },
    ]);

    [Theory]
    [InlineData("福祉部", "区長")]
    [InlineData("福祉部生活福祉課", "区長")]
    [InlineData("福祉部 生活福祉課", "区長")]
    [InlineData("子ども家庭部子ども家庭支援センター", "教育委員会")]
    public void Find_DepartmentOrSectionAsStaffWriteIt_GivesItsOrgan(string name, string organ)
    {
        Organs.Find(name)!.Organ.Id.Should().Be(organ);
    }

    [Fact]
    public void Find_SectionUnderAnotherDepartment_IsNotFound()
    {
        Organs.Find("こども家庭部生活福祉課").Should().BeNull();
    }

    [Fact]
    public void FileRegistry_FullAndHalfWidthParentheses_FindTheSameFile()
    {
        var files = new FileRegistry([new FileDefinition { Name = "生活保護事務（法外援護事務を含む。）ファイル", Holder = "福祉部" }]);

        files.Find("生活保護事務(法外援護事務を含む。)ファイル").Should().NotBeNull();
        files.Find("生活保護事務ファイル").Should().BeNull();
    }

    [Fact]
    public void NameKey_WidthAndSpaces_AreIgnored()
    {
        NameKey.Of("ＡＢＣ　福祉部 ").Should().Be("ABC福祉部");
    }

    // NameKey leaves names of kanji, kana and ASCII letters and digits as they are without normalising them: that
    // shortcut is right only if NFKC leaves every such character unchanged and none is white space.
    [Fact]
    public void NameKey_CharactersItDoesNotNormalise_AreTheirOwnNfkcForm()
    {
        var ranges = new[] { ('0', '9'), ('A', 'Z'), ('a', 'z'), ('\u3041', '\u3096'), ('\u30A1', '\u30FA'), ('\u30FC', '\u30FC'), ('\u4E00', '\u9FFF') };
        var changed = ranges
            .SelectMany(r => Enumerable.Range(r.Item1, r.Item2 - r.Item1 + 1).Select(c => ((char)c).ToString()))
            .Where(c => c.Normalize(System.Text.NormalizationForm.FormKC) != c || char.IsWhiteSpace(c[0]) || NameKey.Of(c) != c)
            .ToList();
        changed.Should().BeEmpty();
        NameKey.Of("福祉部\u3000生活福祉課（ＡＢ）").Should().Be("福祉部生活福祉課(AB)");
    }
}
