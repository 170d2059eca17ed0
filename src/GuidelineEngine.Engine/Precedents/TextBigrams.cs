using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Precedents;

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

    /// <summary>Dice coefficient of two texts' bigrams, from 0 (nothing shared) to 1.</summary>
    public static double Similarity(string a, string b)
    {
        var left = Of(a);
        var right = Of(b);
        return Dice(left.Length, right.Length, left.Intersect(right).Count());
    }

    /// <summary>The names most like <paramref name="text"/>, best first; none that share nothing with it.</summary>
    public static IReadOnlyList<string> Nearest(string text, IEnumerable<string> names, int count = 3) =>
        [.. names.Distinct()
            .Select(name => (Name: name, Score: Similarity(text, name)))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(s => s.Name)];
}
