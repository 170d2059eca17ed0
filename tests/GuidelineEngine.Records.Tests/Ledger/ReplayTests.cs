using GuidelineEngine.Records.Ledger;
using GuidelineEngine.Records.Replay;
using GuidelineEngine.Rules.Casebook;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Records.Tests.Ledger;

/// <summary>Replay and impact over the casebook loaded as records.</summary>
public sealed class ReplayTests : IDisposable
{
    private static readonly Lazy<IReadOnlyList<Domain.Casebook.CasebookCase>> Cases = new(() =>
        CasebookReader.ReadAll(TestPaths.Casebook, RuleSetCatalog.Load(TestPaths.Rules).Versions));

    private readonly LedgerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void LoadCasebook_HistoricalCases_BecomeDecidedRecordsAsTheirSourcesRecord()
    {
        var records = CasebookLoader.Load(_fixture.Ledger, Cases.Value);

        records.Should().HaveCount(41, "19 FY2023 + 19 FY2024 consultations + 3 from 2009; synthetic cases are not consultations");
        records.Count(r => r.FiscalYear == 2024).Should().Be(19);
        records.Where(r => r.FiscalYear is 2023 or 2024).Should().OnlyContain(r => r.Office!.Result == Model.OfficeResult.Covered);
        records.Where(r => r.FiscalYear == 2009).Select(r => r.Id).Should().BeEquivalentTo(["H21-0001", "H21-0002", "H21-0003"]);
    }

    [Fact]
    public void Replay_EveryLoadedRecord_GivesTheSameOutcomeUnderItsRecordedVersion()
    {
        var replay = new RecordReplay(LedgerFixture.Screener);
        CasebookLoader.Load(_fixture.Ledger, Cases.Value);

        var results = _fixture.Ledger.All().Select(replay.Replay).ToList();

        results.Should().HaveCount(41);
        results.Should().OnlyContain(r => r.Same && r.SameVersionHash);
    }

    [Fact]
    public void Impact_HistoricalCasesUnderTheOldRegime_ListsTheChangesTheOldCouncilRuleWouldBring()
    {
        var replay = new RecordReplay(LedgerFixture.Screener);
        CasebookLoader.Load(_fixture.Ledger, Cases.Value);
        var fy2024 = _fixture.Ledger.All().Where(r => r.FiscalYear == 2024).ToList();

        var changes = replay.Impact(fy2024, [], "nerima/pre-2023");

        // Under the 旧条例 every outsourcing went to the council: all 12 FY2024 outsourcings change to needs_review.
        changes.Count(c => c.After.Outcome == Domain.Decisions.Outcome.NeedsReview).Should().BeGreaterThanOrEqualTo(12);
        changes.Should().OnlyContain(c => c.Before.Outcome == Domain.Decisions.Outcome.Covered);
    }

    [Fact]
    public void Impact_SameVersion_ChangesNothing()
    {
        var replay = new RecordReplay(LedgerFixture.Screener);
        CasebookLoader.Load(_fixture.Ledger, Cases.Value);

        var changes = replay.Impact(_fixture.Ledger.All().Where(r => r.VersionId == "nerima/2023-04"), Cases.Value.Where(c => c.Group == "nerima/fy2024"), "nerima/2023-04");

        changes.Should().BeEmpty();
    }
}
