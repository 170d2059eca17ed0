using System.Globalization;
using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Application.Precedents;

/// <summary>
/// Finds the past cases most like a new item: the same file, the same using section or recipient kind,
/// the same holder, and a similar purpose. Japanese purpose texts are compared by character bigrams
/// (Dice coefficient), which needs no dictionary.
/// </summary>
public sealed class PrecedentIndex
{
    /// <summary>How many precedents an item lists at most.</summary>
    public const int DefaultCount = 3;

    /// <summary>Below this score a case is not shown as similar.</summary>
    public const double MinimumScore = 0.2;

    private const double FileWeight = 0.4;
    private const double UserWeight = 0.2;
    private const double HolderWeight = 0.1;
    private const double TextWeight = 0.3;

    private readonly Task<Entries> _entries;

    /// <summary>Indexes every item of the historical (non-synthetic) cases.</summary>
    public PrecedentIndex(IEnumerable<CasebookCase> cases) => _entries = Task.FromResult(new Entries(cases));

    /// <summary>
    /// Indexes cases still being read, e.g. on another core while the rules compile; <see cref="Find"/> waits for them.
    /// No cases (null: no casebook, or a broken one) means no precedents.
    /// </summary>
    public PrecedentIndex(Task<IReadOnlyList<CasebookCase>?> cases) => _entries = IndexAsync(cases);

    private static async Task<Entries> IndexAsync(Task<IReadOnlyList<CasebookCase>?> cases) =>
        new(await cases.ConfigureAwait(false) ?? []);

    /// <summary>The most similar past items, best first; the case itself (same id) is left out.</summary>
    public IReadOnlyList<Precedent> Find(CaseIntake intake, IntakeItem item, int count = DefaultCount)
    {
        var query = Features.Of(intake, item);
        var entries = _entries.GetAwaiter().GetResult();
        // Every past item is scored on every screening: the shared bigrams are counted from the postings of the query's
        // bigrams only, the score is plain arithmetic, and the reasons (text) are written only for the few shown.
        var shared = entries.SharedBigrams(query.Bigrams);
        var scored = new List<(Entry Entry, int Shared, double Score)>();
        for (var i = 0; i < entries.Items.Count; i++)
        {
            var entry = entries.Items[i];
            if (entry.Features.Kind == query.Kind && (intake.Id is null || entry.Precedent.CaseId != intake.Id)
                && Score(query, entry.Features, shared[i]) is var score && score >= MinimumScore)
            {
                scored.Add((entry, shared[i], score));
            }
        }
        return scored
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Entry.Precedent.CaseFile, StringComparer.Ordinal)
            .ThenBy(s => s.Entry.Precedent.ItemId, StringComparer.Ordinal)
            .Take(count)
            .Select(s => s.Entry.Precedent with { Score = s.Score, Reasons = Reasons(query, s.Entry.Features, s.Shared) })
            .ToList();
    }

    private static double Score(Features query, Features entry, int sharedBigrams)
    {
        var score = 0.0;
        if (SameFile(query, entry))
        {
            score += FileWeight;
        }
        if (SameUser(query, entry))
        {
            score += UserWeight;
        }
        if (SameHolder(query, entry))
        {
            score += HolderWeight;
        }
        score += TextWeight * Dice(query, entry, sharedBigrams);
        return Math.Round(score, 3);
    }

    private static List<string> Reasons(Features query, Features entry, int sharedBigrams)
    {
        var reasons = new List<string>();
        if (SameFile(query, entry))
        {
            reasons.Add("同じファイル");
        }
        if (SameUser(query, entry))
        {
            reasons.Add("同じ利用課・提供先");
        }
        if (SameHolder(query, entry))
        {
            reasons.Add("同じ保有課");
        }
        reasons.Add($"目的の類似度 {Dice(query, entry, sharedBigrams).ToString("0.00", CultureInfo.InvariantCulture)}");
        return reasons;
    }

    private static bool SameFile(Features query, Features entry)
    {
        foreach (var file in entry.Files)
        {
            if (Array.IndexOf(query.Files, file) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    private static bool SameUser(Features query, Features entry) => query.User is not null && query.User == entry.User;

    private static bool SameHolder(Features query, Features entry) => query.Holder is not null && query.Holder == entry.Holder;

    /// <summary>Dice coefficient of the two texts' sets of bigrams, given how many they share.</summary>
    private static double Dice(Features query, Features entry, int sharedBigrams) =>
        TextBigrams.Dice(query.Bigrams.Length, entry.Bigrams.Length, sharedBigrams);

    private sealed record Entry(Features Features, Precedent Precedent);

    /// <summary>The indexed past items, and for each bigram the items whose text has it.</summary>
    private sealed class Entries
    {
        private readonly Dictionary<int, List<int>> _postings = [];

        public Entries(IEnumerable<CasebookCase> cases)
        {
            foreach (var casebookCase in cases.Where(c => !c.Synthetic && c.Expected.Count > 0))
            {
                var expectation = casebookCase.Expected[0];
                var version = expectation.Version ?? casebookCase.AnnotatedCategories.Keys.FirstOrDefault() ?? "";
                for (var i = 0; i < casebookCase.Intake.Items.Count; i++)
                {
                    var item = casebookCase.Intake.Items[i];
                    var itemId = casebookCase.Intake.ItemId(i);
                    var features = Features.Of(casebookCase.Intake, item);
                    foreach (var bigram in features.Bigrams)
                    {
                        if (!_postings.TryGetValue(bigram, out var items))
                        {
                            _postings[bigram] = items = [];
                        }
                        items.Add(Items.Count);
                    }
                    Items.Add(new Entry(features, new Precedent
                    {
                        CaseFile = casebookCase.File,
                        CaseId = casebookCase.Intake.Id,
                        Title = casebookCase.Intake.Title,
                        Date = casebookCase.Intake.Date,
                        ItemId = itemId,
                        Source = casebookCase.Source?.Location ?? casebookCase.File,
                        Outcome = expectation.Outcome,
                        Categories = casebookCase.AcceptedCategories(expectation, version, itemId),
                        Score = 0,
                    }));
                }
            }
        }

        public List<Entry> Items { get; } = [];

        /// <summary>For each item, how many of <paramref name="bigrams"/> (distinct) its text shares.</summary>
        public int[] SharedBigrams(int[] bigrams)
        {
            var shared = new int[Items.Count];
            foreach (var bigram in bigrams)
            {
                if (_postings.TryGetValue(bigram, out var items))
                {
                    foreach (var index in items)
                    {
                        shared[index]++;
                    }
                }
            }
            return shared;
        }
    }

    /// <param name="Bigrams">The text's distinct character bigrams, each as its two UTF-16 code units in one number.</param>
    private sealed record Features(string Kind, string[] Files, string? User, string? Holder, int[] Bigrams)
    {
        public static Features Of(CaseIntake intake, IntakeItem item) => item switch
        {
            UseOrProvisionItem use => new Features(
                "use_or_provision",
                use.File is null ? [] : [NameKey.Of(use.File)],
                use.Recipient?.Section is { } section ? NameKey.Of(section) : use.Recipient?.Kind,
                use.HoldingSection is null ? null : NameKey.Of(use.HoldingSection),
                TextBigrams.Of(use.Purpose ?? intake.Title)),
            OutsourcingItem outsourcing => new Features(
                "outsourcing",
                [.. outsourcing.Files.Select(NameKey.Of)],
                intake.ProposingSection is null ? null : NameKey.Of(intake.ProposingSection),
                null,
                TextBigrams.Of(string.Join(" ", outsourcing.Tasks.Select(t => t.Description).Prepend(intake.Title)))),
            _ => throw new ArgumentOutOfRangeException(nameof(item)),
        };
    }
}
