using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// Use versus provision follows the administrative organs of holder and user (ガイドライン「&lt;参考&gt;」):
/// 「区内部の利用であっても、行政機関を超えた個人情報の利用目的以外の利用は『他の行政機関への提供』となる」.
/// </summary>
public sealed class OrganBoundaryTests
{
    [Fact]
    public void Screen_EducationBoardFileUsedByMayorSection_IsProvisionUnderItem3()
    {
        // Arrange: 福祉部 (区長) uses a file of 教育振興部 (教育委員会) — seed 000 別紙2.
        var item = UseBy(Ward.WelfareLivingSection, Ward.SchoolSocialWorkFile, "coordinated_support");

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Transfer.Should().Be(Provisions.Provision);
        decision.Provision.Should().Be(Provisions.Item3);
        decision.StepRules().Should().Contain(["区分-行政機関を超える提供", "号-3号"]);
        decision.FitIds().Should().NotContain(id => id.StartsWith("別表1", StringComparison.Ordinal));
        decision.Misses.Should().NotContain(m => m.CategoryId.StartsWith("別表1", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_CasebookWelfareUsesSchoolFile_IsCoveredAsProvisionNeverAsTable1()
    {
        // Arrange: casebook/examples/fy2023-welfare-uses-school-file.yaml; seed 000 says every FY2023 case was covered.
        var intake = Example("fy2023-welfare-uses-school-file.yaml");

        // Act
        var decision = Screen(intake);

        // Assert
        decision.Outcome.Should().Be(Outcome.Covered);
        var item = decision.Items.Single();
        item.Provision.Should().Be(Provisions.Item3);
        item.Primary!.CategoryId.Should().StartWith("別表2-");
        item.FitIds().Should().OnlyContain(id => id.StartsWith("別表2-", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_EducationBoardUsesItsOwnSchoolAidFile_IsUseUnderItem2()
    {
        // Arrange: 教育振興部 uses 教育振興部's file — seed 000 学校給食費補助.
        var item = UseBy(Ward.EducationDepartment, Ward.SchoolAidFile, "eligibility_check");

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Transfer.Should().Be(Provisions.Use);
        decision.Provision.Should().Be(Provisions.Item2);
        decision.StepRules().Should().Contain("区分-同一行政機関内の利用");
    }

    [Fact]
    public void Screen_TwoDepartmentsOfTheMayor_IsUseUnderItem2()
    {
        // Arrange: 健康部 (区長) uses a 福祉部 (区長) file — seed 000 別紙2 【精神保健相談業務】.
        var item = UseBy(Ward.HealthConsultationOffice, Ward.NeedyPersonsFile, "coordinated_support");

        // Act
        var decision = ScreenItem(item);

        // Assert: 別表1 No.2 「業務間の事務に密接な関係あるいは連続性があり…相互に情報交換…」
        decision.Transfer.Should().Be(Provisions.Use);
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.Primary!.CategoryId.Should().Be("別表1-2");
    }

    [Fact]
    public void Screen_ChildFamilySupportCentreUsesSchoolSocialWorkFile_IsUseWithinTheEducationBoard()
    {
        // Arrange: seed 001 別紙 No.29 marks this row 「目的外利用」; it holds only because the registry
        // puts こども家庭部 under 教育委員会 with 教育振興部 (note in registry/organs.yaml; domain.md says 区長).
        var item = UseBy(Ward.ChildFamilySupportCentre, Ward.SchoolSocialWorkFile, "coordinated_support");

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Transfer.Should().Be(Provisions.Use);
        decision.Provision.Should().Be(Provisions.Item2);
    }

    [Fact]
    public void Screen_MayorSectionUsesChildProtectionFile_IsProvisionAcrossOrgans()
    {
        // Arrange: seed 001 別紙 No.43 (福祉部管理課 uses こども家庭部's 要保護児童関連台帳ファイル) is 「目的外提供」.
        var item = UseBy(Ward.WelfareManagementSection, Ward.ChildProtectionFile, "eligibility_check");

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Transfer.Should().Be(Provisions.Provision);
        decision.Provision.Should().Be(Provisions.Item3);
    }

    [Fact]
    public void Screen_ProvisionToTheWardCouncil_IsJudgedUnderItem3()
    {
        // Arrange: the council is outside 行政機関等 but is an organ of the local government (domain.md).
        var item = UseBy(Ward.CouncilSecretariat, Ward.FamilyRegisterFile, "inquiry");

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Transfer.Should().Be(Provisions.Provision);
        decision.Provision.Should().Be(Provisions.Item3);
    }

    [Theory]
    [InlineData("national_government", Provisions.Item3)]
    [InlineData("tokyo_metropolis", Provisions.Item3)]
    [InlineData("other_municipality", Provisions.Item3)]
    [InlineData("police", Provisions.Item3)]
    [InlineData("fire_service", Provisions.Item3)]
    [InlineData("incorporated_administrative_agency", Provisions.Item3)]
    [InlineData("social_welfare_council", Provisions.Item4)]
    [InlineData("ja", Provisions.Item4)]
    [InlineData("relative", Provisions.Item4)]
    [InlineData("care_facility", Provisions.Item4)]
    [InlineData("private_company", Provisions.Item4)]
    public void Screen_ProvisionOutsideTheWard_TakesItsItemFromTheRecipient(string recipientKind, string expected)
    {
        // Arrange: 3号 for organs of the state, local governments and (local) incorporated administrative agencies; 4号 for anyone else.
        var item = ProvideTo(recipientKind, Ward.FamilyRegisterFile, "inquiry");

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Transfer.Should().Be(Provisions.Provision);
        decision.Provision.Should().Be(expected);
    }
}
