using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Engine.Tests;

/// <summary>A case is judged by the version in force on its date, unless a version is named (domain.md).</summary>
public sealed class VersionSelectionTests
{
    [Fact]
    public void Screen_CasebookOutsourcingOf2019_NeedsTheCouncilsAdviceUnderTheOldOrdinance()
    {
        // Arrange: 旧条例第13条 — every outsourcing went to the 審議会 (seed 003, 総務部長).
        var intake = Example("2019-outsourcing.yaml");

        // Act
        var decision = Screen(intake);

        // Assert
        decision.VersionId.Should().Be(VersionIds.PreAct);
        decision.ReviewBody.Should().Be("練馬区情報公開および個人情報保護運営審議会");
        decision.Outcome.Should().Be(Outcome.NeedsReview);
    }

    [Fact]
    public void Screen_EligibilityCheckBetweenMayorSectionsIn2019_IsCoveredByTheAdvanceApprovalCriterion1()
    {
        // Arrange: seed 003 資料3 — 文化国際課 uses 外国人登録 data of 戸籍住民課; 類型1 applies.
        var item = UseBy("総務部文化国際課", "外国人登録に関する業務", "eligibility_check");

        // Act
        var decision = Screen(On(new DateOnly(2019, 7, 1), item));

        // Assert
        decision.VersionId.Should().Be(VersionIds.PreAct);
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.Items.Single().Primary!.CategoryId.Should().Be("事前一括承認基準-1");
    }

    [Theory]
    [InlineData(2019, 7, 1, VersionIds.PreAct, Provisions.Use, "目的外利用（区の実施機関内）")]
    [InlineData(2023, 10, 1, VersionIds.Current, Provisions.Provision, "目的外提供")]
    public void Screen_ElectionBoardUsingAMayorFile_IsUseUnderTheOrdinanceButProvisionUnderTheAct(
        int year, int month, int day, string version, string transfer, string label)
    {
        // Arrange: seed 000 <参考> — the old ordinance counted use anywhere inside the ward's 実施機関 as 目的外利用;
        // the Act makes each organ (here 選挙管理委員会 and 区長) a separate 行政機関.
        var item = UseBy("選挙管理委員会事務局", "外国人登録に関する業務", "eligibility_check") with
        {
            HoldingSection = "区民部戸籍住民課",
            IncludesMyNumber = false,
        };

        // Act
        var decision = Screen(On(new DateOnly(year, month, day), item));

        // Assert
        decision.VersionId.Should().Be(version);
        decision.Items.Single().Transfer.Should().Be(transfer);
        TestScreener.Screener.Labels(decision.VersionId).Transfer(decision.Items.Single()).Should().Be(label, "the label is the judging version's");
    }

    [Theory]
    [InlineData(2023, 3, 31, VersionIds.PreAct)]
    [InlineData(2023, 4, 1, VersionIds.Current)]
    [InlineData(2009, 5, 11, VersionIds.PreAct)]
    [InlineData(2025, 1, 6, VersionIds.Current)]
    public void Screen_CaseDate_SelectsTheVersionInForce(int year, int month, int day, string expected)
    {
        // Arrange: the Act applies to the ward from 2023-04-01; the old ordinance ends 2023-03-31.
        var intake = On(new DateOnly(year, month, day), SchoolAidCheck);

        // Act
        var decision = Screen(intake);

        // Assert
        decision.VersionId.Should().Be(expected);
    }

    [Fact]
    public void Screen_VersionNamedInTheIntake_OverridesTheDate()
    {
        // Arrange
        var intake = On(new DateOnly(2019, 7, 1), SchoolAidCheck) with { RulesVersion = VersionIds.Current };

        // Act
        var decision = Screen(intake);

        // Assert
        decision.VersionId.Should().Be(VersionIds.Current);
        decision.VersionReason.Should().Contain(VersionIds.Current);
    }

    [Fact]
    public void Screen_VersionNamedByTheCaller_OverridesTheIntakesVersionAndDate()
    {
        // Arrange
        var intake = Case(SchoolAidCheck) with { RulesVersion = VersionIds.Current };

        // Act
        var decision = Screener.Screen(intake, VersionIds.PreAct);

        // Assert
        decision.VersionId.Should().Be(VersionIds.PreAct);
    }

    [Fact]
    public void Screen_UnknownVersionId_Throws()
    {
        // Arrange
        var intake = Case(SchoolAidCheck) with { RulesVersion = "nerima/1999-01" };

        // Act
        var act = () => Screen(intake);

        // Assert
        act.Should().Throw<ScreeningException>().WithMessage("*nerima/1999-01*");
    }

    [Fact]
    public void Screen_NoDateAndNoVersion_Throws()
    {
        // Arrange
        var intake = new CaseIntake { Items = [SchoolAidCheck] };

        // Act
        var act = () => Screen(intake);

        // Assert
        act.Should().Throw<ScreeningException>();
    }
}
