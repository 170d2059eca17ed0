using System.Globalization;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Model;

namespace GuidelineEngine.Records.Storage;

/// <summary>What every store does the same way: building the next link of the chain, and checking entries to import.</summary>
internal static class ChainedEntry
{
    /// <summary>The entry that follows <paramref name="last"/>; a new record takes the next number of its fiscal year.</summary>
    public static RecordEntry Build(PendingEntry pending, RecordEntry? last, Func<int, int> nextNumber)
    {
        // A submission starts a record and carries its derived row; any other entry goes on with a record and carries none.
        // So every submission has its row, and reserves one record number (what CountSubmissions counts).
        var submission = pending.Kind == EntryKind.Submitted;
        if (submission != (pending.RecordId is null) || submission != (pending.Derived is not null))
        {
            throw new ArgumentException(submission
                ? "A submission starts a new record (no record id) and carries its derived row."
                : "Only a submission starts a record or carries a derived row.", nameof(pending));
        }
        string recordId;
        if (pending.RecordId is { } existing)
        {
            recordId = existing;
        }
        else
        {
            var year = pending.FiscalYear ?? throw new ArgumentException("A new record needs its fiscal year.", nameof(pending));
            recordId = FiscalYear.RecordId(year, nextNumber(year));
        }
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.Hash ?? EntryHash.Genesis;
        var at = pending.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        return new RecordEntry
        {
            Sequence = sequence,
            RecordId = recordId,
            Kind = pending.Kind,
            At = at,
            Actor = pending.Actor,
            Payload = pending.Payload,
            PreviousHash = previous,
            Hash = EntryHash.Of(sequence, recordId, pending.Kind, at, pending.Actor, pending.Payload, previous),
        };
    }

    /// <summary>
    /// Refuses an entry for a record that does not exist, or that changed since the writer read it (two people
    /// deciding at once). <paramref name="entries"/> is the record's entry count in the store, read under the write lock.
    /// </summary>
    public static void CheckRecord(PendingEntry pending, int entries)
    {
        if (entries == 0)
        {
            throw new RecordConflictException($"記録 {pending.RecordId} はありません。新しい記録は受付（番号なし）から始めてください。");
        }
        if (pending.ExpectedEntries is { } expected && entries != expected)
        {
            throw new RecordConflictException($"記録 {pending.RecordId} は、読み込んだ後に別の操作で更新されました。読み直してからやり直してください。");
        }
    }

    /// <summary>The columns every store selects, in the order <see cref="Read"/> reads them.</summary>
    public const string Columns = "sequence, record_id, kind, at, actor, payload, previous_hash, hash";

    /// <summary>An entry from a row of <see cref="Columns"/>.</summary>
    public static RecordEntry Read(System.Data.Common.DbDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        RecordId = reader.GetString(1),
        Kind = Enum.Parse<EntryKind>(reader.GetString(2)),
        At = reader.GetString(3),
        Actor = reader.GetString(4),
        Payload = reader.GetString(5),
        PreviousHash = reader.GetString(6),
        Hash = reader.GetString(7),
    };

    public static string DiskFull(string store) => $"記録簿に書き込めません: ディスクの空きがありません（{store}）。何も書き込まれていません。";

    public static string ReadOnly(string store) => $"記録簿に書き込めません: 読み取り専用です（{store}）。何も書き込まれていません。";

    /// <summary>A store read before it was ever opened for writing, or whose creation was cut short.</summary>
    public static string NoTables(string store) => $"記録簿の表がありません（{store}）。書き込みのできる接続で一度開くと作られます。";

    /// <summary>The fiscal year and number of a record id, to reserve its number (R7-0001: 2025, 1).</summary>
    public static (int FiscalYear, int Number) Numbered(string recordId) =>
        FiscalYear.TryParse(recordId, out var year, out var number)
            ? (year, number)
            : throw new RecordStoreException($"記録番号「{recordId}」の形が正しくありません（例: R7-0001）。");

    /// <summary>Import goes only into an empty store (<paramref name="last"/> is its last entry, null when empty).</summary>
    public static void CheckEmpty(RecordEntry? last, string description)
    {
        if (last is not null)
        {
            throw new RecordStoreException($"取り込み先の記録簿（{description}）が空ではありません。空の記録簿にだけ取り込めます。");
        }
    }

    /// <summary>Passes entries through while their chain holds; stops at the first break, so nothing broken is imported.</summary>
    public static IEnumerable<RecordEntry> Checked(IEnumerable<RecordEntry> entries)
    {
        RecordEntry? previous = null;
        foreach (var entry in entries)
        {
            if (ChainVerifier.Check(previous, entry) is { } problem)
            {
                throw new RecordStoreException($"取り込む記録の鎖が切れています: {problem.Message}");
            }
            previous = entry;
            yield return entry;
        }
    }
}
