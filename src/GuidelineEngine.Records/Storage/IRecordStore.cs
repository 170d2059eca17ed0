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
    /// its own hash and, for a new record, the next id of its fiscal year.
    /// </summary>
    RecordEntry Append(PendingEntry pending);

    /// <summary>The entries of one record, in sequence order.</summary>
    IReadOnlyList<RecordEntry> Entries(string recordId);

    /// <summary>Every entry, in sequence order, read as a stream.</summary>
    IEnumerable<RecordEntry> ReadAll();

    /// <summary>
    /// The entries of one kind, in sequence order, read as a stream on one connection: for going through a whole log
    /// (impact), with the payload as UTF-8 bytes and without the hashes (use <see cref="ReadAll"/> to verify).
    /// </summary>
    IEnumerable<EntryPayload> ReadPayloads(EntryKind kind);

    /// <summary>Writes entries exactly as given (sequence and hashes kept), into an empty store.</summary>
    void Import(IEnumerable<RecordEntry> entries);
}

/// <summary>The store cannot do what was asked: full disk, read-only, unreachable, a broken import. The message is for staff.</summary>
public class RecordStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The record changed since the writer read it, or does not exist: read it again (a conflict, not an outage).</summary>
public sealed class RecordConflictException(string message) : RecordStoreException(message);
