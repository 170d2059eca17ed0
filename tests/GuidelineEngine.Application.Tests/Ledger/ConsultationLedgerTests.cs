using GuidelineEngine.Domain.Model;
using System.Text;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Application.Tests.Ledger;

public sealed class ConsultationLedgerTests : IDisposable
{
    private readonly LedgerFixture _fixture = new();

    private ConsultationLedger Ledger => _fixture.Ledger;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Submit_SchoolLunchCase_RecordsIntakeDecisionVersionAndPrecedentsUnderAFiscalYearId()
    {
        var intake = LedgerFixture.Example("fy2023-school-lunch.yaml");

        var record = Ledger.Submit(intake, "fy2023-school-lunch.yaml");

        record.Id.Should().Be("R5-0001", "the case date 2023-10-01 is in FY2023, 令和5年度");
        record.Status.Should().Be(RecordStatus.Submitted);
        record.Section.Should().Be("教育振興部");
        record.Intake.Should().Be(Encoding.UTF8.GetString(intake));
        record.VersionId.Should().Be("nerima/2023-04");
        record.VersionHash.Should().StartWith("sha256:");
        record.EngineOutcome.Should().Be(Outcome.Covered);
        record.Decision.Should().Contain("\"steps\"").And.Contain("\"precedents\"").And.Contain(record.VersionHash);
    }

    [Fact]
    public void Submit_SecondCaseOfTheSameYear_TakesTheNextNumber_AndANewYearStartsAgain()
    {
        var first = Ledger.Submit(LedgerFixture.Example("fy2023-school-lunch.yaml"), "a");
        var second = Ledger.Submit(LedgerFixture.Example("fy2023-welfare-uses-school-file.yaml"), "b");
        var nextYear = Ledger.Submit(LedgerFixture.Example("my-number.yaml"), "c");

        first.Id.Should().Be("R5-0001");
        second.Id.Should().Be("R5-0002");
        nextYear.Id.Should().Be("R6-0001", "2024-06-01 is in FY2024");
    }

    [Fact]
    public void Submit_IntakeWithErrors_WritesNothing()
    {
        var bad = Encoding.UTF8.GetBytes("case:\n  date: 2024-05-01\n  proposing_section: 存在しない部\nitems:\n  - kind: use_or_provision\n    file: 戸籍事務ファイル\n    purpose: x\n");

        var act = () => Ledger.Submit(bad, "bad.yaml");

        act.Should().Throw<InputException>().Which.Diagnostics.Should().Contain(d => d.Field == "case.proposing_section");
        _fixture.Store.ReadAll().Should().BeEmpty();
    }

    [Fact]
    public void Lifecycle_SubmitStartDecideCommittee_EachStepIsANewEntryAndTheChainHolds()
    {
        var id = Ledger.Submit(LedgerFixture.Example("fy2023-school-lunch.yaml"), "a").Id;

        Ledger.Start(id, "情報公開課");
        Ledger.Decide(id, OfficeResult.Referred, "委員会の意見を聴く", "情報公開課");
        var record = Ledger.RecordCommittee(id, CommitteeResult.Approved, "原案どおり承認", "運営委員会事務局");

        record.Status.Should().Be(RecordStatus.Decided);
        record.Office!.Result.Should().Be(OfficeResult.Referred);
        record.Office.Reason.Should().Be("委員会の意見を聴く");
        record.Committee!.Result.Should().Be(CommitteeResult.Approved);
        record.Entries.Select(e => e.Kind).Should().Equal(EntryKind.Submitted, EntryKind.ConsultationStarted, EntryKind.OfficeDecided, EntryKind.CommitteeDecided);
        ChainVerifier.Verify(_fixture.Store.ReadAll()).Intact.Should().BeTrue();
    }

    [Fact]
    public void Decide_DifferentFromTheEngineWithoutReason_IsRefusedAndWritesNothing()
    {
        var id = Ledger.Submit(LedgerFixture.Example("fy2023-school-lunch.yaml"), "a").Id;
        Ledger.Start(id, "情報公開課");

        var act = () => Ledger.Decide(id, OfficeResult.NotPermitted, reason: " ", "情報公開課");

        act.Should().Throw<LifecycleException>().WithMessage("*理由*");
        Ledger.Get(id).Entries.Should().HaveCount(2);
    }

    [Fact]
    public void Decide_AsTheEngineSaid_NeedsNoReason()
    {
        var id = Ledger.Submit(LedgerFixture.Example("fy2023-school-lunch.yaml"), "a").Id;
        Ledger.Start(id, "情報公開課");

        var record = Ledger.Decide(id, OfficeResult.Covered, reason: null, "情報公開課");

        record.Office!.Reason.Should().BeNull();
    }

    [Fact]
    public void Lifecycle_StepsOutOfOrder_AreRefused()
    {
        var id = Ledger.Submit(LedgerFixture.Example("fy2023-school-lunch.yaml"), "a").Id;

        FluentActions.Invoking(() => Ledger.Decide(id, OfficeResult.Covered, null, "情報公開課")).Should().Throw<LifecycleException>();
        FluentActions.Invoking(() => Ledger.RecordCommittee(id, CommitteeResult.Approved, "x", "委員会")).Should().Throw<LifecycleException>();
        Ledger.Start(id, "情報公開課");
        FluentActions.Invoking(() => Ledger.Start(id, "情報公開課")).Should().Throw<LifecycleException>();
        Ledger.Decide(id, OfficeResult.Covered, null, "情報公開課");
        FluentActions.Invoking(() => Ledger.Decide(id, OfficeResult.Covered, null, "情報公開課")).Should().Throw<LifecycleException>();
        FluentActions.Invoking(() => Ledger.RecordCommittee(id, CommitteeResult.Approved, "x", "委員会")).Should().Throw<LifecycleException>("it was not referred");
        FluentActions.Invoking(() => Ledger.Start("R5-9999", "情報公開課")).Should().Throw<LifecycleException>().WithMessage("*R5-9999*");
    }

    [Fact]
    public void All_AfterSeveralRecords_FoldsEachInSubmissionOrder()
    {
        var a = Ledger.Submit(LedgerFixture.Example("fy2023-school-lunch.yaml"), "a").Id;
        var b = Ledger.Submit(LedgerFixture.Example("my-number.yaml"), "b").Id;
        Ledger.Start(a, "情報公開課");

        var all = Ledger.All().ToList();

        all.Select(r => r.Id).Should().Equal(a, b);
        all[0].Status.Should().Be(RecordStatus.UnderConsultation);
        all[1].EngineOutcome.Should().Be(Outcome.NotPermitted);
    }
}
