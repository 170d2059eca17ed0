using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace GuidelineEngine.Properties.Tests;

/// <summary>
/// Text as a department may type it into a free-text field: mostly Japanese, but any Unicode scalar value may occur
/// (a case file is UTF-8, so lone surrogates cannot), together with text that YAML or JSON would otherwise read as
/// something else. U+FFFE, which once failed a screening (string normalisation refuses it), is among the pieces.
/// </summary>
internal sealed class FreeText
{
    private static readonly string[] Pieces =
    [
        "学校給食費補助", "多子世帯", "福祉部", "個人情報", "（", "）", "・", "　", "ｶﾀｶﾅ", "①", "令和５年度", "㈱", "𠮷", "😀", "👨‍👩‍👧",
        "e\u0301", "\u200B", "\uFEFF", "\u2028", "\u0085", "\u00A0", "\uFFFE", "\uFFFF",
        "true", "null", "~", "- ", ": ", " #", "'", "\"", "\\", "&a", "*b", "!!str ", "%", "@", "`", "{x: 1}", "[y]", "...", "---",
        "\n", "\r\n", "\t", "2024-05-01", "1e3", "0x1F", "0",
    ];

    public static readonly FreeText Full = new();

    private FreeText()
    {
        // One draw of FsCheck's generator per text, spelled out by a seeded Random: a character at a time through FsCheck
        // would make generating an intake cost as much as screening it.
        Any = Gen.Sized(size =>
            from length in Gen.Choose(0, Math.Clamp(size / 4, 1, 20))
            from seed in Gen.Choose(0, int.MaxValue)
            select Spell(new Random(seed), length));
        NonBlank = Any.Select(s => string.IsNullOrWhiteSpace(s) ? s + "業務" : s);
    }

    private string Spell(Random random, int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            if (random.Next(5) == 0)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
                continue;
            }
            // Code points: hiragana, katakana, CJK ideographs, full-width forms, printable ASCII, C0 controls, and anything else.
            var c = random.Next(18) switch
            {
                < 4 => random.Next(0x3041, 0x3097),
                < 7 => random.Next(0x30A1, 0x30FB),
                < 11 => random.Next(0x4E00, 0xA000),
                < 12 => random.Next(0xFF01, 0xFF5F),
                < 15 => random.Next(0x20, 0x7F),
                < 16 => random.Next(0x00, 0x20),
                _ => random.Next(0, 0x110000),
            };
            if (c is < 0xD800 or > 0xDFFF)
            {
                text.Append(char.ConvertFromUtf32(c));
            }
        }
        return text.ToString();
    }

    /// <summary>Any text, possibly empty or blank, of up to 20 pieces; longer as the test size grows.</summary>
    public Gen<string> Any { get; }

    /// <summary>Text with something other than white space in it, as the intake requires of a purpose or a task's description.</summary>
    public Gen<string> NonBlank { get; }

    /// <summary>Text or nothing.</summary>
    public Gen<string?> Optional() =>
        Gen.Frequency((1, Gen.Constant<string?>(null)), (3, Any.Select(s => (string?)s)));
}
