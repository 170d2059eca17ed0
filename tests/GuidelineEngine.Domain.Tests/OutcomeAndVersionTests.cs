using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Domain.Tests;

public sealed class OutcomeAndVersionTests
{
    [Theory]
    [InlineData(Outcome.Covered, Outcome.NotPermitted, Outcome.NotPermitted)]
    [InlineData(Outcome.NeedsReview, Outcome.MoreInformationNeeded, Outcome.MoreInformationNeeded)]
    [InlineData(Outcome.Covered, Outcome.NeedsReview, Outcome.NeedsReview)]
    [InlineData(Outcome.NotOutOfPurpose, Outcome.Covered, Outcome.Covered)]
    public void Strictest_TwoOutcomes_TakesTheStricter(Outcome a, Outcome b, Outcome expected)
    {
        Outcomes.Strictest(a, b).Should().Be(expected);
        Outcomes.Strictest(b, a).Should().Be(expected);
    }

    [Fact]
    public void Code_EveryOutcome_ParsesBack()
    {
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            Outcomes.TryParse(outcome.Code(), out var parsed).Should().BeTrue();
            parsed.Should().Be(outcome);
        }
    }

    [Theory]
    [InlineData("2023-03-31", false)]
    [InlineData("2023-04-01", true)]
    [InlineData("2030-01-01", true)]
    public void InForceOn_OpenEndedVersion_StartsOnItsEffectiveDate(string date, bool expected)
    {
        var version = new RuleSetVersion { Id = "nerima/2023-04", Jurisdiction = "nerima", Title = "t", ReviewBody = "r", EffectiveFrom = new DateOnly(2023, 4, 1) };

        version.InForceOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);
    }

    [Fact]
    public void InForceOn_VersionWithoutStart_CoversEverythingUpToItsEnd()
    {
        var version = new RuleSetVersion { Id = "nerima/pre-2023", Jurisdiction = "nerima", Title = "t", ReviewBody = "r", EffectiveTo = new DateOnly(2023, 3, 31) };

        version.InForceOn(new DateOnly(1999, 1, 1)).Should().BeTrue();
        version.InForceOn(new DateOnly(2023, 4, 1)).Should().BeFalse();
    }
}
