namespace GuidelineEngine.Tests.Shared;

/// <summary>Edits of test inputs that fail loudly when the text to edit is not there.</summary>
internal static class TextEdit
{
    /// <summary>Replaces text that must occur exactly once, so a test cannot silently break nothing.</summary>
    public static string ReplaceOnce(string text, string oldText, string newText)
    {
        var first = text.IndexOf(oldText, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(oldText, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"「{oldText}」 must occur exactly once in the text to edit.");
        }
        return string.Concat(text.AsSpan(0, first), newText, text.AsSpan(first + oldText.Length));
    }

    /// <summary>The 1-based number of the only line containing <paramref name="snippet"/>.</summary>
    public static int LineOf(string text, string snippet)
    {
        var lines = text.Split('\n');
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(snippet, StringComparison.Ordinal)).ToList();
        if (found.Count != 1)
        {
            throw new InvalidOperationException($"「{snippet}」 must be on exactly one line (found {found.Count}).");
        }
        return found[0] + 1;
    }
}
