namespace GuidelineEngine.Engine.Tests;

/// <summary>A department may name the category it believes applies; the engine confirms or rejects it with a reason.</summary>
public sealed class ClaimedCategoryTests
{
    private static ClaimVerdict ClaimOn(IntakeItem item, string categoryId) =>
        ScreenItem(item with { ClaimedCategories = [categoryId] }).Claims.Single();

    [Fact]
    public void Screen_ClaimedCategoryThatFits_IsConfirmed()
    {
        // Arrange
        var item = ProvideTo("police", Ward.EvacuationFile, "safety_advance");

        // Act
        var claim = ClaimOn(item, "別表2-4");

        // Assert
        claim.CategoryId.Should().Be("別表2-4");
        claim.Confirmed.Should().BeTrue();
    }

    [Fact]
    public void Screen_ClaimedUseCategoryOnAProvision_IsRejectedNamingTheProvision()
    {
        // Arrange: 福祉部 receives a 教育委員会 file: a provision, so 別表1 cannot apply.
        var item = UseBy(Ward.WelfareLivingSection, Ward.SchoolSocialWorkFile, "coordinated_support");

        // Act
        var claim = ClaimOn(item, "別表1-2");

        // Assert
        claim.Confirmed.Should().BeFalse();
        claim.Reason.Should().Contain("「目的外提供」").And.Contain("別表1");
    }

    [Fact]
    public void Screen_ClaimedWelfareCouncilCategoryWithoutItsRequest_IsRejectedNamingTheRequest()
    {
        // Arrange: 別表2 No.6 needs 「当該法人の求めに応じて」.
        var item = ProvideTo("social_welfare_council", Ward.ElderlySupportFile, "welfare_service") with { RequestedByRecipient = false };

        // Act
        var claim = ClaimOn(item, "別表2-6");

        // Assert
        claim.Confirmed.Should().BeFalse();
        claim.Reason.Should().Contain("提供先からの求め");
    }

    [Fact]
    public void Screen_ClaimedTaskCategoryAtTheWrongPlace_IsRejectedNamingThePlace()
    {
        // Arrange
        var item = Outsourcing(Task("reception_same_office", "contractor_premises"));

        // Act
        var claim = ClaimOn(item, "別表3-9");

        // Assert
        claim.Confirmed.Should().BeFalse();
        claim.Reason.Should().Contain("作業の場所");
    }

    [Fact]
    public void Screen_ClaimedCategoryTheVersionDoesNotHave_IsRejected()
    {
        // Arrange
        var item = SchoolAidCheck;

        // Act
        var claim = ClaimOn(item, "事前一括承認基準-1");

        // Assert: that criterion belongs to the old ordinance's version.
        claim.Confirmed.Should().BeFalse();
        claim.Reason.Should().Contain(VersionIds.Current);
    }
}
