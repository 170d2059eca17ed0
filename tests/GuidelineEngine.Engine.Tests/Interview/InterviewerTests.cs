using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Interview;
using static GuidelineEngine.Engine.Tests.Interview.InterviewSupport;

namespace GuidelineEngine.Engine.Tests.Interview;

/// <summary>The interview's steps on small cases: what it asks first, when it stops, what it refuses.</summary>
public sealed class InterviewerTests
{
    private const string SchoolLunchCase = "nerima/fy2023/17-kyouiku-kyuushokuhi-hojo.yaml";

    /// <summary>教育振興部学務課 uses 教育振興部's 就学援助申請者ファイル; nothing answerable is given yet.</summary>
    private static CaseIntake FreshUse() => Intakes.Case(new UseOrProvisionItem
    {
        Id = "1",
        File = Ward.SchoolAidFile,
        Recipient = new Recipient { Section = Ward.SchoolAffairsSection },
        Purpose = "学校給食費補助の対象者を確認するため",
    });

    private static InterviewQuestion Asked(InterviewStep step, string id) =>
        step.Questions.Should().ContainSingle(q => q.Id == id).Subject;

    [Fact]
    public void Next_CompleteIntake_StopsAtOnce()
    {
        // Arrange
        var intake = Intakes.Case(SchoolAidCheck with { Id = "1" });

        // Act
        var step = TestInterviewer.Next(intake);

        // Assert
        step.Finished.Should().BeTrue();
        step.Decision.Outcome.Should().Be(Outcome.Covered);
    }

    [Fact]
    public void Next_FreshUse_AsksWhetherWithinTheRegisteredPurposeFirst()
    {
        // Arrange
        var intake = FreshUse();

        // Act
        var step = TestInterviewer.Next(intake);

        // Assert
        step.Finished.Should().BeFalse();
        step.Decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        var first = step.Questions[0];
        first.Id.Should().Be("1/purpose.within_registered");
        first.Text.Should().Be("この利用・提供は、そのファイルを保有する課が登録した利用目的の範囲内ですか。");
        first.Help.Should().Contain("個人情報ファイル簿").And.Contain("保有する課に");
        first.Help.Should().Contain("法第61条");
        first.Type.Should().Be(FactType.Bool);
        first.Choices.Should().Equal(new FactValueDefinition("true", "はい"), new FactValueDefinition("false", "いいえ"));
        step.Questions.Select(q => q.Fact).Should().NotContain(["purpose.kind", "statute.name"], "neither can change the result yet");
        step.Questions.Should().OnlyContain(q => CanChangeResult(intake, q));
    }

    [Fact]
    public void Next_WithinTheRegisteredPurpose_AsksNothingElse()
    {
        // Arrange
        var intake = FreshUse();
        var within = Asked(TestInterviewer.Next(intake), "1/purpose.within_registered");

        // Act
        var step = TestInterviewer.Next(Interviewer.Answer(intake, within, "true"));

        // Assert
        step.Finished.Should().BeTrue();
        step.Decision.Outcome.Should().Be(Outcome.NotOutOfPurpose);
    }

    [Fact]
    public void Next_StatuteName_IsAskedOnlyOnceAStatuteApplies()
    {
        // Arrange: outside the registered purpose; whether a statute applies is still open.
        var intake = FreshUse();
        intake = Interviewer.Answer(intake, Asked(TestInterviewer.Next(intake), "1/purpose.within_registered"), "false");

        // Act
        var open = TestInterviewer.Next(intake);
        var applies = Asked(open, "1/statute.applies");
        var none = TestInterviewer.Next(Interviewer.Answer(intake, applies, "false"));
        var applying = Interviewer.Answer(intake, applies, "true");
        var kind = Asked(TestInterviewer.Next(applying), "1/statute.kind");
        // Only a national law is a 法令 of 法第69条第1項: its name matters once the kind is that.
        var national = Interviewer.Answer(applying, kind, "national_law");
        var some = TestInterviewer.Next(national);

        // Assert
        open.Questions.Select(q => q.Fact).Should().NotContain(["statute.name", "statute.kind"]);
        none.Questions.Select(q => q.Fact).Should().NotContain(["statute.name", "statute.kind"]);
        var name = Asked(some, "1/statute.name");
        name.Type.Should().Be(FactType.Text);
        name.Choices.Should().BeEmpty();
        var answered = TestInterviewer.Next(Interviewer.Answer(national, name, "学校給食法第11条"));
        answered.Finished.Should().BeTrue();
        answered.Decision.Outcome.Should().Be(Outcome.BasedOnLaw);
    }

    [Fact]
    public void Answer_UnknownEnumValue_IsRefusedInJapanese()
    {
        // Arrange: everything but the purpose kind is settled, so the interview asks for it.
        var intake = Intakes.Case(SchoolAidCheck with { Id = "1", PurposeKind = null });
        var kind = Asked(TestInterviewer.Next(intake), "1/purpose.kind");

        // Act
        var act = () => Interviewer.Answer(intake, kind, "no_such_kind");

        // Assert
        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain("「no_such_kind」は「情報を使う目的に最も近いものはどれですか。」の選択肢にありません")
            .And.Contain("eligibility_check（居住・資格・助成・加入などの要件の確認）");
        TestInterviewer.Next(Interviewer.Answer(intake, kind, "eligibility_check")).Decision.Outcome.Should().Be(Outcome.Covered);
    }

    [Fact]
    public void Answer_BoolQuestion_TakesOnlyYesOrNo()
    {
        // Arrange
        var intake = FreshUse();
        var within = Asked(TestInterviewer.Next(intake), "1/purpose.within_registered");

        // Act
        var act = () => Interviewer.Answer(intake, within, "maybe");

        // Assert
        act.Should().Throw<ArgumentException>().WithMessage("*「はい」（true）か「いいえ」（false）で答えてください*");
        ((UseOrProvisionItem)Interviewer.Answer(intake, within, "いいえ").Items[0]).WithinRegisteredPurpose.Should().BeFalse();
    }

    [Fact]
    public void Answer_QuestionAboutAnotherItem_IsRefusedInJapanese()
    {
        // Arrange
        var question = new InterviewQuestion("9/consent", "9", null, "consent", "本人の同意を得ていますか。", null, FactType.Bool, []);

        // Act
        var act = () => Interviewer.Answer(FreshUse(), question, "true");

        // Assert
        act.Should().Throw<ArgumentException>().WithMessage("申出に項目「9」がありません*");
    }

    [Fact]
    public void Next_MyNumber_EndsTheInterviewAsNotPermitted()
    {
        // Arrange: outside the purpose, no statute; the My Number is still open.
        var intake = FreshUse();
        foreach (var (id, value) in new[] { ("1/purpose.within_registered", "false"), ("1/statute.applies", "false") })
        {
            intake = Interviewer.Answer(intake, Asked(TestInterviewer.Next(intake), id), value);
        }
        var step = TestInterviewer.Next(intake);

        // Act
        var myNumber = Asked(step, "1/data.my_number");
        var after = TestInterviewer.Next(Interviewer.Answer(intake, myNumber, "true"));

        // Assert: the facts that can end the interview come before the category facts.
        step.Questions.Select(q => q.Fact).Should().NotContain("purpose.kind");
        after.Finished.Should().BeTrue();
        after.Decision.Outcome.Should().Be(Outcome.NotPermitted);
    }

    [Fact]
    public void Next_OutsourcingTask_AsksOnlyWhatItsCategoryNeeds()
    {
        // Arrange: two tasks whose kinds are known: printing fits 別表3-8 anywhere; reception fits 別表3-9 only in the same office.
        var intake = Intakes.Case(Outsourcing(Task("printing_mailing"), Task("reception_same_office")) with { Id = "1" });

        // Act
        var step = TestInterviewer.Next(intake);

        // Assert
        var place = step.Questions.Should().ContainSingle().Subject;
        place.Id.Should().Be("1/2/task.place");
        place.TaskId.Should().Be("2");
        place.Type.Should().Be(FactType.Enum);
        place.Help.Should().Contain("別表3 No.9");
        TestInterviewer.Next(Interviewer.Answer(intake, place, "same_office")).Decision.Outcome.Should().Be(Outcome.Covered);
        TestInterviewer.Next(Interviewer.Answer(intake, place, "contractor_premises")).Decision.Outcome.Should().Be(Outcome.NeedsReview);
    }

    [Fact]
    public void Next_OutsourcingWithoutTasks_AsksForATask()
    {
        // Arrange
        var intake = Intakes.Case(Outsourcing() with { Id = "1" });

        // Act
        var step = TestInterviewer.Next(intake);
        var tasks = Asked(step, "1/tasks");
        var next = TestInterviewer.Next(Interviewer.Answer(intake, tasks, "通知書の印刷・封入"));

        // Assert
        var kind = Asked(next, "1/1/task.kind");
        kind.Text.Should().StartWith("作業1「通知書の印刷・封入」: ");
        TestInterviewer.Next(Interviewer.Answer(Interviewer.Answer(intake, tasks, "通知書の印刷・封入"), kind, "printing_mailing"))
            .Decision.Outcome.Should().Be(Outcome.Covered);
    }

    [Fact]
    public void Next_SchoolLunchCase_FromScratch_AsksTheSameForEveryFile()
    {
        // Arrange
        var intake = Strip(InterviewSupport.Case(SchoolLunchCase).Intake);

        // Act
        var step = TestInterviewer.Next(intake);

        // Assert
        step.Questions.Should().NotBeEmpty();
        step.Questions.Select(q => q.ItemId).Distinct().Should().BeEquivalentTo(intake.Items.Select(i => i.Id));
        step.Questions.Select(q => q.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Next_AnswerThatEveryChoiceSettlesAlike_IsStillAskedSoTheEngineCanDecide()
    {
        // Arrange: a tax collection fits 別表3-16 (by a financial institution) or 別表3-17 (by anyone else): every contractor
        // kind gives "covered", but the engine's three-valued logic needs the kind to say so.
        var intake = Intakes.Case(Outsourcing(Task("tax_collection")) with { Id = "1", ContractorKind = null });

        // Act
        var step = TestInterviewer.Next(intake);

        // Assert
        step.Decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        var kind = step.Questions.Should().ContainSingle().Subject;
        kind.Id.Should().Be("1/contractor.kind");
        CanChangeResult(intake, kind).Should().BeFalse("every answer leads to the same result");
        foreach (var choice in kind.Choices)
        {
            var answered = TestInterviewer.Next(Interviewer.Answer(intake, kind, choice.Value));
            answered.Finished.Should().BeTrue();
            answered.Decision.Outcome.Should().Be(Outcome.Covered);
        }
    }
}
