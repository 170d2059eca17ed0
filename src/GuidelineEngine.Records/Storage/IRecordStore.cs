using GuidelineEngine.Records.Model;

namespace GuidelineEngine.Records.Storage;

/// <summary>
/// The append-only store of the consultation log. One interface, two stores: SQLite (embedded default) and PostgreSQL.
/// Appending is serialised across processes, and an entry is durable once <see cref="Append"/> returns.
/// </summary>
public interface IRecordStore : IDisposable
{
    /// <summary>Where the store is, for messages (a file path or a server and database).</summary>
    string Description { get; }

    /// <summary>
    /// Appends one entry at the end of the chain, in one transaction: gives it the next sequence, the previous hash,
    /// its own hash and, for a new record, the next id of its fiscal year. A submission's derived row
    /// (<see cref="PendingEntry.Derived"/>) is written in the same transaction, so neither is ever stored without the other.
    /// </summary>
    RecordEntry Append(PendingEntry pending);

    /// <summary>The entries of one record, in sequence order.</summary>
    IReadOnlyList<RecordEntry> Entries(string recordId);

    /// <summary>Every entry, in sequence order, read as a stream.</summary>
    IEnumerable<RecordEntry> ReadAll();

    /// <summary>
    /// Every entry in sequence order, each with the derived row under its sequence, then any derived row whose sequence is
    /// no entry; read as a stream on one connection, for <c>records verify</c>. A store made before the derived table and
    /// opened read-only gives every entry without a row.
    /// </summary>
    IEnumerable<StoredEntry> ReadAllWithSubmissions();

    /// <summary>
    /// The derived rows of the submissions, in sequence order, read as a stream on one connection: what impact analysis
    /// reads instead of the payloads (a few hundred bytes a record instead of the whole decision with its rationale).
    /// </summary>
    IEnumerable<SubmissionRow> ReadSubmissions();

    /// <summary>How many submissions the log holds and how many derived rows there are, counted at one moment.</summary>
    (long Submissions, long Derived) CountSubmissions();

    /// <summary>
    /// The submission entries that have no derived row yet (a store made before the table, or imported), in sequence order,
    /// read as a stream on one connection, with the payload as UTF-8 bytes.
    /// </summary>
    IEnumerable<EntryPayload> ReadUnderivedSubmissions();

    /// <summary>Adds derived rows for submissions already stored, a batch per transaction; a row already there is kept.</summary>
    void AddSubmissions(IEnumerable<(long Sequence, string RecordId, DerivedSubmission Derived)> rows);

    /// <summary>The users kept in the store (not part of the chain), by name.</summary>
    IReadOnlyList<StoredUser> ReadUsers();

    /// <summary>The user of that name (already in lower case), or null.</summary>
    StoredUser? FindUser(string name);

    /// <summary>Adds a user; false when the name is taken.</summary>
    bool AddUser(StoredUser user);

    /// <summary>Replaces the user of that name; false when there is none.</summary>
    bool UpdateUser(StoredUser user);

    /// <summary>Writes entries exactly as given (sequence and hashes kept), into an empty store.</summary>
    void Import(IEnumerable<RecordEntry> entries);
}

/// <summary>The store cannot do what was asked: full disk, read-only, unreachable, a broken import. The message is for staff.</summary>
public class RecordStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The record changed since the writer read it, or does not exist: read it again (a conflict, not an outage).</summary>
public sealed class RecordConflictException(string message) : RecordStoreException(message);
