using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// The readings of the issue "Legal fidelity II", each decided from the law and the guideline before the rule changed
/// (the clause is cited beside each case). The department-style cases of casebook/department hold them over whole cases.
/// </summary>
public sealed class LegalFidelityTests
{
    [Theory]
    [InlineData("tokyo_metropolis")]
    [InlineData("national_government")]
    [InlineData("police")]
    [InlineData("fire_service")]
    [InlineData("other_municipality")]
    [InlineData("social_welfare_council")]
    public void Screen_ProvisionToADomesticBodyWithoutSayingWhereItIs_DerivesThatItIsNotAbroadAndNeverAsks(string kind)
    {
        // Arrange: 法第71条第1項 concerns a third party in a foreign country; these bodies exist under Japanese law.
        var item = ProvideTo(kind, Ward.SchoolAidFile, "other") with { Recipient = new Recipient { Kind = kind }, RequestedByRecipient = false };

        // Act
        var decision = ScreenItem(item);

        // Assert: decided without the question, and the derivation shows in the rationale.
        decision.Outcome.Should().NotBe(Outcome.MoreInformationNeeded);
        decision.QuestionFacts().Should().NotContain("recipient.outside_japan");
        decision.StepRules().Should().Contain("導出-国内の相手方");
    }

    [Fact]
    public void Screen_ProvisionToAPrivateCompanyWithoutSayingWhereItIs_AsksWhetherItIsAbroadOnlyWhenConsentMakesItMatter()
    {
        // Arrange: consent (1号) works abroad only as consent to provision abroad (法第71条第1項), so where the company is matters.
        var item = ProvideTo("private_company", Ward.SchoolAidFile, "other") with
        {
            Recipient = new Recipient { Kind = "private_company" },
            Consent = true,
        };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.QuestionFacts().Should().Contain("recipient.outside_japan");
    }

    [Fact]
    public void Screen_ConsentThatDoesNotCoverProvisionAbroad_GoesToItem4InsteadOfItem1()
    {
        // Arrange: 法第71条第1項 excepts 法令 and 第69条第2項第4号, not 第1号: general consent does not carry a provision abroad.
        var item = ProvideTo("private_company", Ward.SchoolAidFile, "other").Abroad() with { Consent = true, ConsentToForeignProvision = false };

        // Act
        var decision = ScreenItem(item);

        // Assert: no 別表2 category fits a foreign company here, so the committee judges whether 4号 holds; never a flat refusal.
        decision.Outcome.Should().Be(Outcome.NeedsReview);
        decision.Provision.Should().Be(Provisions.Item4);
        decision.Flags.Should().Contain(f => f.Contains("外国にある第三者", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_ConsentToProvisionAbroad_IsItem1AndBindsArticle71Paragraph2()
    {
        // Arrange
        var item = ProvideTo("private_company", Ward.SchoolAidFile, "other").Abroad() with { Consent = true, ConsentToForeignProvision = true };

        // Act
        var decision = ScreenItem(item);

        // Assert: 1号 decides; 第71条第2項 (information given to the person before consent) still binds, with its own article.
        decision.Outcome.Should().Be(Outcome.ConsentOrToPerson);
        decision.Provision.Should().BeNull("a consent case rests on 第1号, not on the 号 of the guideline's tables");
        decision.Conditions.Should().ContainSingle().Which.Should().EndWith("（法第71条第2項）");
    }

    [Fact]
    public void Screen_ConsentToARecipientAbroadNotSayingWhatItCovers_AsksOnlyThen()
    {
        // Arrange
        var item = ProvideTo("relative", Ward.SchoolAidFile, "other").Abroad() with { Consent = true };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.QuestionFacts().Should().Contain("consent.foreign_provision");
    }

    [Fact]
    public void Screen_ProvisionUnderAnOrdinance_IsNotBasedOnLawButJudgedUnderParagraph2()
    {
        // Arrange: 法第61条第1項's parenthesis extends 法令 to 条例 only for 第69条第2項第2号・第3号 and others, not 第69条第1項.
        var item = UseBy(Ward.WelfareLivingSection, Ward.SchoolAidFile, "eligibility_check") with
        {
            Statute = new LawReference { Applies = true, Kind = "ordinance", Name = "練馬区就学援助条例第5条" },
            RequestedByRecipient = true,
        };

        // Act
        var decision = ScreenItem(item);

        // Assert: a provision across organs, covered by 別表2 No.3 (a 地方公共団体's requirement check), with the ordinance flagged.
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.FitIds().Should().Contain("別表2-3");
        decision.StepRules().Should().Contain("注意-条例に基づく利用・提供");
    }

    [Fact]
    public void Screen_StatuteThatDoesNotSayWhetherItIsALawOrAnOrdinance_AsksWhichItIs()
    {
        // Arrange
        var item = UseBy(Ward.WelfareLivingSection, Ward.SchoolAidFile, "inquiry") with
        {
            Statute = new LawReference { Applies = true, Name = "生活保護法第29条" },
        };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.QuestionFacts().Should().Contain("statute.kind");
    }

    [Fact]
    public void Screen_FileNotInTheRegistryAndNoHolderGiven_AsksWhichSectionHoldsIt()
    {
        // Arrange: a department often does not know who holds a file; that is an unknown fact, not a malformed intake.
        var item = UseBy(Ward.SchoolAffairsSection, "学校図書館利用者ファイル", "coordinated_support");

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.Questions.Should().ContainSingle(q => q.Fact == "holder.organ")
            .Which.Text.Should().Be("個人情報ファイルを保有している課はどこですか。");
    }

    [Fact]
    public void Screen_StatutoryInquiryThatAlsoMatchesACategory_CarriesNoCategoryNo号AndNoGuidelineCondition()
    {
        // Arrange: a police inquiry under 刑事訴訟法第197条第2項 would also read as 別表2 No.2 (an inquiry by a public body).
        var item = ProvideTo("police", Ward.FamilyRegisterFile, "inquiry") with
        {
            Statute = new LawReference { Applies = true, Kind = "national_law", Name = "刑事訴訟法第197条第2項" },
            RequestedByRecipient = true,
        };

        // Act
        var decision = ScreenItem(item);

        // Assert: the statute decides (法第69条第1項); the guideline's categories and notes are not its reasons.
        decision.Outcome.Should().Be(Outcome.BasedOnLaw);
        decision.Primary.Should().BeNull();
        decision.Fits.Should().BeEmpty();
        decision.Provision.Should().BeNull();
        decision.Conditions.Should().BeEmpty();
        decision.Steps.Should().NotContain(s => s.Kind == Domain.Model.RuleKind.Category);
    }

    [Fact]
    public void Screen_ProvisionWithinTheRegisteredPurpose_StillBindsTheArticle70Request()
    {
        // Arrange: 法第70条 covers provision 「利用目的のために」 as well as under 第69条第2項第3号・第4号.
        var item = ProvideTo("tokyo_metropolis", Ward.SchoolAidFile, "other") with { WithinRegisteredPurpose = true };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.NotOutOfPurpose);
        decision.Conditions.Should().ContainSingle().Which.Should().EndWith("（法第70条）");
    }

    [Fact]
    public void Screen_CrossOrganUseByTheProposingSectionWithoutSayingItAsked_AsksWhetherThereWasAnInquiry()
    {
        // Arrange: 別表2 No.2 needs an actual 照会; that the recipient proposes is no evidence of one (never defaulted).
        var item = UseBy(Ward.WelfareLivingSection, Ward.SchoolSocialWorkFile, "coordinated_support");

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.QuestionFacts().Should().Contain("recipient.requested");
    }

    [Fact]
    public void Screen_SocialWelfareCouncilAsksForStatistics_NeedsReview()
    {
        // Arrange: 社協 has its own category (別表2 No.6: its welfare work, at its request); statistics are not that work, and
        // reading No.2's 「その他の公共的団体」 to include 社協 would make No.6's limits pointless.
        var item = ProvideTo("social_welfare_council", Ward.ElderlySupportFile, "statistics_research") with { RequestedByRecipient = true };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.NeedsReview);
        decision.Fits.Should().BeEmpty();
    }

    [Fact]
    public void Screen_InternalUsePurelyForAcademicResearch_FitsNo別表1Category()
    {
        // Arrange: 別表1 No.3 is 区政の統括的な管理運営または計画策定; academic research is neither.
        var item = SchoolAidCheck with { PurposeKind = "statistics_research" };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.NeedsReview);
    }

    [Theory]
    [InlineData("standard_clauses", "方針-特記事項を付けない委託")]
    [InlineData("outside_japan", "方針-国外で取り扱う委託")]
    [InlineData("unapproved_subcontracting", "方針-承認のない再委託")]
    public void Screen_OutsourcingUnderEveryTask_ButAgainstAPolicyOfTheVersion_IsReferredUnderThatNamedPolicy(string departure, string policy)
    {
        // Arrange: neither 別表3 nor the 留意事項 speak of these; the version's policy (the ward's 特記事項, 法第66条) refers them.
        var outsourcing = Outsourcing(Task("printing_mailing"));
        outsourcing = departure switch
        {
            "standard_clauses" => outsourcing with { StandardClauses = false },
            "outside_japan" => outsourcing with { OutsideJapan = true },
            _ => outsourcing with { Subcontracting = true, SubcontractingApproved = false },
        };

        // Act
        var decision = ScreenItem(outsourcing);

        // Assert
        decision.Outcome.Should().Be(Outcome.NeedsReview);
        decision.DecidingRule.Should().Be(policy);
        decision.Article.Should().StartWith("この版の方針");
    }

    [Fact]
    public void Screen_Pre2023UseOutsideTheKnownCriterion_NamesTheCriteriaTheSourcesLack()
    {
        // Arrange: the 事前一括承認基準 had more 類型 than 類型1, which the sources do not give.
        var item = UseBy("区民部戸籍住民課", "外国人登録に関する業務", "planning_reference");

        // Act
        var decision = Screen(On(new DateOnly(2010, 6, 1), item)).Items.Single();

        // Assert: the usual route (諮問) with a rationale that says what was not checked.
        decision.Outcome.Should().Be(Outcome.NeedsReview);
        decision.Steps.Single(s => s.RuleId == decision.DecidingRule).Sentence.Should().Contain("資料になく");
    }
}
