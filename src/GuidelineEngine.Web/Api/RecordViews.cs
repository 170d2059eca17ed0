using GuidelineEngine.Domain.Model;
using System.Text.Json;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Records.Model;

namespace GuidelineEngine.Web.Api;

/// <summary>A consultation record (協議記録) in a list.</summary>
public sealed record RecordSummary(
    string Id, string Status, string StatusLabel, string Section, string SubmittedAt, DateOnly? CaseDate, int FiscalYear,
    string? Title, Outcome EngineOutcome, string? OfficeResult);

/// <summary>情報公開課's decision (確定).</summary>
public sealed record OfficeDecisionView(string Result, string ResultLabel, string? Reason, string Actor, string At);

/// <summary>The 運営委員会's result: its code (in entries written before the closed set, the text as written) and its label.</summary>
public sealed record CommitteeView(string Result, string ResultLabel, string Reason, string Actor, string At);

/// <summary>One entry of the record's hash-chained log.</summary>
public sealed record EntryView(long Sequence, string Kind, string Actor, string At, string Hash);

/// <summary>A consultation record in full: the intake as submitted, the engine's decision under the recorded version, the decisions since.</summary>
public sealed record RecordDetail(
    string Id, string Status, string StatusLabel, string Section, string SubmittedAt, DateOnly? CaseDate, int FiscalYear,
    string? Title, Outcome EngineOutcome, string VersionId, string VersionHash, string Intake, JsonElement Decision,
    OfficeDecisionView? Office, CommitteeView? Committee, IReadOnlyList<EntryView> Entries);

/// <summary>情報公開課's decision on a record: <c>covered</c>, <c>referred</c> or <c>not_permitted</c>, and why.</summary>
public sealed record DecisionRequest(string? Result, string? Reason);

/// <summary>The 運営委員会's result on a referred record (approved, approved_with_conditions, rejected, withdrawn), and its reasons.</summary>
public sealed record CommitteeRequest(string? Result, string? Reason);

/// <summary>Views of records for the API and the pages.</summary>
public static class RecordViews
{
    public static string StatusCode(RecordStatus status) => status switch
    {
        RecordStatus.Submitted => "submitted",
        RecordStatus.UnderConsultation => "under_consultation",
        RecordStatus.Decided => "decided",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The engine's decision as recorded.</summary>
    public static CaseDecision Decision(ConsultationRecord record) =>
        JsonSerializer.Deserialize<CaseDecision>(record.Decision, JsonReport.Options)!;

    public static string? Title(ConsultationRecord record)
    {
        using var decision = JsonDocument.Parse(record.Decision);
        return decision.RootElement.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : null;
    }

    public static RecordSummary Summary(ConsultationRecord record) => new(
        record.Id, StatusCode(record.Status), ConsultationLedger.Label(record.Status), record.Section, record.SubmittedAt, record.CaseDate,
        record.FiscalYear, Title(record), record.EngineOutcome, record.Office?.Result.Code());

    public static RecordDetail Detail(ConsultationRecord record)
    {
        using var decision = JsonDocument.Parse(record.Decision);
        return new RecordDetail(
            record.Id, StatusCode(record.Status), ConsultationLedger.Label(record.Status), record.Section, record.SubmittedAt, record.CaseDate,
            record.FiscalYear, Title(record), record.EngineOutcome, record.VersionId, record.VersionHash, record.Intake,
            decision.RootElement.Clone(),
            record.Office is { } office ? new OfficeDecisionView(office.Result.Code(), office.Result.Label(), office.Reason, office.Actor, office.At) : null,
            record.Committee is { } committee ? new CommitteeView(committee.Result?.Code() ?? committee.Recorded, committee.Label, committee.Reason, committee.Actor, committee.At) : null,
            [.. record.Entries.Select(e => new EntryView(e.Sequence, EntryKindCode(e.Kind), e.Actor, e.At, e.Hash))]);
    }

    public static string EntryKindCode(EntryKind kind) => kind switch
    {
        EntryKind.Submitted => "submitted",
        EntryKind.ConsultationStarted => "consultation_started",
        EntryKind.OfficeDecided => "office_decided",
        EntryKind.CommitteeDecided => "committee_decided",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string EntryKindLabel(EntryKind kind) => kind switch
    {
        EntryKind.Submitted => "受付",
        EntryKind.ConsultationStarted => "協議開始",
        EntryKind.OfficeDecided => "情報公開課の確定",
        EntryKind.CommitteeDecided => "運営委員会の結果",
        _ => kind.ToString(),
    };
}
