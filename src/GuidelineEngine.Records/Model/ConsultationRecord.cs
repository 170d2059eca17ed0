using System.Text.Json;
using GuidelineEngine.Domain.Decisions;

namespace GuidelineEngine.Records.Model;

/// <summary>Where a consultation stands.</summary>
public enum RecordStatus
{
    /// <summary>受付: submitted by a department, screened by the engine.</summary>
    Submitted,
    /// <summary>協議中: 情報公開課 has taken it up.</summary>
    UnderConsultation,
    /// <summary>確定: 情報公開課 has decided.</summary>
    Decided,
}

/// <summary>情報公開課's decision (確定).</summary>
public enum OfficeResult
{
    /// <summary>Falls under the guideline: no committee review.</summary>
    Covered,
    /// <summary>Referred to the 運営委員会.</summary>
    Referred,
    NotPermitted,
}

/// <summary>Codes and labels of the office's results.</summary>
public static class OfficeResults
{
    public static string Code(this OfficeResult result) => result switch
    {
        OfficeResult.Covered => "covered",
        OfficeResult.Referred => "referred",
        OfficeResult.NotPermitted => "not_permitted",
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    public static string Label(this OfficeResult result) => result switch
    {
        OfficeResult.Covered => "ガイドライン該当（審議省略）",
        OfficeResult.Referred => "運営委員会に付議",
        OfficeResult.NotPermitted => "不可",
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    public static bool TryParse(string code, out OfficeResult result)
    {
        foreach (var candidate in Enum.GetValues<OfficeResult>())
        {
            if (candidate.Code() == code)
            {
                result = candidate;
                return true;
            }
        }
        result = default;
        return false;
    }

    /// <summary>The office result that agrees with an engine outcome; null where none does (the office then always gives a reason).</summary>
    public static OfficeResult? Matching(Outcome outcome) => outcome switch
    {
        Outcome.Covered => OfficeResult.Covered,
        Outcome.NeedsReview => OfficeResult.Referred,
        Outcome.NotPermitted => OfficeResult.NotPermitted,
        _ => null,
    };
}

/// <summary>The office's decision as recorded.</summary>
public sealed record OfficeDecision(OfficeResult Result, string? Reason, string Actor, string At);

/// <summary>The 運営委員会's result on a referred case.</summary>
public sealed record CommitteeDecision(string Result, string Reason, string Actor, string At);

/// <summary>
/// A consultation record (協議記録) as its entries make it: the intake as submitted, the engine's decision and rationale
/// under the recorded version, and the office's and the committee's decisions.
/// </summary>
public sealed record ConsultationRecord
{
    public required string Id { get; init; }
    public required RecordStatus Status { get; init; }

    /// <summary>The submitting section.</summary>
    public required string Section { get; init; }
    public required string SubmittedAt { get; init; }
    public DateOnly? CaseDate { get; init; }
    public required int FiscalYear { get; init; }

    /// <summary>The intake exactly as submitted (YAML or JSON text).</summary>
    public required string Intake { get; init; }
    public required string VersionId { get; init; }
    public required string VersionHash { get; init; }
    public required Outcome EngineOutcome { get; init; }

    /// <summary>The engine's decision, with rationale and precedents, as JSON (docs/decision-json.md).</summary>
    public required string Decision { get; init; }

    public OfficeDecision? Office { get; init; }
    public CommitteeDecision? Committee { get; init; }
    public required IReadOnlyList<RecordEntry> Entries { get; init; }

    /// <summary>Folds a record's entries, in order, into its current state.</summary>
    public static ConsultationRecord From(IReadOnlyList<RecordEntry> entries)
    {
        if (entries.Count == 0 || entries[0].Kind != EntryKind.Submitted)
        {
            throw new InvalidOperationException("A record starts with its submission.");
        }
        using var submitted = JsonDocument.Parse(entries[0].Payload);
        var root = submitted.RootElement;
        Outcomes.TryParse(root.GetProperty("outcome").GetString()!, out var outcome);
        var record = new ConsultationRecord
        {
            Id = entries[0].RecordId,
            Status = RecordStatus.Submitted,
            Section = root.GetProperty("section").GetString()!,
            SubmittedAt = entries[0].At,
            CaseDate = root.TryGetProperty("case_date", out var date) && date.ValueKind == JsonValueKind.String
                ? DateOnly.ParseExact(date.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : null,
            FiscalYear = root.GetProperty("fiscal_year").GetInt32(),
            Intake = root.GetProperty("intake").GetString()!,
            VersionId = root.GetProperty("version_id").GetString()!,
            VersionHash = root.GetProperty("version_hash").GetString()!,
            EngineOutcome = outcome,
            Decision = root.GetProperty("decision").GetRawText(),
            Entries = entries,
        };
        foreach (var entry in entries.Skip(1))
        {
            using var payload = JsonDocument.Parse(entry.Payload);
            var body = payload.RootElement;
            record = entry.Kind switch
            {
                EntryKind.ConsultationStarted => record with { Status = RecordStatus.UnderConsultation },
                EntryKind.OfficeDecided => record with
                {
                    Status = RecordStatus.Decided,
                    Office = new OfficeDecision(Parse(body.GetProperty("result").GetString()!), Text(body, "reason"), entry.Actor, entry.At),
                },
                EntryKind.CommitteeDecided => record with
                {
                    Committee = new CommitteeDecision(body.GetProperty("result").GetString()!, Text(body, "reason") ?? "", entry.Actor, entry.At),
                },
                _ => record,
            };
        }
        return record;
    }

    private static OfficeResult Parse(string code) =>
        OfficeResults.TryParse(code, out var result) ? result : throw new InvalidOperationException($"Unknown office result {code}");

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
