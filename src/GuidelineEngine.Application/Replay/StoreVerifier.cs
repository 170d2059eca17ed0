using GuidelineEngine.Records.Chain;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;

namespace GuidelineEngine.Application.Replay;

/// <summary>What <c>records verify</c> found: the chain, and the derived rows of the submissions against their payloads.</summary>
/// <param name="Derived">Submissions read whose derived row was checked.</param>
/// <param name="Underived">Submissions read that have no derived row yet (made from the payload before impact reads them).</param>
/// <param name="Problems">The first derived rows that disagree (at most the number asked for).</param>
/// <param name="ProblemCount">How many disagreements there are in all.</param>
public sealed record StoreReport(ChainReport Chain, long Derived, long Underived, IReadOnlyList<DerivedProblem> Problems, long ProblemCount)
{
    public bool Intact => Chain.Intact && ProblemCount == 0;
}

/// <summary>
/// <c>records verify</c>: walks the log once, in sequence order, on one connection, checking the chain
/// (<see cref="ChainVerifier"/>) and every derived row against the payload it derives from — the derived table is not in
/// the chain, so this is what catches a stale or edited row. The rows are checked on every core (each one reads its
/// intake's YAML again); memory stays flat however large the store.
/// </summary>
public static class StoreVerifier
{
    public static StoreReport Verify(IRecordStore store, int keepProblems = 20)
    {
        long derived = 0, underived = 0, problemCount = 0;
        var problems = new List<DerivedProblem>();
        IEnumerable<RecordEntry> Entries()
        {
            foreach (var (stored, found) in OrderedParallel.Map(store.ReadAllWithSubmissions(), stored => (stored, DerivedSubmissions.Check(stored))))
            {
                problemCount += found.Count;
                problems.AddRange(found.Take(keepProblems - problems.Count));
                if (stored.Entry is { Kind: EntryKind.Submitted })
                {
                    _ = stored.Derived is null ? underived++ : derived++;
                }
                if (stored.Entry is { } entry)
                {
                    yield return entry;
                }
            }
        }
        // The chain check stops at its first break, and the derived check with it.
        var chain = ChainVerifier.Verify(Entries());
        return new StoreReport(chain, derived, underived, problems, problemCount);
    }
}
