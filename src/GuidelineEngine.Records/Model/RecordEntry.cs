namespace GuidelineEngine.Records.Model;

/// <summary>What an entry of the log records about a consultation.</summary>
public enum EntryKind
{
    /// <summary>A department submitted a case; the engine's decision is recorded with it (受付).</summary>
    Submitted,
    /// <summary>情報公開課 took it up (協議中).</summary>
    ConsultationStarted,
    /// <summary>情報公開課 decided (確定).</summary>
    OfficeDecided,
    /// <summary>The 運営委員会 gave its result on a referred case.</summary>
    CommitteeDecided,
}

/// <summary>
/// One entry of the consultation log. Entries are never changed: every change to a record is a new entry.
/// Each carries the hash of the previous entry, so the log is a chain that shows any edit, removal or insertion.
/// </summary>
public sealed record RecordEntry
{
    /// <summary>Position in the log, from 1, without gaps.</summary>
    public required long Sequence { get; init; }

    /// <summary>The consultation record it belongs to, e.g. R7-0001.</summary>
    public required string RecordId { get; init; }

    public required EntryKind Kind { get; init; }

    /// <summary>When it was written, UTC, ISO 8601 (kept as text so every store hashes the same bytes).</summary>
    public required string At { get; init; }

    /// <summary>Who wrote it: the submitting section, or the user of 情報公開課.</summary>
    public required string Actor { get; init; }

    /// <summary>The entry's content as JSON, kept verbatim.</summary>
    public required string Payload { get; init; }

    public required string PreviousHash { get; init; }
    public required string Hash { get; init; }
}

/// <summary>An entry to append: the store gives it its sequence, its chain hashes and, for a new record, its id.</summary>
/// <param name="RecordId">The record, or null for a new one (a <see cref="EntryKind.Submitted"/> entry, and only that).</param>
/// <param name="FiscalYear">For a new record: the fiscal year whose numbering it takes (R7-0001 …).</param>
/// <param name="ExpectedEntries">For an existing record: how many entries the writer saw; another count means someone else changed it meanwhile.</param>
/// <param name="Derived">For a submission, and only for one: its derived row, written in the same transaction as the entry.</param>
public sealed record PendingEntry(string? RecordId, int? FiscalYear, EntryKind Kind, string Actor, string Payload, DateTimeOffset At,
    int? ExpectedEntries = null, DerivedSubmission? Derived = null);

/// <summary>
/// What the store keeps of a submission beside its entry, so that impact analysis need not read the payload: derived data,
/// not part of the chain (the payload stays the record; <c>records verify</c> checks that the two agree). Text the store
/// keeps as it is given.
/// </summary>
/// <param name="VersionId">The version that judged it, as in the payload.</param>
/// <param name="Outcome">The recorded outcome's code (covered, needs_review …).</param>
/// <param name="Categories">The recorded primary category of each item, as a JSON array (null where none fits).</param>
/// <param name="Intake">The intake as read, in the compact JSON of the application layer's <c>CompactIntake</c>.</param>
public sealed record DerivedSubmission(string VersionId, string Outcome, string Categories, string Intake);
