using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Tests;

/// <summary>A case takes the strictest outcome among its items.</summary>
public sealed class StrictestItemTests
{
    [Fact]
    public void Screen_CoveredItemAndNotPermittedItem_IsNotPermitted()
    {
        // Arrange
        var intake = Case(SchoolAidCheck with { Id = "a" }, SchoolAidCheck with { Id = "b", IncludesMyNumber = true });

        // Act
        var decision = Screen(intake);

        // Assert
        decision.Outcome.Should().Be(Outcome.NotPermitted);
        decision.Items.Select(i => (i.ItemId, i.Outcome)).Should().Equal(("a", Outcome.Covered), ("b", Outcome.NotPermitted));
    }

    [Fact]
    public void Screen_CoveredItemAndItemNeedingReview_NeedsReview()
    {
        // Arrange
        var intake = Case(SchoolAidCheck, Outsourcing(Task("other")));

        // Act
        var decision = Screen(intake);

        // Assert
        decision.Outcome.Should().Be(Outcome.NeedsReview);
    }

    [Fact]
    public void Screen_ItemNeedingReviewAndItemMissingFacts_NeedsMoreInformation()
    {
        // Arrange: the review cannot be asked for while a fact that may forbid or decide an item is unknown.
        var intake = Case(SchoolAidCheck with { PurposeKind = "other" }, SchoolAidCheck with { RightsInfringementRisk = null });

        // Act
        var decision = Screen(intake);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
    }

    [Fact]
    public void Screen_ItemsWithoutIds_AreNumberedByPosition()
    {
        // Arrange
        var intake = Case(SchoolAidCheck, SchoolAidCheck);

        // Act
        var decision = Screen(intake);

        // Assert
        decision.Items.Select(i => i.ItemId).Should().Equal("1", "2");
    }
}
