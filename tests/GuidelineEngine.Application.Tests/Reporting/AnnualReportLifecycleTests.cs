using GuidelineEngine.Records.Model;
using GuidelineEngine.Application.Reporting;

namespace GuidelineEngine.Application.Tests.Reporting;

/// <summary>How records that are not (yet) decided as covered count: by the engine, referred, approved, not permitted.</summary>
public sealed class AnnualReportLifecycleTests : IDisposable
{
    private readonly ReportLedger _records = new();

    // The school-lunch example (2023-10-01): 3 uses within 教育委員会 and 1 provision from 福祉部, all covered.
    private ConsultationRecord SubmitSchoolLunch() =>
        _records.Ledger.Submit(ReportLedger.Example("fy2023-school-lunch.yaml"), "fy2023-school-lunch.yaml");

    [Fact]
    public void Build_RecordWithoutOfficeDecision_CountsItByTheEngineAndSaysSo()
    {
        var record = SubmitSchoolLunch();
        record.EngineOutcome.Should().Be(Domain.Model.Outcome.Covered);

        var report = AnnualReport.Build(_records.Ledger.All(), 2023);

        report.Consultations.Total.Should().Be(1);
        report.Consultations.Undecided.Should().Be(1);
        report.Consultations.CoveredByEngine.Should().Be(1);
        report.Consultations.CoveredByOffice.Should().Be(0);
        report.Consultations.UnderGuideline.Should().Be(1);
        report.Files.Use.Should().Be(3);
        report.Files.Provision.Should().Be(1);
        report.Notes.Should().Contain(n => n.Contains("確定前の記録1件は、エンジンの判定で数えた", StringComparison.Ordinal));
        var writer = new StringWriter();
        AnnualReportWriter.WriteMarkdown(report, writer);
        writer.ToString().Should().Contain("確定前でエンジンの判定による1件");
    }

    [Fact]
    public void Build_ReferredRecord_IsACommitteeCaseAndItsFilesCountOnlyOnceTheCommitteeApproves()
    {
        var record = SubmitSchoolLunch();
        _records.Ledger.Start(record.Id, "情報公開課");
        _records.Ledger.Decide(record.Id, OfficeResult.Referred, "給食費の補助の対象外の把握は前例がないため、運営委員会に付議する。", "情報公開課");

        var referred = AnnualReport.Build(_records.Ledger.All(), 2023);

        referred.Consultations.CommitteeCases.Should().Be(1);
        referred.Consultations.UnderGuideline.Should().Be(0);
        referred.Consultations.OfficeDiffersFromEngine.Should().Be(1);
        referred.Consultations.CommitteePending.Should().Be(1);
        referred.Files.Total.Should().Be(0);
        referred.Notes.Should().Contain(n => n.Contains("運営委員会の結果がまだ記録されていない付議案件1件", StringComparison.Ordinal));

        _records.Ledger.RecordCommittee(record.Id, CommitteeResult.Approved, "法第69条第2項第2号・第3号に適合する。", "情報公開課");
        var approved = AnnualReport.Build(_records.Ledger.All(), 2023);

        approved.Consultations.CommitteeApproved.Should().Be(1);
        approved.Files.Total.Should().Be(4);
        approved.UseOrProvisionRows.Should().HaveCount(4);
    }

    [Fact]
    public void Build_ReferredRecordWithdrawn_CountsAsWithdrawnNotRejectedAndListsNoFiles()
    {
        var record = SubmitSchoolLunch();
        _records.Ledger.Start(record.Id, "情報公開課");
        _records.Ledger.Decide(record.Id, OfficeResult.Referred, "前例がないため、運営委員会に付議する。", "情報公開課");
        _records.Ledger.RecordCommittee(record.Id, CommitteeResult.Withdrawn, "所管課が申出を取り下げた。", "情報公開課");

        var report = AnnualReport.Build(_records.Ledger.All(), 2023);

        report.Consultations.CommitteeWithdrawn.Should().Be(1);
        report.Consultations.CommitteeRejected.Should().Be(0, "a withdrawn proposal was never judged");
        report.Files.Total.Should().Be(0, "nothing withdrawn was carried out");
        var writer = new StringWriter();
        AnnualReportWriter.WriteMarkdown(report, writer);
        writer.ToString().Should().Contain("不承認0件、取下げ1件、未記録0件");
    }

    [Fact]
    public void Build_NotPermittedRecord_ListsNoFiles()
    {
        var record = _records.Ledger.Submit(ReportLedger.Example("my-number.yaml"), "my-number.yaml");
        _records.Ledger.Start(record.Id, "情報公開課");
        _records.Ledger.Decide(record.Id, OfficeResult.NotPermitted, null, "情報公開課");

        var report = AnnualReport.Build(_records.Ledger.All(), 2024);

        report.Consultations.Total.Should().Be(1);
        report.Consultations.NotPermittedByOffice.Should().Be(1);
        report.Files.Total.Should().Be(0);
        report.UseOrProvisionRows.Should().BeEmpty();
    }

    [Fact]
    public void FiscalYearOf_WithoutCaseDate_TakesTheSubmissionDateInJapanTime()
    {
        // 2025-03-31T15:30Z is 2025-04-01 00:30 in Japan: FY2025.
        var record = new ConsultationRecord
        {
            Id = "R7-0001",
            Status = RecordStatus.Submitted,
            Section = "総務部情報公開課",
            SubmittedAt = "2025-03-31T15:30:00.0000000+00:00",
            FiscalYear = 2024,
            Intake = "",
            VersionId = "nerima/2023-04",
            VersionHash = "sha256:0",
            EngineOutcome = Domain.Model.Outcome.Covered,
            Decision = "{}",
            Entries = [],
        };

        AnnualReport.FiscalYearOf(record).Should().Be(2025);
        AnnualReport.FiscalYearOf(record with { CaseDate = new DateOnly(2025, 3, 31) }).Should().Be(2024);
    }

    public void Dispose() => _records.Dispose();
}
