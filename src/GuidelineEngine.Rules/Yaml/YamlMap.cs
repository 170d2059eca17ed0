using System.Globalization;
using GuidelineEngine.Domain.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GuidelineEngine.Rules.Yaml;

/// <summary>
/// A mapping node being read, with its file and field path. Every accessor records a clear error
/// (file, line, field) instead of throwing, and returns null for a value it cannot use.
/// </summary>
public sealed class YamlMap
{
    private readonly YamlMappingNode _node;

    public YamlMap(YamlMappingNode node, string file, string path, DiagnosticBag diagnostics)
    {
        _node = node;
        File = file;
        Path = path;
        Diagnostics = diagnostics;
    }

    public string File { get; }
    public string Path { get; }
    public DiagnosticBag Diagnostics { get; }

    public SourceMark Mark => MarkOf(_node);

    public IEnumerable<string> Keys => _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    /// <summary>Reads the root of a document as a mapping.</summary>
    public static YamlMap? Root(YamlNode? root, string file, DiagnosticBag diagnostics)
    {
        if (root is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, file, "", diagnostics);
        }
        if (root is not null)
        {
            diagnostics.Add(MarkOf(root, file), file, "", "最上位は「キー: 値」の形（マッピング）にしてください。");
        }
        return null;
    }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public SourceMark MarkOf(string key) => Node(key) is { } value ? MarkOf(value) : Mark;

    public bool Has(string key) => Node(key) is not null and not YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain };

    /// <summary>Rejects keys not in the list: a misspelt key must not be silently ignored.</summary>
    public void AllowOnly(params string[] allowed)
    {
        foreach (var (key, _) in _node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
            {
                // One slip in a short key, two in a long one: further than that, a guess misleads more than it helps.
                var tolerance = name.Length >= 8 ? 2 : 1;
                var guess = allowed.Where(a => Distance(a, name) <= tolerance).OrderBy(a => Distance(a, name)).FirstOrDefault();
                Error(key, PathOf(name), guess is null
                    ? $"未知のキーです（使えるキー: {string.Join(", ", allowed)}）。"
                    : $"未知のキーです。{guess} の書き間違いではありませんか（使えるキー: {string.Join(", ", allowed)}）。");
            }
        }
    }

    // Edit distance (Levenshtein), to suggest the key a misspelt one was meant to be.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }

    public YamlNode? Node(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? String(string key, bool required = false)
    {
        var node = Present(key, required);
        if (node is null)
        {
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            Error(node, PathOf(key), $"文字列を1つ書いてください（{ShapeOf(node)}は書けません）。");
            return null;
        }
        var value = scalar.Value ?? "";
        if (required && value.Trim().Length == 0)
        {
            Error(node, PathOf(key), "空にできません。");
            return null;
        }
        return value;
    }

    public bool? Bool(string key, bool required = false) =>
        Typed<bool>(key, required, "true または false を書いてください", text => text switch { "true" => true, "false" => false, _ => (bool?)null });

    public int? Int(string key, bool required = false) =>
        Typed<int>(key, required, "整数を書いてください",
            text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null);

    // JSON has no date type, so a date may be quoted.
    public DateOnly? Date(string key, bool required = false) =>
        Typed<DateOnly>(key, required, "日付は YYYY-MM-DD の形で書いてください",
            text => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            quotedAllowed: true);

    public IReadOnlyList<string> Strings(string key, bool required = false)
    {
        var node = Present(key, required);
        if (node is null)
        {
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, PathOf(key), "一覧（- で始まる行、または [ ]）を書いてください。");
            return [];
        }
        var values = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var child = sequence.Children[i];
            if (child is YamlScalarNode { Value: { } value } && !IsNull(child))
            {
                values.Add(value);
            }
            else
            {
                Error(child, $"{PathOf(key)}[{i}]", child is YamlScalarNode ? "空にできません。文字列を書いてください。" : $"文字列を1つ書いてください（{ShapeOf(child)}は書けません）。");
            }
        }
        return values;
    }

    public YamlMap? Map(string key, bool required = false)
    {
        var node = Present(key, required);
        if (node is null)
        {
            return null;
        }
        if (node is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, File, PathOf(key), Diagnostics);
        }
        Error(node, PathOf(key), "「キー: 値」の形（マッピング）を書いてください。");
        return null;
    }

    /// <summary>A sequence of mappings, each with its path <c>key[i]</c>.</summary>
    public IReadOnlyList<YamlMap> Maps(string key, bool required = false)
    {
        var node = Present(key, required);
        if (node is null)
        {
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, PathOf(key), "一覧（- で始まる行）を書いてください。");
            return [];
        }
        var maps = new List<YamlMap>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode mapping)
            {
                maps.Add(new YamlMap(mapping, File, $"{PathOf(key)}[{i}]", Diagnostics));
            }
            else
            {
                Error(sequence.Children[i], $"{PathOf(key)}[{i}]", "「キー: 値」の形（マッピング）を書いてください。");
            }
        }
        return maps;
    }

    public void Error(string key, string message) => Error(Node(key) ?? _node, PathOf(key), message);

    public void Error(YamlNode node, string field, string message) =>
        Diagnostics.Add(MarkOf(node), File, field, message);

    public SourceMark MarkOf(YamlNode node) => MarkOf(node, File);

    public static SourceMark MarkOf(YamlNode node, string file) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    // The value of a key, or null (with an error when required) if it is missing or written as null.
    private YamlNode? Present(string key, bool required)
    {
        var node = Node(key);
        if (node is not null && !IsNull(node))
        {
            return node;
        }
        if (required)
        {
            Error(_node, PathOf(key), "必須の項目がありません。");
        }
        return null;
    }

    // A typed value is a plain scalar that parses: a boolean or a number in quotes is a string (in JSON, "true" is not true).
    private T? Typed<T>(string key, bool required, string wanted, Func<string, T?> parse, bool quotedAllowed = false) where T : struct
    {
        var node = Present(key, required);
        if (node is null)
        {
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            Error(node, PathOf(key), $"{wanted}（{ShapeOf(node)}は書けません）。");
            return null;
        }
        var text = scalar.Value ?? "";
        var value = parse(text);
        if (value is not null && (quotedAllowed || scalar.Style is ScalarStyle.Plain))
        {
            return value;
        }
        Error(node, PathOf(key), value is null
            ? $"{wanted}（「{Echo(text)}」）。"
            : $"{wanted}。引用符で囲んだ「{Echo(text)}」は文字列です。");
        return null;
    }

    private static string ShapeOf(YamlNode node) => node is YamlSequenceNode ? "一覧" : "「キー: 値」の形";

    /// <summary>A value quoted back in a message, cut short: the message must stay one readable line.</summary>
    public static string Echo(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
