using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Application.Replay;

namespace GuidelineEngine.Application.Tests.Ledger;

/// <summary>Replay and impact over the casebook loaded as records.</summary>
public sealed class ReplayTests : IDisposable
{
    private readonly LedgerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void LoadCasebook_HistoricalCases_BecomeDecidedRecordsAsTheirSourcesRecord()
    {
        var records = CasebookLoader.Load(_fixture.Ledger, LedgerFixture.Cases);

        records.Should().HaveCount(41, "19 FY2023 + 19 FY2024 consultations + 3 from 2009; synthetic cases are not consultations");
        records.Count(r => r.FiscalYear == 2024).Should().Be(19);
        records.Where(r => r.FiscalYear is 2023 or 2024).Should().OnlyContain(r => r.Office!.Result == Records.Model.OfficeResult.Covered);
        records.Where(r => r.FiscalYear == 2009).Select(r => r.Id).Should().BeEquivalentTo(["H21-0001", "H21-0002", "H21-0003"]);
    }

    [Fact]
    public void Replay_EveryLoadedRecord_GivesTheSameOutcomeUnderItsRecordedVersion()
    {
        var replay = new RecordReplay(LedgerFixture.Screener);
        CasebookLoader.Load(_fixture.Ledger, LedgerFixture.Cases);

        var results = _fixture.Ledger.All().Select(replay.Replay).ToList();

        results.Should().HaveCount(41);
        results.Should().OnlyContain(r => r.Same && r.SameVersionHash);
    }

    [Fact]
    public void Impact_HistoricalCasesUnderTheOldRegime_ListsTheChangesTheOldCouncilRuleWouldBring()
    {
        var replay = new RecordReplay(LedgerFixture.Screener);
        CasebookLoader.Load(_fixture.Ledger, LedgerFixture.Cases);
        var fy2024 = _fixture.Ledger.All().Where(r => r.FiscalYear == 2024).ToList();

        var changes = replay.Impact(fy2024, [], "nerima/pre-2023");

        // Under the 旧条例 every outsourcing went to the council: all 12 FY2024 outsourcings change to needs_review.
        changes.Count(c => c.After.Outcome == Domain.Model.Outcome.NeedsReview).Should().BeGreaterThanOrEqualTo(12);
        changes.Should().OnlyContain(c => c.Before.Outcome == Domain.Model.Outcome.Covered);
    }

    [Fact]
    public void Impact_SameVersion_ChangesNothing()
    {
        var replay = new RecordReplay(LedgerFixture.Screener);
        CasebookLoader.Load(_fixture.Ledger, LedgerFixture.Cases);

        var changes = replay.Impact(_fixture.Ledger.All().Where(r => r.VersionId == "nerima/2023-04"), LedgerFixture.Cases.Where(c => c.Group == "nerima/fy2024"), "nerima/2023-04");

        changes.Should().BeEmpty();
    }

    [Theory]
    [InlineData("nerima/pre-2023")]
    [InlineData("nerima/2023-04")]
    public void Impact_OverTheStore_ReadFromTheDerivedTable_GivesTheSameChangesInTheSameOrderAsFromThePayloads(string versionId)
    {
        var replay = new RecordReplay(LedgerFixture.Screener);
        CasebookLoader.Load(_fixture.Ledger, LedgerFixture.Cases);
        // Each loaded record has its start and decision entries after the submission: only submissions have derived rows.
        _fixture.Store.ReadAll().Should().Contain(e => e.Kind != Records.Model.EntryKind.Submitted);
        _fixture.Store.ReadSubmissions().Should().HaveCount(41);
        var cases = LedgerFixture.Cases.Where(c => c.Group == "nerima/fy2024").ToList();

        // The folded records are read from their payloads (the intake's YAML read again); the store from its derived table.
        var folded = replay.Impact(_fixture.Ledger.All(), cases, versionId);
        var streamed = replay.Impact(_fixture.Store, cases, versionId).ToList();

        streamed.Select(Line).Should().Equal(folded.Select(Line));
        if (versionId == "nerima/pre-2023")
        {
            streamed.Should().Contain(c => c.Source == "記録（nerima/2023-04）").And.Contain(c => c.Source == "事例集");
        }
        else
        {
            // Only the 2009 consultations, recorded under the 旧条例, can change under the version that judged the rest.
            streamed.Should().OnlyContain(c => c.Source == "記録（nerima/pre-2023）");
        }
    }

    [Fact]
    public void SubmittedCase_FromTheSubmissionEntry_ReadsWhatTheFoldedRecordHolds()
    {
        CasebookLoader.Load(_fixture.Ledger, LedgerFixture.Cases);
        var submissions = _fixture.Store.ReadAll().Where(e => e.Kind == Records.Model.EntryKind.Submitted)
            .Select(e => new Records.Storage.EntryPayload(e.Sequence, e.RecordId, System.Text.Encoding.UTF8.GetBytes(e.Payload))).ToList();

        submissions.Should().HaveCount(41);
        foreach (var entry in submissions)
        {
            var fromEntry = SubmittedCase.From(entry);
            var record = _fixture.Ledger.Get(entry.RecordId);
            // The folded record's decision is read in full by JsonDocument; the entry's is read forward, skipping the rationale.
            fromEntry.Id.Should().Be(record.Id);
            fromEntry.VersionId.Should().Be(record.VersionId);
            fromEntry.Intake.Should().Be(record.Intake);
            fromEntry.Recorded.ToString().Should().Be(DecisionSummary.Of(record.Decision).ToString(), entry.RecordId);
        }
        submissions.Select(e => SubmittedCase.From(e).Recorded.Categories).Should().Contain(c => c.Contains(null), "some items have no primary category")
            .And.Contain(c => c.Count > 1 && c.All(id => id != null));
    }

    [Fact]
    public void Screening_WithoutRationale_GivesTheSameSummary()
    {
        foreach (var casebookCase in LedgerFixture.Cases)
        {
            foreach (var versionId in new[] { "nerima/pre-2023", "nerima/2023-04" })
            {
                var full = LedgerFixture.Screener.Screen(casebookCase.Intake, versionId);
                var lean = LedgerFixture.Screener.Screen(casebookCase.Intake, versionId, withRationale: false);
                DecisionSummary.Of(lean).ToString().Should().Be(DecisionSummary.Of(full).ToString(), $"{casebookCase.File} under {versionId}");
            }
        }
    }

    [Fact]
    public void DecisionSummary_ComparesTheOutcomeAndEachItemsPrimaryCategory()
    {
        // Arrange
        var recorded = new DecisionSummary(Domain.Model.Outcome.Covered, ["別表2-2", null]);

        // Act / Assert: the same content in another list is the same summary; any item's category or the outcome is not.
        recorded.Should().Be(new DecisionSummary(Domain.Model.Outcome.Covered, new List<string?> { "別表2-2", null }));
        recorded.Should().NotBe(new DecisionSummary(Domain.Model.Outcome.Covered, ["別表2-3", null]));
        recorded.Should().NotBe(new DecisionSummary(Domain.Model.Outcome.Covered, ["別表2-2", "別表1-1"]));
        recorded.Should().NotBe(new DecisionSummary(Domain.Model.Outcome.Covered, ["別表2-2"]));
        recorded.Should().NotBe(new DecisionSummary(Domain.Model.Outcome.NeedsReview, ["別表2-2", null]));
    }

    private static string Line(ImpactItem change) => $"{change.Case}\t{change.Source}\t{change.Before} → {change.After}";
}
