using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// Unknown facts are asked about only where they can matter, and the registry never answers "no" for
/// the department; a statute's restriction holds under the old regime too.
/// </summary>
public sealed class UnknownFactTests
{
    [Fact]
    public void Screen_OutsourcingWithoutTasks_AsksForTheTasks()
    {
        // Arrange
        var item = Outsourcing();

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.Questions.Should().NotBeEmpty();
    }

    [Fact]
    public void Screen_OutsourcingWithOneUndecidedTask_AsksOnlyAboutThatTask()
    {
        // Arrange: task 1 fits 別表3-4 whatever its place; task 2 (別表3-9) needs the place.
        var item = Outsourcing(Task("data_entry"), Task("reception_same_office"));

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Questions.Should().ContainSingle(q => q.Fact == "task.place").Which.TaskId.Should().Be("2");
    }

    [Fact]
    public void Screen_UseWithoutRecipient_AsksNothingAboutOutsourcing()
    {
        // Arrange
        var item = SchoolAidCheck with { Recipient = null };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.QuestionFacts().Should().Contain("recipient.kind")
            .And.NotContain(f => f.StartsWith("outsourcing.", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_RegisteredFileWithOtherLawRestrictionLeftOut_AsksAboutOtherLaws()
    {
        // Arrange: seed 001 No.41–43 — the note on this file says eligibility may rest on tax data (地方税法第22条).
        var item = UseBy(Ward.WelfareManagementSection, "令和6年度第2回物価高騰対策給付金事務対象者情報ファイル", "eligibility_check") with
        {
            OtherLawRestriction = null,
        };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.QuestionFacts().Should().Contain("other_law.restricts");
    }

    [Fact]
    public void Screen_PreActUseRestrictedByAnotherLaw_IsNotCovered()
    {
        // Arrange
        var item = UseBy("総務部文化国際課", "外国人登録に関する業務", "eligibility_check") with
        {
            OtherLawRestriction = new LawReference { Applies = true, Name = "地方税法第22条" },
        };

        // Act
        var decision = Screen(On(new DateOnly(2019, 7, 1), item));

        // Assert
        decision.VersionId.Should().Be(VersionIds.PreAct);
        decision.Outcome.Should().NotBe(Outcome.Covered);
    }

    [Fact]
    public void Screen_ClaimWhileTheTransferIsUnknown_SaysWhichFactIsMissing()
    {
        // Arrange: the purpose fits 別表1-1, but without the recipient it is unknown whether this is a use at all.
        var item = SchoolAidCheck with
        {
            Recipient = null,
            ClaimedCategories = ["別表1-1"],
        };

        // Act
        var claim = ScreenItem(item).Claims.Single();

        // Assert
        claim.Confirmed.Should().BeFalse();
        claim.Reason.Should().Contain("不明");
    }
}
