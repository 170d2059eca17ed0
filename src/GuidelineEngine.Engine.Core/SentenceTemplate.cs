using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Core;

/// <summary>
/// A rule's explanation, split once at its placeholders (<c>{holder.organ}</c>): a rationale step fills in the labels of
/// the item's facts without matching the text again. A placeholder that names no fact of the rule set stays as written.
/// </summary>
public sealed partial class SentenceTemplate
{
    // Literal text, or a fact whose value's label goes there.
    private readonly List<(string? Text, FactDefinition? Fact, int Slot)> _parts = [];

    public SentenceTemplate(string template, FactLayout layout)
    {
        var at = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            if (!layout.Contains(match.Groups[1].Value))
            {
                continue;
            }
            _parts.Add((template[at..match.Index], null, 0));
            var (fact, slot) = layout[match.Groups[1].Value];
            _parts.Add((null, fact, slot));
            at = match.Index + match.Length;
        }
        _parts.Add((template[at..], null, 0));
    }

    /// <summary>The sentence for an item whose facts are <paramref name="item"/>.</summary>
    public string Fill(object?[] item)
    {
        if (_parts.Count == 1)
        {
            return _parts[0].Text!;
        }
        // A pooled buffer: the sentence is the only string allocated.
        var sentence = new DefaultInterpolatedStringHandler(0, _parts.Count);
        foreach (var (text, fact, slot) in _parts)
        {
            sentence.AppendFormatted(fact is null ? text : fact.LabelOf(item[slot]));
        }
        return sentence.ToStringAndClear();
    }

    [GeneratedRegex(@"\{([a-z_.]+)\}")]
    private static partial Regex Placeholder();
}
