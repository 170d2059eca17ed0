using GuidelineEngine.Domain.Model;
using GuidelineEngine.Application.Reporting;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Application.Tests.Reporting;

/// <summary>
/// The annual report built from the FY2023 and FY2024 casebook cases loaded as records. Every expected figure is the
/// seed's: 000_4ddf9eee692eaf36.txt 「令和5年度 個人情報の利活用の状況について」 and 001_432322869203f666.txt 資料2
/// 「令和６年度 個人情報の利活用の状況について」 and 資料3 (the national table).
/// </summary>
[Collection(CasebookRecordsCollection.Name)]
public sealed class AnnualReportTests(CasebookRecordsFixture casebook)
{
    private AnnualReportData Fy2023 => AnnualReport.Build(casebook.Records, 2023);
    private AnnualReportData Fy2024 => AnnualReport.Build(casebook.Records, 2024);

    [Fact]
    public void Build_Fy2024CasebookAsRecords_ReproducesThePublished55Files()
    {
        var report = Fy2024;

        // ② 新たに目的外利用および目的外提供等を行った保有個人情報ファイル数 ５５ファイル
        // 【内訳】 目的外利用 ２７ファイル 目的外提供 １６ファイル 業務委託 １２ファイル
        report.Files.Total.Should().Be(55);
        report.Files.Use.Should().Be(27);
        report.Files.Provision.Should().Be(16);
        report.Files.Outsourcing.Should().Be(12);
        report.Files.Unknown.Should().Be(0);
    }

    [Fact]
    public void Build_Fy2024CasebookAsRecords_Counts19ConsultationsAllUnderTheGuidelineAndNoCommitteeCase()
    {
        var c = Fy2024.Consultations;

        // ① 協議件数 １９件 ※ 全件がガイドラインに該当
        c.Total.Should().Be(19);
        c.UnderGuideline.Should().Be(19);
        c.CoveredByOffice.Should().Be(19, "the casebook loader decides every case as its source records");
        c.Undecided.Should().Be(0);
        // All 19 fell under the guideline, so none went to the 運営委員会.
        c.CommitteeCases.Should().Be(0);
        c.NotPermittedByOffice.Should().Be(0);
    }

    [Fact]
    public void Build_Fy2023CasebookAsRecords_ReproducesThePublished111Files()
    {
        var report = Fy2023;

        // ① 協議件数 19 件 ※全件がガイドラインに該当 / 運営委員会への審議案件はなし
        report.Consultations.Total.Should().Be(19);
        report.Consultations.UnderGuideline.Should().Be(19);
        report.Consultations.CommitteeCases.Should().Be(0);
        // ③ 111 ファイル 【内訳】 目的外利用・提供 109 ファイル 業務委託 2 ファイル
        report.Files.Total.Should().Be(111);
        report.Files.UseOrProvision.Should().Be(109);
        report.Files.Outsourcing.Should().Be(2);
    }

    [Fact]
    public void Build_Fy2023_ShowsOurUseAndProvisionSplitAndSaysTheSeedHasNone()
    {
        var report = Fy2023;

        (report.Files.Use + report.Files.Provision).Should().Be(109);
        report.Comparisons.Where(c => c.Item is "目的外利用" or "目的外提供")
            .Should().OnlyContain(c => c.Result == ComparisonResult.NotPublished && c.Published == null);
        report.Notes.Should().Contain(n => n.Contains("内訳を示していない", StringComparison.Ordinal)
            && n.Contains("109ファイル", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2023)]
    [InlineData(2024)]
    public void Build_CasebookAsRecords_MatchesEveryPublishedFigureItCanCompare(int fiscalYear)
    {
        var report = AnnualReport.Build(casebook.Records, fiscalYear);

        report.Comparisons.Should().NotBeEmpty();
        report.Mismatches.Should().BeEmpty();
        report.Notes.Should().Contain(n => n.Contains("すべて一致した", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_Fy2024_ListsThe43UseAndProvisionRowsAndThe12OutsourcingsInTheSeedsOrder()
    {
        var report = Fy2024;

        report.UseOrProvisionRows.Should().HaveCount(43);
        report.OutsourcingRows.Should().HaveCount(12);
        report.UseOrProvisionRows.Select(r => r.No).Should().Equal(Enumerable.Range(1, 43));
        report.OutsourcingRows.Select(r => r.No).Should().Equal(Enumerable.Range(44, 12));
        report.UseOrProvisionRows.Count(r => r.Kind == TransferKind.Use).Should().Be(27);
        report.UseOrProvisionRows.Count(r => r.Kind == TransferKind.Provision).Should().Be(16);

        // Rows as the seed's 別紙 prints them (row number, file, holding section, and where the print kept it, 区分).
        Row(report, 1).File.Should().Be("心身障害者援護事務ファイル");
        Row(report, 1).Section.Should().Be("福祉部生活福祉課");
        Row(report, 1).Work.Should().StartWith("【生活困窮者自立相談支援事業】");
        Row(report, 6).File.Should().Be("高齢者の支援に関する業務ファイル");
        Row(report, 6).HoldingSection.Should().Be("高齢施策担当部高齢者支援課");
        Row(report, 7).HoldingSection.Should().Be("健康部保健予防課");
        Row(report, 12).Work.Should().StartWith("【心身・知的障害者援護事務】");
        Row(report, 23).Should().Match<UseOrProvisionRow>(r => r.Section == "福祉部障害者サービス調整担当課"
            && r.Kind == TransferKind.Use && r.File == "精神障害者手帳ファイル" && r.HoldingSection == "健康部保健予防課");
        Row(report, 28).File.Should().Be("ふれあい月間アンケートファイル");
        Row(report, 28).HoldingSection.Should().Be("教育振興部教育指導課");
        Row(report, 41).Should().Match<UseOrProvisionRow>(r => r.Section == "福祉部管理課"
            && r.File == "戸籍事務ファイル" && r.HoldingSection == "区民部戸籍住民課");
        Row(report, 43).Should().Match<UseOrProvisionRow>(r => r.Kind == TransferKind.Provision
            && r.File == "要保護児童関連台帳ファイル" && r.HoldingSection == "こども家庭部子ども家庭支援センター");

        var first = report.OutsourcingRows[0];
        first.Section.Should().Be("企画部企画課");
        first.Work.Should().Contain("外国人住民の生活実態等をアンケート票により調査");
        first.File.Should().Be("外国人住民向けアンケート調査送付対象者ファイル");
        report.OutsourcingRows[^1].File.Should().Be("ベビーシッター利用支援事業（一時預かり利用支援）利用台帳ファイル");
        report.OutsourcingRows[^1].Work.Should().Be("ベビーシッター利用料助成に関する業務");
    }

    [Fact]
    public void Build_Fy2023_ListsThe109RowsAndNumbersTheOutsourcings110And111()
    {
        var report = Fy2023;

        report.UseOrProvisionRows.Should().HaveCount(109);
        // 別紙2 「○ 業務委託」: 110 避難行動要支援者名簿・個別避難計画ファイル / 111 保護者向け情報伝達サービスファイル
        report.OutsourcingRows.Select(r => (r.No, r.Section, r.File)).Should().Equal(
            (110, "福祉部", "避難行動要支援者名簿・個別避難計画ファイル"),
            (111, "教育振興部", "保護者向け情報伝達サービスファイル"));
        report.OutsourcingRows[0].Work.Should().Be(
            "【避難行動要支援者名簿・個別避難計画ファイル作成に関する業務】 ①「現況調査票」の印刷・封入 ②システム運用・保守 ③「現況調査票」の審査 ④「現況調査票」データ入力作業 ⑤「避難行動要支援者名簿等」の印刷");
        // The first block of 別紙2: 福祉部 【ひとり親家庭の相談業務】 心身障害者援護事務ファイル (福祉部).
        report.UseOrProvisionRows[0].Should().Match<UseOrProvisionRow>(r => r.Section == "福祉部"
            && r.Work.StartsWith("【ひとり親家庭の相談業務】") && r.File == "心身障害者援護事務ファイル" && r.HoldingSection == "福祉部");
        // The last: 教育振興部 【多子世帯に対する学校給食費補助業務】 生活保護事務(法外援護事務を含む。)ファイル (福祉部).
        report.UseOrProvisionRows[^1].Should().Match<UseOrProvisionRow>(r => r.Section == "教育振興部"
            && r.Work.StartsWith("【多子世帯に対する学校給食費補助業務】") && r.File == "生活保護事務(法外援護事務を含む。)ファイル"
            && r.HoldingSection == "福祉部");
    }

    [Fact]
    public void Build_Fy2024_CountsThe69Article2ItemsFromTheRecordsAndCitesTheNationalRow()
    {
        var report = Fy2024;

        // 目的外利用 (27) is 2号; every FY2024 provision goes to another organ of the ward (教育委員会 or another organ's
        // section, seed 別紙), which is 3号 — none to a private body (4号).
        report.Provisions.Item2.Should().Be(27);
        report.Provisions.Item3.Should().Be(16);
        report.Provisions.Item4.Should().Be(0);
        report.Provisions.Article69Paragraph2.Should().Be(43);

        // 資料3 「個人情報ファイルの目的外利用・提供の状況」 練馬区 38 26 18 11 1 (令和５年度).
        report.National.Should().NotBeNull();
        report.National!.FiscalYear.Should().Be(2023);
        (report.National.BasedOnLaw, report.National.Article69Paragraph2, report.National.Item2, report.National.Item3, report.National.Item4)
            .Should().Be((38, 26, 18, 11, 1));
        report.National.Caveat.Should().Be("区の令和５年度運用状況とは集計方法が異なるため、件数等は一致しない。");
    }

    [Fact]
    public void Build_Fy2024WithoutOneOutsourcingRecord_SaysWhichPublishedFiguresItCannotReproduce()
    {
        var withoutLast = casebook.Records.Where(r => !r.Intake.Contains("id: fy2024-55-itaku-babysitter", StringComparison.Ordinal));

        var report = AnnualReport.Build(withoutLast, 2024);

        report.Mismatches.Select(m => (m.Item, m.Ours, m.Published)).Should().BeEquivalentTo(new[]
        {
            ("協議件数", 18, (int?)19), ("ガイドラインに該当", 18, (int?)19), ("ファイル数（合計）", 54, (int?)55), ("業務委託", 11, (int?)12),
        });
        report.Notes.Should().Contain(n => n.Contains("一致しない数", StringComparison.Ordinal) && n.Contains("業務委託（記録から11、公表12）", StringComparison.Ordinal));
        var writer = new StringWriter();
        AnnualReportWriter.WriteMarkdown(report, writer);
        writer.ToString().Should().Contain("| 業務委託 | 11 | 12 | 不一致 |");
    }

    [Fact]
    public void Build_OtherFiscalYears_LeavesTheCasebookOut()
    {
        var report = AnnualReport.Build(casebook.Records, 2022);

        report.Consultations.Total.Should().Be(0);
        report.Files.Total.Should().Be(0);
        report.Published.Should().BeNull();
        report.National.Should().BeNull();
        report.Notes.Should().Contain(n => n.Contains("公表値は資料にない", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_RecordsStoredWithLabels_CountsAsTheirCodesThroughTheVersionCatalogue()
    {
        // Arrange: decisions stored before codes held the judging version's labels in transfer and provision; entries are
        // never rewritten, so the report maps the labels back through that version's fact catalogue.
        var versions = RuleSetCatalog.Load(TestPaths.Rules).Versions;
        var labelled = casebook.Records.Select(r => r with { Decision = AsStoredBeforeCodes(r.Decision, versions) }).ToList();
        labelled.Should().Contain(r => r.Decision.Contains("\"transfer\":\"目的外提供\"", StringComparison.Ordinal));

        // Act
        var fromLabels = AnnualReport.Build(labelled, 2024, versions);

        // Assert
        var fromCodes = Fy2024;
        fromLabels.Files.Should().Be(fromCodes.Files);
        fromLabels.Provisions.Should().Be(fromCodes.Provisions);
        fromLabels.UseOrProvisionRows.Select(r => r.Kind).Should().Equal(fromCodes.UseOrProvisionRows.Select(r => r.Kind));
    }

    [Fact]
    public void PublishedFigures_ComeFromTheDataFileWithTheirSources()
    {
        PublishedFigures.Reports.Select(r => r.FiscalYear).Should().Equal(2023, 2024);
        PublishedFigures.Reports.Should().OnlyContain(r => r.Source.StartsWith("00", StringComparison.Ordinal));
        PublishedFigures.ReportFor(2024)!.Use.Should().Be(27);
        PublishedFigures.ReportFor(2023)!.Use.Should().BeNull("the FY2023 publication gives only the total 109");
        PublishedFigures.NationalFor(2024)!.Item2.Should().Be(18);
    }

    /// <summary>The decision JSON as written before codes: the judging version's labels in place of the codes.</summary>
    private static string AsStoredBeforeCodes(string decision, IReadOnlyList<RuleSetDefinition> versions)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(decision)!;
        var version = versions.Single(v => v.Version.Id == root["version_id"]!.GetValue<string>());
        foreach (var item in root["items"]!.AsArray())
        {
            var fields = item!.AsObject();
            foreach (var (field, fact) in new[] { ("transfer", "transfer"), ("provision", "legal.basis") })
            {
                if (fields[field] is { } code)
                {
                    fields[field] = version.Fact(fact)!.LabelOf(code.GetValue<string>());
                }
            }
        }
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [Theory]
    [InlineData(2009, "平成21年度")]
    [InlineData(2019, "令和元年度")]
    [InlineData(2024, "令和6年度")]
    public void FiscalYearLabel_WritesTheEra(int fiscalYear, string expected) =>
        AnnualReport.FiscalYearLabel(fiscalYear).Should().Be(expected);

    private static UseOrProvisionRow Row(AnnualReportData report, int no) => report.UseOrProvisionRows.Single(r => r.No == no);
}
