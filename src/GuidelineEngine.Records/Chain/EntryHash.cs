using System.Security.Cryptography;
using System.Text;
using GuidelineEngine.Records.Model;

namespace GuidelineEngine.Records.Chain;

/// <summary>The hash of an entry: SHA-256 over its fields and the previous entry's hash, in one fixed layout.</summary>
public static class EntryHash
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    public static string Of(long sequence, string recordId, EntryKind kind, string at, string actor, string payload, string previousHash)
    {
        // One field per line; the payload last, as it may hold line breaks.
        var text = $"{sequence}\n{recordId}\n{kind}\n{at}\n{actor}\n{previousHash}\n{payload}";
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static string Of(RecordEntry entry) =>
        Of(entry.Sequence, entry.RecordId, entry.Kind, entry.At, entry.Actor, entry.Payload, entry.PreviousHash);
}

/// <summary>What <see cref="ChainVerifier"/> found.</summary>
/// <param name="Entries">How many entries were read.</param>
/// <param name="Problem">The first entry that does not match, and how; null when the chain is intact.</param>
/// <param name="LastHash">The hash of the last entry read: kept outside the store, it also shows a rewrite of the whole tail.</param>
public sealed record ChainReport(long Entries, ChainProblem? Problem, string LastHash)
{
    public bool Intact => Problem is null;
}

/// <summary>The first break in the chain.</summary>
/// <param name="Sequence">The entry at which the chain breaks.</param>
/// <param name="Kind">changed, removed or inserted.</param>
/// <param name="Message">In Japanese.</param>
public sealed record ChainProblem(long Sequence, string? RecordId, string Kind, string Message);

/// <summary>Walks the log in sequence order and reports the first entry that does not match.</summary>
public static class ChainVerifier
{
    public static ChainReport Verify(IEnumerable<RecordEntry> entries)
    {
        long count = 0;
        RecordEntry? previous = null;
        foreach (var entry in entries)
        {
            count++;
            if (Check(previous, entry) is { } problem)
            {
                return new ChainReport(count, problem, previous?.Hash ?? EntryHash.Genesis);
            }
            previous = entry;
        }
        return new ChainReport(count, null, previous?.Hash ?? EntryHash.Genesis);
    }

    /// <summary>Whether <paramref name="entry"/> follows <paramref name="previous"/> (null for the first entry) and is unchanged.</summary>
    public static ChainProblem? Check(RecordEntry? previous, RecordEntry entry)
    {
        var expectedSequence = (previous?.Sequence ?? 0) + 1;
        var expectedPrevious = previous?.Hash ?? EntryHash.Genesis;
        if (entry.Sequence > expectedSequence)
        {
            return new ChainProblem(expectedSequence, entry.RecordId, "removed",
                $"通番 {expectedSequence} から {entry.Sequence - 1} の記録が削除されています（通番 {entry.Sequence} の前）。");
        }
        if (entry.Sequence < expectedSequence || entry.PreviousHash != expectedPrevious)
        {
            // A row that does not follow from its predecessor was put into the chain (or the predecessor was replaced).
            return new ChainProblem(entry.Sequence, entry.RecordId, "inserted",
                $"通番 {entry.Sequence}（{entry.RecordId}）は前の記録につながっていません。記録が挿入されたか、差し替えられています。");
        }
        if (EntryHash.Of(entry) != entry.Hash)
        {
            return new ChainProblem(entry.Sequence, entry.RecordId, "changed",
                $"通番 {entry.Sequence}（{entry.RecordId}）の内容が書き換えられています（ハッシュが一致しません）。");
        }
        return null;
    }
}
