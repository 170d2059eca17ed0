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

    /// <summary>Refuses to write on a record that changed since the writer read it (two people deciding at once).</summary>
    public static void CheckUnchanged(PendingEntry pending, int entries)
    {
        if (entries != pending.ExpectedEntries)
        {
            throw new RecordStoreException($"記録 {pending.RecordId} は、読み込んだ後に別の操作で更新されました。読み直してからやり直してください。");
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
