using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace GuidelineEngine.Web.Pages;

/// <summary>
/// A piece of HTML that is safe to write as it is. Only <see cref="Html.Of"/> makes one, and it encodes every value
/// put into its holes, so text from users, intakes or records can never become markup.
/// </summary>
public sealed class HtmlText
{
    internal HtmlText(string value) => Value = value;

    public static HtmlText Empty { get; } = new("");

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>Builds <see cref="HtmlText"/> from an interpolated string: literals are markup, holes are encoded text.</summary>
[InterpolatedStringHandler]
public readonly struct HtmlBuilder
{
    // Japanese stays readable in the page source; only what could break out of text or an attribute is encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder _text;

    public HtmlBuilder(int literalLength, int formattedCount) => _text = new StringBuilder(literalLength + (formattedCount * 16));

    public void AppendLiteral(string literal) => _text.Append(literal);

    /// <summary>HTML already built is written as it is; several pieces in a row are joined; anything else is encoded text.</summary>
    public void AppendFormatted<T>(T value)
    {
        switch (value)
        {
            case null:
                break;
            case HtmlText html:
                _text.Append(html.Value);
                break;
            case IEnumerable<HtmlText> many:
                foreach (var html in many)
                {
                    _text.Append(html.Value);
                }
                break;
            case IFormattable formattable:
                _text.Append(Encoder.Encode(formattable.ToString(null, CultureInfo.InvariantCulture)));
                break;
            default:
                _text.Append(Encoder.Encode(value.ToString() ?? ""));
                break;
        }
    }

    public void AppendFormatted<T>(T value, string format) where T : IFormattable =>
        _text.Append(Encoder.Encode(value.ToString(format, CultureInfo.InvariantCulture)));

    internal HtmlText Build() => new(_text.ToString());
}

/// <summary>Small helpers over <see cref="HtmlText"/>.</summary>
public static class Html
{
    /// <summary>The one way to make HTML: <c>Html.Of($"&lt;p&gt;{text}&lt;/p&gt;")</c> encodes <c>text</c>.</summary>
    public static HtmlText Of(HtmlBuilder builder) => builder.Build();

    public static HtmlText Join(IEnumerable<HtmlText> parts) => Of($"{parts}");

    /// <summary>Emits <paramref name="render"/> only when <paramref name="condition"/> holds.</summary>
    public static HtmlText If(bool condition, Func<HtmlText> render) => condition ? render() : HtmlText.Empty;

    /// <summary>An attribute that is present or absent (checked, selected, open).</summary>
    public static HtmlText Flag(bool on, string name) => on ? new HtmlText(" " + name) : HtmlText.Empty;

    /// <summary>A bulleted list, or nothing when there is nothing to list.</summary>
    public static HtmlText List(IEnumerable<string> lines, string? id = null)
    {
        var items = lines.Select(line => Of($"<li>{line}</li>")).ToList();
        return items.Count == 0 ? HtmlText.Empty : id is null ? Of($"<ul>{items}</ul>") : Of($"<ul id=\"{id}\">{items}</ul>");
    }

    /// <summary>An element id from any text: letters, digits, '-' and '_' kept, everything else '-'.</summary>
    public static string Id(string text)
    {
        var id = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }
        return id.ToString();
    }
}
