using GuidelineEngine.Domain.Model;
using System.Text.Json;

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

    public static bool TryParse(string code, out OfficeResult result) => Codes.TryParse(code, Code, out result);

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

/// <summary>The 運営委員会's result on a referred case: a closed set, stored as its code.</summary>
public enum CommitteeResult
{
    Approved,
    /// <summary>Approved on conditions, which the reason states.</summary>
    ApprovedWithConditions,
    Rejected,
    /// <summary>The section withdrew the proposal before the committee decided.</summary>
    Withdrawn,
}

/// <summary>Codes and Japanese labels of the committee's results: the one place they are written.</summary>
public static class CommitteeResults
{
    public static string Code(this CommitteeResult result) => result switch
    {
        CommitteeResult.Approved => "approved",
        CommitteeResult.ApprovedWithConditions => "approved_with_conditions",
        CommitteeResult.Rejected => "rejected",
        CommitteeResult.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    public static string Label(this CommitteeResult result) => result switch
    {
        CommitteeResult.Approved => "承認",
        CommitteeResult.ApprovedWithConditions => "条件付き承認",
        CommitteeResult.Rejected => "不承認",
        CommitteeResult.Withdrawn => "取下げ",
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    /// <summary>The codes, in order, for messages and forms.</summary>
    public static string Codes => string.Join(", ", Enum.GetValues<CommitteeResult>().Select(r => $"{r.Code()}（{r.Label()}）"));

    /// <summary>A code, or a Japanese label as entries written before the closed set kept them (free text).</summary>
    public static bool TryParse(string? text, out CommitteeResult result)
    {
        var trimmed = text?.Trim();
        foreach (var candidate in Enum.GetValues<CommitteeResult>())
        {
            if (candidate.Code() == trimmed || candidate.Label() == trimmed)
            {
                result = candidate;
                return true;
            }
        }
        result = default;
        return false;
    }
}

/// <summary>The 運営委員会's result on a referred case.</summary>
/// <param name="Recorded">The result as the entry stores it: a code, or free text in entries written before the closed set.</param>
/// <param name="Result">The result, when <paramref name="Recorded"/> is a code or one of its labels; null for other old free text.</param>
public sealed record CommitteeDecision(string Recorded, CommitteeResult? Result, string Reason, string Actor, string At)
{
    /// <summary>In Japanese: the label, or an old entry's text as it was written.</summary>
    public string Label => Result?.Label() ?? Recorded;
}

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

    /// <summary>Who submitted it: <c>user（section）</c>, or only the section in entries written before users were recorded.</summary>
    public string SubmittedBy => Entries[0].Actor;
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
                    Committee = CommitteeOf(body.GetProperty("result").GetString()!, Text(body, "reason") ?? "", entry),
                },
                _ => record,
            };
        }
        return record;
    }

    // Entries are never rewritten: an old free-text result is mapped here, on reading, where it names one of the set.
    private static CommitteeDecision CommitteeOf(string recorded, string reason, RecordEntry entry) =>
        new(recorded, CommitteeResults.TryParse(recorded, out var result) ? result : null, reason, entry.Actor, entry.At);

    private static OfficeResult Parse(string code) =>
        OfficeResults.TryParse(code, out var result) ? result : throw new InvalidOperationException($"Unknown office result {code}");

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
