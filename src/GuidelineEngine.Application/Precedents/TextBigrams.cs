using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Application.Precedents;

/// <summary>
/// Character bigrams of normalised text and their Dice coefficient: how the precedents compare purposes, and how the web
/// finds the registered names nearest to a misspelt one. Japanese needs no dictionary for this.
/// </summary>
public static class TextBigrams
{
    /// <summary>The text's distinct character bigrams (after <see cref="NameKey.Of"/>), each as its two UTF-16 code units in one number.</summary>
    public static int[] Of(string? text)
    {
        var key = NameKey.Of(text ?? "");
        var grams = new HashSet<int>();
        for (var i = 0; i + 1 < key.Length; i++)
        {
            grams.Add((key[i] << 16) | key[i + 1]);
        }
        return [.. grams];
    }

    /// <summary>Dice coefficient of two sets of bigrams, given how many they share.</summary>
    public static double Dice(int count1, int count2, int shared) => count1 + count2 == 0 ? 0 : 2.0 * shared / (count1 + count2);

    /// <summary>
    /// The names most like <paramref name="text"/>, best first; none that share nothing with it. Ranked by how much of the
    /// shorter text the other holds (a registered name is often the typed one with more words), then by Dice.
    /// </summary>
    public static IReadOnlyList<string> Nearest(string text, IEnumerable<string> names, int count = 3)
    {
        var typed = Of(text);
        return [.. names.Distinct()
            .Select(name => (Name: name, Grams: Of(name)))
            .Select(n => (n.Name, n.Grams.Length, Shared: n.Grams.Intersect(typed).Count()))
            .Where(n => n.Shared > 0)
            .OrderByDescending(n => (double)n.Shared / Math.Min(n.Length, typed.Length))
            .ThenByDescending(n => Dice(typed.Length, n.Length, n.Shared))
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(n => n.Name)];
    }
}
