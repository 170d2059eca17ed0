using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// Seed 000 別紙2 「学校給食費補助事業の対象外となる児童生徒の把握」: 教育振興部 uses three of its own files
/// and the 生活保護 file of 福祉部. All FY2023 consultations were covered by the guideline.
/// </summary>
public sealed class SchoolLunchCaseTests
{
    private readonly CaseDecision _decision = Screen(Example("fy2023-school-lunch.yaml"));

    private ItemDecision Item(string id) => _decision.Items.Single(i => i.ItemId == id);

    [Fact]
    public void Screen_SchoolLunchCase_IsCovered()
    {
        // Arrange / Act: the case is screened once for the class.

        // Assert
        _decision.Outcome.Should().Be(Outcome.Covered);
        _decision.VersionId.Should().Be(VersionIds.Current);
        _decision.Items.Should().HaveCount(4);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("3")]
    public void Screen_SchoolLunchOwnFiles_AreUseUnderItem2By別表1_1(string id)
    {
        // Arrange / Act
        var item = Item(id);

        // Assert: same organ (教育委員会), checking a subsidy requirement from information collected beforehand.
        item.Outcome.Should().Be(Outcome.Covered);
        item.Transfer.Should().Be(Provisions.Use);
        item.Provision.Should().Be(Provisions.Item2);
        item.Primary!.CategoryId.Should().Be("別表1-1");
    }

    [Fact]
    public void Screen_SchoolLunchPublicAssistanceFile_IsProvisionUnderItem3With別表2_3Primary()
    {
        // Arrange / Act
        var item = Item("4");

        // Assert: 福祉部 (区長) → 教育振興部 (教育委員会) crosses organs; a requirement check between local-government organs.
        item.Outcome.Should().Be(Outcome.Covered);
        item.Transfer.Should().Be(Provisions.Provision);
        item.Provision.Should().Be(Provisions.Item3);
        item.FitIds().Should().OnlyContain(id => id.StartsWith("別表2-", StringComparison.Ordinal));
        item.Primary!.CategoryId.Should().Be("別表2-3");
    }

    [Fact]
    public void Screen_SchoolLunchClaimOf別表1_1OnThePublicAssistanceFile_IsRejectedAsAProvision()
    {
        // Arrange / Act
        var claim = Item("4").Claims.Single();

        // Assert
        claim.CategoryId.Should().Be("別表1-1");
        claim.Confirmed.Should().BeFalse();
        claim.Reason.Should().Contain("「目的外提供」");
    }

    [Fact]
    public void Screen_SchoolLunchClaimOf別表1_1OnItsOwnFile_IsConfirmed()
    {
        // Arrange / Act
        var claim = Item("1").Claims.Single();

        // Assert
        claim.Confirmed.Should().BeTrue();
        claim.Reason.Should().NotBeNullOrWhiteSpace();
    }
}
