using System.Globalization;
using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Precedents;

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

    private readonly List<Entry> _entries = [];

    /// <summary>Indexes every item of the historical (non-synthetic) cases.</summary>
    public PrecedentIndex(IEnumerable<CasebookCase> cases)
    {
        foreach (var casebookCase in cases.Where(c => !c.Synthetic && c.Expected.Count > 0))
        {
            var expectation = casebookCase.Expected[0];
            var version = expectation.Version ?? casebookCase.AnnotatedCategories.Keys.FirstOrDefault() ?? "";
            for (var i = 0; i < casebookCase.Intake.Items.Count; i++)
            {
                var item = casebookCase.Intake.Items[i];
                var itemId = item.Id ?? (i + 1).ToString(CultureInfo.InvariantCulture);
                _entries.Add(new Entry(
                    Features.Of(casebookCase.Intake, item),
                    new Precedent
                    {
                        CaseFile = casebookCase.File,
                        CaseId = casebookCase.Intake.Id,
                        Title = casebookCase.Intake.Title,
                        ItemId = itemId,
                        Source = casebookCase.Source?.Location ?? casebookCase.File,
                        Outcome = expectation.Outcome,
                        Categories = casebookCase.AcceptedCategories(expectation, version, itemId),
                        Score = 0,
                    }));
            }
        }
    }

    /// <summary>The most similar past items, best first; the case itself (same id) is left out.</summary>
    public IReadOnlyList<Precedent> Find(CaseIntake intake, IntakeItem item, int count = DefaultCount)
    {
        var query = Features.Of(intake, item);
        return _entries
            .Where(e => e.Features.Kind == query.Kind && (intake.Id is null || e.Precedent.CaseId != intake.Id))
            .Select(e => Score(query, e))
            .Where(p => p.Score >= MinimumScore)
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.CaseFile, StringComparer.Ordinal)
            .ThenBy(p => p.ItemId, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    private static Precedent Score(Features query, Entry entry)
    {
        var reasons = new List<string>();
        var score = 0.0;
        if (query.Files.Overlaps(entry.Features.Files))
        {
            score += FileWeight;
            reasons.Add("同じファイル");
        }
        if (query.User is not null && query.User == entry.Features.User)
        {
            score += UserWeight;
            reasons.Add("同じ利用課・提供先");
        }
        if (query.Holder is not null && query.Holder == entry.Features.Holder)
        {
            score += HolderWeight;
            reasons.Add("同じ保有課");
        }
        var text = Dice(query.Bigrams, entry.Features.Bigrams);
        score += TextWeight * text;
        reasons.Add($"目的の類似度 {text.ToString("0.00", CultureInfo.InvariantCulture)}");
        return entry.Precedent with { Score = Math.Round(score, 3), Reasons = reasons };
    }

    private static double Dice(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);

    private sealed record Entry(Features Features, Precedent Precedent);

    private sealed record Features(string Kind, HashSet<string> Files, string? User, string? Holder, HashSet<string> Bigrams)
    {
        public static Features Of(CaseIntake intake, IntakeItem item) => item switch
        {
            UseOrProvisionItem use => new Features(
                "use_or_provision",
                use.File is null ? [] : [NameKey.Of(use.File)],
                use.Recipient?.Section is { } section ? NameKey.Of(section) : use.Recipient?.Kind,
                use.HoldingSection is null ? null : NameKey.Of(use.HoldingSection),
                BigramsOf(use.Purpose ?? intake.Title)),
            OutsourcingItem outsourcing => new Features(
                "outsourcing",
                outsourcing.Files.Select(NameKey.Of).ToHashSet(),
                intake.ProposingSection is null ? null : NameKey.Of(intake.ProposingSection),
                null,
                BigramsOf(string.Join(" ", outsourcing.Tasks.Select(t => t.Description).Prepend(intake.Title)))),
            _ => throw new ArgumentOutOfRangeException(nameof(item)),
        };

        private static HashSet<string> BigramsOf(string? text)
        {
            var key = NameKey.Of(text ?? "");
            var grams = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < key.Length; i++)
            {
                grams.Add(key.Substring(i, 2));
            }
            return grams;
        }
    }
}
