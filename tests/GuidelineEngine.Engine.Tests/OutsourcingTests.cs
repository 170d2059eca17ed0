using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// Outsourcing (委託, 法66条2項): every task must fall under a 別表3 category, and the contract must carry the
/// standard clauses (特記事項: no unapproved subcontracting); otherwise the 運営委員会 reviews it (ガイドライン3(3)).
/// </summary>
public sealed class OutsourcingTests
{
    [Fact]
    public void Screen_CasebookEvacuationOutsourcing_IsCoveredWithOneCategoryPerTask()
    {
        // Arrange: seed 000 別紙2 業務委託 ①印刷・封入 ②システム運用・保守 ③審査 ④データ入力 ⑤印刷.
        var intake = Example("fy2023-evacuation-outsourcing.yaml");

        // Act
        var decision = Screen(intake);

        // Assert
        decision.Outcome.Should().Be(Outcome.Covered);
        var item = decision.Items.Single();
        item.Provision.Should().Be(Provisions.Outsourcing);
        item.Fits.GroupBy(f => f.TaskId).Should().HaveCount(5).And.OnlyContain(g => g.Count() == 1);
        item.Fits.Select(f => (f.TaskId, f.CategoryId)).Should().BeEquivalentTo(new[]
        {
            ("1", "別表3-8"), ("2", "別表3-3"), ("3", "別表3-5"), ("4", "別表3-4"), ("5", "別表3-8"),
        });
        item.Misses.Should().BeEmpty();
    }

    [Fact]
    public void Screen_OutsourcingWithOneUnlistedTask_NeedsReviewWithMissesForThatTaskOnly()
    {
        // Arrange
        var item = Outsourcing(Task("data_entry"), Task("other"), Task("printing_mailing"));

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.NeedsReview);
        decision.Misses.Should().NotBeEmpty().And.OnlyContain(m => m.TaskId == "2");
        decision.Misses.Select(m => m.CategoryId).Should().HaveCount(21).And.OnlyHaveUniqueItems();
        decision.Misses.Should().AllSatisfy(m => m.Reasons.Should().NotBeEmpty());
        decision.Fits.Select(f => f.TaskId).Should().BeEquivalentTo(["1", "3"]);
    }

    [Fact]
    public void Screen_OutsourcingWithoutStandardClauses_NeedsReview()
    {
        // Arrange
        var item = Outsourcing(Task("data_entry")) with { StandardClauses = false };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.NeedsReview);
    }

    [Fact]
    public void Screen_OutsourcingHandledAbroad_NeedsReviewAndIsFlagged()
    {
        // Arrange
        var item = Outsourcing(Task("system_development")) with { OutsideJapan = true };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.NeedsReview);
        decision.Flags.Should().Contain(f => f.Contains("国外", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_SubcontractingWithoutApproval_NeedsReview()
    {
        // Arrange: 特記事項 forbid subcontracting the ward has not approved.
        var item = Outsourcing(Task("data_entry")) with { Subcontracting = true, SubcontractingApproved = false };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.NeedsReview);
        decision.Flags.Should().Contain(f => f.Contains("再委託", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_SubcontractingApproved_IsCoveredWithTheSubcontractingFlag()
    {
        // Arrange
        var item = Outsourcing(Task("data_entry")) with { Subcontracting = true, SubcontractingApproved = true };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.Flags.Should().Contain(f => f.Contains("再委託", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_SubcontractingWithApprovalLeftOut_AsksAboutTheApproval()
    {
        // Arrange
        var item = Outsourcing(Task("data_entry")) with { Subcontracting = true, SubcontractingApproved = null };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.QuestionFacts().Should().Contain("outsourcing.subcontracting_approved");
    }

    [Fact]
    public void Screen_ReceptionInTheSameOffice_IsCoveredBy別表3_9()
    {
        // Arrange: 別表3 No.9 「…事務処理を、事業担当職員と同一事務室内で行う。」
        var item = Outsourcing(Task("reception_same_office", "same_office"));

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.FitIds().Should().Equal("別表3-9");
    }

    [Fact]
    public void Screen_ReceptionAtTheContractorsPremises_Misses別表3_9OnThePlace()
    {
        // Arrange
        var item = Outsourcing(Task("reception_same_office", "contractor_premises"));

        // Act
        var decision = ScreenItem(item);

        // Assert: a near miss — the kind fits, the place does not.
        decision.Outcome.Should().Be(Outcome.NeedsReview);
        var miss = decision.Misses.Single(m => m.CategoryId == "別表3-9");
        miss.Undetermined.Should().BeFalse();
        miss.Reasons.Should().ContainSingle().Which.Should().Contain("作業の場所").And.NotContain("委託する作業の種類");
    }

    [Fact]
    public void Screen_ReceptionWithThePlaceLeftOut_AsksWhereTheWorkIsDone()
    {
        // Arrange
        var item = Outsourcing(Task("reception_same_office"));

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        decision.Questions.Should().Contain(q => q.Fact == "task.place" && q.TaskId == "1");
    }
}
