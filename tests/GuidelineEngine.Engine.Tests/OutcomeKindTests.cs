using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Tests;

/// <summary>Each outcome the engine gives, from 法69条 and the guideline (domain.md, seed 000).</summary>
public sealed class OutcomeKindTests
{
    [Fact]
    public void Screen_UseWithinTheFilesRegisteredPurpose_IsNotOutOfPurpose()
    {
        // Arrange
        var item = SchoolAidCheck with { WithinRegisteredPurpose = true };

        // Act
        var decision = ScreenItem(item);

        // Assert: 法69条1項 restricts only use outside the purpose; no consultation, nothing binds.
        decision.Outcome.Should().Be(Outcome.NotOutOfPurpose);
        decision.Article.Should().Be("法第69条第1項");
        decision.Conditions.Should().BeEmpty();
    }

    [Fact]
    public void Screen_ProvisionRequestedUnderANamedStatute_IsBasedOnLaw()
    {
        // Arrange: the welfare office asks the education board under 生活保護法第29条 (資料の提供等).
        var item = UseBy("福祉部総合福祉事務所", Ward.SchoolAidFile, "inquiry") with
        {
            Statute = new LawReference { Applies = true, Kind = "national_law", Name = "生活保護法第29条" },
        };

        // Act
        var decision = ScreenItem(item);

        // Assert: 「法令に基づく場合」 — the statute decides, not the guideline.
        decision.Outcome.Should().Be(Outcome.BasedOnLaw);
        decision.Article.Should().Be("法第69条第1項");
        decision.DecidingRule.Should().Be("法69条1項-法令に基づく場合");
        decision.Steps.Single(s => s.RuleId == decision.DecidingRule).Sentence.Should().Contain("生活保護法第29条");
    }

    [Fact]
    public void Screen_StatuteAppliesButIsNotNamed_AsksForTheStatuteName()
    {
        // Arrange
        var item = UseBy("福祉部総合福祉事務所", Ward.SchoolAidFile, "inquiry") with { Statute = new LawReference { Applies = true, Kind = "national_law" } };

        // Act
        var decision = ScreenItem(item);

        // Assert: domain.md — a proposal based on a statute must name it.
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.DecidingRule.Should().BeNull();
        decision.QuestionFacts().Should().Contain("statute.name");
    }

    [Fact]
    public void Screen_PersonConsented_IsConsentOrToPerson()
    {
        // Arrange
        var item = UseBy(Ward.SchoolAffairsSection, Ward.SchoolAidFile, "other") with { Consent = true };

        // Act
        var decision = ScreenItem(item);

        // Assert: 法69条2項1号; no guideline category is needed.
        decision.Outcome.Should().Be(Outcome.ConsentOrToPerson);
        decision.Article.Should().Be("法第69条第2項第1号");
    }

    [Fact]
    public void Screen_ProvisionToThePersonThemself_IsConsentOrToPerson()
    {
        // Arrange: no consent asked, the data goes to the person it is about.
        var item = ProvideTo("person_self", Ward.SchoolAidFile, "other");

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.ConsentOrToPerson);
        decision.Article.Should().Be("法第69条第2項第1号");
    }

    [Fact]
    public void Screen_EducationBoardChecksEligibilityInItsOwnFile_IsCoveredByTable1Under2go()
    {
        // Arrange
        var item = SchoolAidCheck;

        // Act
        var decision = ScreenItem(item);

        // Assert: 別表1 No.1 「…居住要件・資格要件・助成要件・加入要件の確認…」
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.Transfer.Should().Be(Provisions.Use);
        decision.Provision.Should().Be(Provisions.Item2);
        decision.Primary!.CategoryId.Should().Be("別表1-1");
        decision.Primary.Basis.Should().Contain("法第69条第2項第2号");
    }

    [Fact]
    public void Screen_SocialWelfareCouncilAtItsRequest_IsCoveredBy別表2_6Under4go()
    {
        // Arrange: 別表2 No.6 「社会福祉協議会が行う福祉事業等に必要情報を当該法人の求めに応じて提供する場合」
        var item = ProvideTo("social_welfare_council", Ward.ElderlySupportFile, "welfare_service") with { RequestedByRecipient = true };

        // Act
        var decision = ScreenItem(item);

        // Assert: 社会福祉協議会 is not an organ of the state or a local government, so 4号.
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.Transfer.Should().Be(Provisions.Provision);
        decision.Provision.Should().Be(Provisions.Item4);
        decision.Primary!.CategoryId.Should().Be("別表2-6");
    }

    [Fact]
    public void Screen_AdvanceProvisionToThePolice_IsCoveredBy別表2_4Under3go()
    {
        // Arrange: 別表2 No.4 「区民の生命、身体または財産の安全を守るために、あらかじめ警察署、消防署に対し情報を提供する場合」
        var item = ProvideTo("police", Ward.EvacuationFile, "safety_advance");

        // Act
        var decision = ScreenItem(item);

        // Assert: the police (an organ of 東京都) is a local-government organ: 3号.
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.Provision.Should().Be(Provisions.Item3);
        decision.Primary!.CategoryId.Should().Be("別表2-4");
    }

    [Fact]
    public void Screen_OutsourcingWhoseEveryTaskIsListed_IsCoveredBy別表3()
    {
        // Arrange
        var item = Outsourcing(Task("data_entry"), Task("printing_mailing"));

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.Provision.Should().Be(Provisions.Outsourcing);
        decision.FitIds().Should().BeEquivalentTo(["別表3-4", "別表3-8"]);
    }

    [Fact]
    public void Screen_UseForAPurposeNoCategoryNames_NeedsReviewWithEveryTable1CategoryMissed()
    {
        // Arrange
        var item = UseBy(Ward.SchoolAffairsSection, Ward.SchoolAidFile, "other");

        // Act
        var decision = ScreenItem(item);

        // Assert: no 別表1 category fits, so the 運営委員会 reviews (ガイドライン3(1)), saying why each failed.
        decision.Outcome.Should().Be(Outcome.NeedsReview);
        decision.Fits.Should().BeEmpty();
        decision.Misses.Select(m => m.CategoryId).Should().BeEquivalentTo(["別表1-1", "別表1-2", "別表1-3"]);
        decision.Misses.Should().AllSatisfy(m =>
        {
            m.Undetermined.Should().BeFalse();
            m.Reasons.Should().NotBeEmpty().And.AllSatisfy(r => r.Should().Contain("目的の種類"));
        });
    }

    [Fact]
    public void Screen_ItemsDeclaredToIncludeTheMyNumber_IsNotPermitted()
    {
        // Arrange
        var item = SchoolAidCheck with { IncludesMyNumber = true };

        // Act
        var decision = ScreenItem(item);

        // Assert: 番号法第30条 switches off 法69条2項2号〜4号: a category that fits does not help.
        decision.Outcome.Should().Be(Outcome.NotPermitted);
        decision.DecidingRule.Should().Be("番号法-特定個人情報");
    }

    [Fact]
    public void Screen_CasebookMyNumberExample_DataItem個人番号IsNotPermitted()
    {
        // Arrange: casebook/examples/my-number.yaml lists 個人番号 among the data items only.
        var intake = Example("my-number.yaml");

        // Act
        var decision = Screen(intake);

        // Assert
        decision.Outcome.Should().Be(Outcome.NotPermitted);
        decision.Items.Single().DecidingRule.Should().Be("番号法-特定個人情報");
    }

    [Fact]
    public void Screen_MyNumberWithConsent_IsStillNotPermitted()
    {
        // Arrange: plain consent is not one of the cases 番号法 allows (第19条, 第30条の読替え).
        var item = SchoolAidCheck with
        {
            DataItems = ["氏名", "個人番号"],
            Consent = true,
        };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.NotPermitted);
    }

    [Fact]
    public void Screen_AnotherLawRestrictsTheUse_IsNotPermittedEvenThoughACategoryFits()
    {
        // Arrange: 留意事項 「他の法令の規定により…制限されている場合には、ガイドラインに該当する場合でも…不可」
        var item = SchoolAidCheck with
        {
            OtherLawRestriction = new LawReference { Applies = true, Name = "地方税法第22条" },
        };

        // Act
        var decision = ScreenItem(item);

        // Assert
        // The category that would fit is no reason for a prohibition, so it is not presented (issue "Legal fidelity II").
        decision.Outcome.Should().Be(Outcome.NotPermitted);
        decision.DecidingRule.Should().Be("法69条3項-他の法令による制限");
        decision.Fits.Should().BeEmpty();
        decision.Conditions.Should().BeEmpty();
    }

    [Fact]
    public void Screen_RiskOfUnjustInfringement_IsNotPermitted()
    {
        // Arrange
        var item = SchoolAidCheck with { RightsInfringementRisk = true };

        // Act
        var decision = ScreenItem(item);

        // Assert: 法69条2項ただし書.
        decision.Outcome.Should().Be(Outcome.NotPermitted);
        decision.DecidingRule.Should().Be("法69条2項ただし書-不当な侵害");
    }

    [Fact]
    public void Screen_RiskOfUnjustInfringementEvenWithConsent_IsNotPermitted()
    {
        // Arrange: ただし書 binds every 号 of 法69条2項, 1号 included.
        var item = UseBy(Ward.SchoolAffairsSection, Ward.SchoolAidFile, "other") with { RightsInfringementRisk = true, Consent = true };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.NotPermitted);
    }

    [Fact]
    public void Screen_ForeignGovernmentAbroadWithoutConsent_IsNotItem3AndGoesToTheCommitteeUnderItem4()
    {
        // Arrange: a foreign government is no 行政機関等 or 地方公共団体の機関 (3号 names only Japanese bodies); 法71条1項
        // excepts 4号, so without consent the provision is judged under 4号: no 別表2 category fits a foreign body here.
        var item = ProvideTo("other", Ward.SchoolAidFile, "inquiry").Abroad() with { RequestedByRecipient = true };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Provision.Should().Be(Provisions.Item4);
        decision.Outcome.Should().Be(Outcome.NeedsReview);
    }

    [Fact]
    public void Screen_Item4ProvisionToARelativeAbroad_IsNotStoppedByArticle71ButFlagged()
    {
        // Arrange: 別表2 No.11 to a relative who handles the care procedure from abroad; 4号 is excepted from 法71条.
        var item = ProvideTo("relative", Ward.ElderlySupportFile, "care_procedure").Abroad() with { PersonUnableToExpressWill = true };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Provision.Should().Be(Provisions.Item4);
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.Primary!.CategoryId.Should().Be("別表2-11");
        decision.Flags.Should().Contain(f => f.Contains("外国にある第三者", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_UseWithoutAPurposeKind_AsksForThePurposeKind()
    {
        // Arrange
        var item = UseBy(Ward.SchoolAffairsSection, Ward.SchoolAidFile, "other") with { PurposeKind = null };

        // Act
        var decision = ScreenItem(item);

        // Assert: the 別表1 categories turn on the purpose, so the engine cannot decide without it.
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        var question = decision.Questions.Should().ContainSingle(q => q.Fact == "purpose.kind").Subject;
        question.Text.Should().NotBeNullOrWhiteSpace();
        question.Choices.Select(c => c.Value).Should().Contain("eligibility_check");
        decision.Steps.Last().RuleId.Should().Be("情報不足");
    }

    [Fact]
    public void Screen_ConsentLeftOut_IsUnknownNotFalse()
    {
        // Arrange: everything else would make it covered; consent true would make it 1号 instead.
        var item = SchoolAidCheck with { Consent = null };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.QuestionFacts().Should().Contain("consent");
    }

    [Fact]
    public void Screen_InfringementRiskLeftOut_IsUnknownNotFalse()
    {
        // Arrange
        var item = SchoolAidCheck with { RightsInfringementRisk = null };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.QuestionFacts().Should().Contain("rights.infringement_risk");
    }

    [Fact]
    public void Screen_UnregisteredFileWithoutHolder_AsksWhoHoldsIt()
    {
        // Arrange: use or provision depends on the holder's organ.
        var item = UseBy(Ward.SchoolAffairsSection, "登録簿にないファイル", "eligibility_check") with { IncludesMyNumber = false };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.Transfer.Should().BeNull();
        decision.QuestionFacts().Should().Contain("holder.organ");
    }

    [Fact]
    public void Screen_CasebookMissingFactsExample_AsksForEveryFactThatDecides()
    {
        // Arrange: casebook/examples/missing-facts.yaml gives the file and a purpose in words only.
        var intake = Example("missing-facts.yaml");

        // Act
        var item = Screen(intake).Items.Single();

        // Assert: within purpose? (法69条1項), statute? (1項), consent? (2項1号), infringement? (ただし書), purpose kind (別表1).
        item.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        item.QuestionFacts().Should().Contain(["purpose.within_registered", "statute.applies", "consent", "rights.infringement_risk", "purpose.kind"]);
        item.Questions.Should().AllSatisfy(q => q.Text.Should().NotBeNullOrWhiteSpace());
    }
}
