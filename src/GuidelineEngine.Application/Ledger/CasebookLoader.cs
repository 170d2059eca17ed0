using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Records.Model;

namespace GuidelineEngine.Application.Ledger;

/// <summary>
/// Loads the historical casebook cases as consultation records: each submitted on its case date by its proposing
/// section, then taken up and decided by 情報公開課 as its source records (and, for a referred case, the committee's
/// approval). Synthetic cases are left out: they were never consultations.
/// </summary>
public static class CasebookLoader
{
    /// <summary>The actor of the entries the office wrote.</summary>
    public const string Office = "情報公開課";

    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    public static IReadOnlyList<ConsultationRecord> Load(ConsultationLedger ledger, IEnumerable<CasebookCase> cases)
    {
        var records = new List<ConsultationRecord>();
        foreach (var casebookCase in cases.Where(c => !c.Synthetic && c.Intake.Date is not null && c.Expected.Count > 0))
        {
            var date = casebookCase.Intake.Date!.Value;
            var submitted = new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), Jst);
            var record = ledger.Submit(File.ReadAllBytes(casebookCase.File), casebookCase.File, at: submitted);
            ledger.Start(record.Id, Office, submitted.AddHours(1));
            var recorded = casebookCase.Expected[0].Outcome;
            var result = OfficeResults.Matching(recorded)
                ?? throw new InvalidOperationException($"{casebookCase.File}: 資料の結論 {recorded} は情報公開課の確定に当たりません。");
            var reason = result == OfficeResults.Matching(record.EngineOutcome) ? null : $"資料の記録による（{casebookCase.Source?.Recorded}）";
            record = ledger.Decide(record.Id, result, reason, Office, submitted.AddHours(2));
            if (result == OfficeResult.Referred)
            {
                record = ledger.RecordCommittee(record.Id, CommitteeResult.Approved, casebookCase.Source?.Recorded ?? "資料の記録による", Office, submitted.AddHours(3));
            }
            records.Add(record);
        }
        return records;
    }
}
