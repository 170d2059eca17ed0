using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// Seed 001 別紙 No.1–43 (FY2024 use and provision rows, grouped as domain.md reads them): the published totals are
/// 27 目的外利用 and 16 目的外提供 files, every one covered by the guideline. The split follows from the organs alone.
/// </summary>
public sealed class Fy2024TallyTests
{
    private const string LivingSection = "福祉部生活福祉課";
    private const string WelfareOffice = "福祉部総合福祉事務所";
    private const string ElderlySection = "高齢施策担当部高齢者支援課";
    private const string DisabilityServices = "福祉部障害者サービス調整担当課";
    private const string Centre = "こども家庭部子ども家庭支援センター";
    private const string Management = "福祉部管理課";

    private static readonly string[] WelfareAndHealthFiles =
    [
        "心身障害者援護事務ファイル", "生活保護事務（法外援護事務を含む。）ファイル", "知的障害者指導台帳ファイル",
        "包括的支援事業の実施等に関する業務ファイル", "養護者虐待・養介護施設従事者による虐待業務ファイル",
    ];

    private static IEnumerable<(int No, string User, string File, string PurposeKind)> Rows()
    {
        var rows = new List<(string User, string File, string PurposeKind)>();
        void Add(string user, string kind, params string[] files) => rows.AddRange(files.Select(f => (user, f, kind)));

        // 1–11 【生活困窮者自立相談支援事業】
        Add(LivingSection, "coordinated_support", [.. WelfareAndHealthFiles, "高齢者の支援に関する業務ファイル", "精神障害者手帳ファイル",
            "自立支援医療（精神通院医療）ファイル", "精神保健相談記録ファイル", Ward.SchoolSocialWorkFile, Ward.ChildProtectionFile]);
        // 12 【心身・知的障害者援護事務】
        Add(WelfareOffice, "coordinated_support", "精神保健相談記録ファイル");
        // 13–22 【生活支援体制整備事業】
        Add(ElderlySection, "coordinated_support", ["精神保健相談記録ファイル", Ward.NeedyPersonsFile, .. WelfareAndHealthFiles,
            "自立支援医療（精神通院医療）ファイル", "精神障害者手帳ファイル", "精神保健相談記録ファイル"]);
        // 23 【練馬区障害者リフト付福祉タクシー事業】
        Add(DisabilityServices, "eligibility_check", "精神障害者手帳ファイル");
        // 24–27 【母性および乳幼児の健康の保持および増進に関する包括的な支援業務】
        Add(Centre, "coordinated_support", "精神保健相談記録ファイル", "妊産婦・新生児訪問指導記録ファイル", "妊娠届出書ファイル", "母子カルテファイル");
        // 28–40 【ヤングケアラー支援業務】
        Add(Centre, "coordinated_support", ["ふれあい月間アンケートファイル", Ward.SchoolSocialWorkFile, "児童館・および直営学童保育クラブ利用者ファイル",
            "若者の自立支援に関する業務ファイル", "ひとり親・母子等への支援に関する業務ファイル", Ward.NeedyPersonsFile, Ward.ElderlySupportFile,
            "高齢者総合相談に関する業務ファイル", .. WelfareAndHealthFiles[..4], "精神保健相談記録ファイル"]);
        // 41–43 【物価高騰対策給付金事務】
        Add(Management, "eligibility_check", Ward.FamilyRegisterFile, "練馬区配偶者暴力相談支援センターに関する業務ファイル", Ward.ChildProtectionFile);

        return rows.Select((r, i) => (i + 1, r.User, r.File, r.PurposeKind));
    }

    [Fact]
    public void Screen_Fy2024UseAndProvisionRows_SplitIntoThePublished27UsesAnd16Provisions()
    {
        // Arrange
        var rows = Rows().ToList();
        // One intake for all seven projects: each using section asked for the information itself.
        var intake = Intakes.Case([.. rows.Select(r => UseBy(r.User, r.File, r.PurposeKind) with
        {
            Id = r.No.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RequestedByRecipient = true,
        })]);

        // Act
        var decision = Screen(intake);

        // Assert
        rows.Should().HaveCount(43);
        decision.Items.Count(i => i.Transfer == Provisions.Use).Should().Be(27);
        decision.Items.Count(i => i.Transfer == Provisions.Provision).Should().Be(16);
        decision.Items.Where(i => i.Transfer == Provisions.Provision).Select(i => i.ItemId).Should().BeEquivalentTo(
            ["10", "11", "24", "25", "26", "27", "32", "33", "34", "35", "36", "37", "38", "39", "40", "43"],
            "seed 001 marks No.24–27, No.32–40 and No.43 目的外提供, and 教育振興部's No.10 and こども家庭部's No.11 go to 福祉部");
        decision.Outcome.Should().Be(Outcome.Covered, "「全件がガイドラインに該当」");
    }
}
