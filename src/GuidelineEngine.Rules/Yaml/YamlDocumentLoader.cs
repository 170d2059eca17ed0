using System.Buffers;
using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace GuidelineEngine.Rules.Yaml;

/// <summary>
/// Reads one YAML (or JSON) document into a node tree that keeps line and column.
/// Refuses what a hand-written rule or case file never needs and an attacker would:
/// oversized files, overlong strings, non-UTF-8 text, aliases (no "billion laughs"), deep nesting,
/// a key written twice — each with the file, line and field, before any tree is built.
/// </summary>
public static class YamlDocumentLoader
{
    /// <summary>Largest file accepted.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Longest string (a key or a value) accepted, in characters: a purpose or a guideline clause is far shorter.</summary>
    public const int MaxStringLength = 4000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads a file (a <c>.json</c> one is checked as JSON first); returns null and records the error when it cannot be read.</summary>
    public static YamlNode? LoadFile(string path, string displayName, DiagnosticBag diagnostics) =>
        ReadFile(path, displayName, diagnostics) is { } bytes
            ? LoadBytes(bytes, displayName, diagnostics, IsJsonFile(path))
            : null;

    /// <summary>A file named <c>.json</c> says it is JSON.</summary>
    public static bool IsJsonFile(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a file of at most <see cref="MaxBytes"/>: its size is checked before reading, so a huge file is refused
    /// without being loaded. Returns null and records the error when it cannot be read.
    /// </summary>
    public static byte[]? ReadFile(string path, string displayName, DiagnosticBag diagnostics)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Add(new Diagnostic(displayName, 0, 0, "", "ファイルが見つかりません。"));
                return null;
            }
            if (info.Length > MaxBytes)
            {
                diagnostics.Add(TooLarge(displayName, info.Length));
                return null;
            }
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new Diagnostic(displayName, 0, 0, "", $"ファイルを読めません: {e.Message}"));
            return null;
        }
    }

    /// <summary>
    /// Loads text already in memory (e.g. a request body). Text that says it is JSON (<paramref name="json"/>) must be JSON:
    /// its syntax errors are reported as JSON's, where JSON's reader finds them; read as YAML, they would be reported as
    /// YAML's, often lines later.
    /// </summary>
    public static YamlNode? LoadBytes(byte[] bytes, string displayName, DiagnosticBag diagnostics, bool json = false)
    {
        if (bytes.Length > MaxBytes)
        {
            diagnostics.Add(TooLarge(displayName, bytes.Length));
            return null;
        }
        if (Decode(bytes, displayName) is { } encodingError)
        {
            diagnostics.Add(encodingError);
            return null;
        }
        var text = StrictUtf8.GetString(bytes);
        // A UTF-8 byte order mark is harmless: drop it.
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Add(new Diagnostic(displayName, 0, 0, "", "ファイルが空です。"));
            return null;
        }
        if (json && JsonSyntax(text, displayName) is { } jsonError)
        {
            diagnostics.Add(jsonError);
            return null;
        }
        try
        {
            if (Prescan(text, displayName, diagnostics) is not { } events)
            {
                return null;
            }
            // The tree is built from the events the prescan read: the text is scanned once, not twice.
            var stream = new YamlStream();
            stream.Load(new Replay(events));
            return stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            var (line, column) = IsAboutTabs(e)
                ? TabIndentation(text, (int)e.Start.Line)
                : ((int)e.Start.Line, (int)e.Start.Column);
            diagnostics.Add(new Diagnostic(displayName, line, column, "", $"YAML の書式が正しくありません: {Explain(e)}"));
            return null;
        }
    }

    // JSON is YAML, so a sound JSON text goes on to the YAML reader, which keeps lines and columns and checks the limits.
    private static Diagnostic? JsonSyntax(string text, string displayName)
    {
        // Depth is left to the prescan, which refuses deep nesting with its own message.
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(text), new System.Text.Json.JsonReaderOptions { MaxDepth = MaxBytes });
        try
        {
            while (reader.Read())
            {
            }
            return null;
        }
        catch (System.Text.Json.JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var lineText = text.Split('\n') is var lines && line < lines.Length ? lines[line] : "";
            // The reader counts bytes in the line; a column counts characters, as for YAML.
            var bytes = Encoding.UTF8.GetBytes(lineText);
            var column = Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(e.BytePositionInLine ?? 0, bytes.Length)) + 1;
            var message = e.Message.Split(" LineNumber:")[0].Trim();
            return new Diagnostic(displayName, line + 1, column, "", $"JSON の書式が正しくありません: この位置から JSON として読めません。（{message}）");
        }
    }

    // The parser reports a tab in the indentation where the value before it began; point at the tab itself.
    private static (int Line, int Column) TabIndentation(string text, int from)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(from - 1, 0); i < lines.Length; i++)
        {
            var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indentation);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }
        return (from, 1);
    }

    private static bool IsAboutTabs(YamlException e) => (e.InnerException?.Message ?? e.Message).Contains(" tab ", StringComparison.Ordinal);

    private static Diagnostic TooLarge(string displayName, long length) =>
        new(displayName, 0, 0, "", string.Create(CultureInfo.InvariantCulture, $"ファイルが大きすぎます（{length:N0} バイト。上限は {MaxBytes:N0} バイト）。"));

    // Names the first byte that is not UTF-8, and says Shift_JIS when the whole file reads as Shift_JIS: ward files often come that way.
    private static Diagnostic? Decode(byte[] bytes, string displayName)
    {
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            return new Diagnostic(displayName, 1, 1, "", "文字コードが UTF-16 です。UTF-8 で保存し直してください。");
        }
        var offset = FirstInvalidUtf8(bytes);
        if (offset < 0)
        {
            return null;
        }
        var before = bytes.AsSpan(0, offset);
        var line = 1 + before.Count((byte)'\n');
        var lineStart = Math.Max(before.LastIndexOf((byte)'\n') + 1, bytes is [0xEF, 0xBB, 0xBF, ..] && line == 1 ? 3 : 0);
        var column = 1 + StrictUtf8.GetCharCount(bytes, lineStart, offset - lineStart);
        var guess = ReadsAsShiftJis(bytes)
            ? "Shift_JIS で保存されたファイルのようです"
            : $"UTF-8 にないバイト 0x{bytes[offset]:X2} があります";
        return new Diagnostic(displayName, line, column, "", $"文字コードが UTF-8 ではありません（{guess}）。UTF-8 で保存し直してください。");
    }

    private static int FirstInvalidUtf8(byte[] bytes)
    {
        var rest = bytes.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(rest, out _, out var consumed) != OperationStatus.Done)
            {
                return bytes.Length - rest.Length;
            }
            rest = rest[consumed..];
        }
        return -1;
    }

    private static bool ReadsAsShiftJis(byte[] bytes)
    {
        var shiftJis = CodePagesEncodingProvider.Instance.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            return shiftJis is not null && shiftJis.GetCharCount(bytes) > 0;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Where the parser is: the field path of a mapping or sequence being read.</summary>
    private sealed class Level(string path, bool mapping)
    {
        public string Path { get; } = path;
        public bool Mapping { get; } = mapping;
        public bool ExpectsKey { get; set; } = true;
        public string Key { get; set; } = "";
        public int Index { get; set; } = -1;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }

    // Streams the parser events first, so aliases, deep nesting, repeated keys and overlong strings are refused, with the
    // field path, before any tree is built. Aliases and nesting stop the scan at once; the others are all reported.
    private static List<ParsingEvent>? Prescan(string text, string file, DiagnosticBag diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        var events = new List<ParsingEvent>();
        var levels = new Stack<Level>();
        var documents = 0;
        var clean = true;
        void Error(ParsingEvent at, string field, string message) =>
            diagnostics.Add(new Diagnostic(file, (int)at.Start.Line, (int)at.Start.Column, field, message));

        while (parser.MoveNext())
        {
            var current = parser.Current!;
            events.Add(current);
            switch (current)
            {
                case DocumentStart when ++documents > 1:
                    Error(current, "", "YAML の文書は1つだけにしてください（ここから2つ目の文書が始まっています）。");
                    return null;
                case MappingEnd or SequenceEnd:
                    levels.Pop();
                    break;
                case AnchorAlias or NodeEvent:
                    var (path, parent, isKey) = Place(levels, current);
                    switch (current)
                    {
                        case AnchorAlias:
                            Error(current, path, "YAML のエイリアス（*）は使えません。値をそのまま書いてください。");
                            return null;
                        case Scalar scalar when scalar.Value.Length > MaxStringLength:
                            Error(current, isKey ? parent : path,
                                string.Create(CultureInfo.InvariantCulture, $"文字列が長すぎます（{scalar.Value.Length:N0} 文字。上限は {MaxStringLength:N0} 文字）。"));
                            clean = false;
                            break;
                        case Scalar scalar when isKey && !levels.Peek().Keys.Add(scalar.Value):
                            Error(current, path, $"キー「{scalar.Value}」が2回書かれています。1回だけにしてください。");
                            clean = false;
                            break;
                        case MappingStart or SequenceStart:
                            if (levels.Count >= MaxDepth)
                            {
                                Error(current, path, $"入れ子が深すぎます（上限 {MaxDepth} 段）。");
                                return null;
                            }
                            levels.Push(new Level(path, current is MappingStart));
                            break;
                    }
                    break;
            }
        }
        if (documents == 0)
        {
            diagnostics.Add(new Diagnostic(file, 0, 0, "", "ファイルにはコメントしかありません。内容を書いてください。"));
            return null;
        }
        return clean ? events : null;
    }

    // The field path of a node (items[0].purpose), the path of the mapping or sequence holding it, and whether it is a key.
    private static (string Path, string Parent, bool IsKey) Place(Stack<Level> levels, ParsingEvent node)
    {
        if (levels.Count == 0)
        {
            return ("", "", false);
        }
        var level = levels.Peek();
        if (!level.Mapping)
        {
            level.Index++;
            return ($"{level.Path}[{level.Index}]", level.Path, false);
        }
        var isKey = level.ExpectsKey;
        if (isKey)
        {
            level.Key = (node as Scalar)?.Value ?? "";
        }
        level.ExpectsKey = !isKey;
        return (level.Path.Length == 0 ? level.Key : $"{level.Path}.{level.Key}", level.Path, isKey);
    }

    // The parser's messages are English; say in Japanese what usually causes each, and keep the original for reference.
    private static string Explain(YamlException e)
    {
        var original = e.InnerException?.Message ?? e.Message;
        string? Has(string text, string explanation) => original.Contains(text, StringComparison.Ordinal) ? explanation : null;
        var explanation =
            (IsAboutTabs(e) ? "字下げにタブ文字は使えません。空白で字下げしてください。" : null)
            ?? Has("quoted scalar", "引用符（\" または '）が閉じられていません。")
            ?? Has("expected ',' or '}'", "この位置の前に「,」か「}」が足りません。")
            ?? Has("expected ',' or ']'", "この位置の前に「,」か「]」が足りません。")
            ?? Has("did not find expected key", "字下げがそろっていません。同じ階層の行は同じ桁から書いてください。")
            ?? Has("expected '-' indicator", "字下げがそろっていません。同じ階層の行は同じ桁から書いてください。")
            ?? Has("invalid mapping", "値の中に「: 」があります。字下げを確かめるか、値全体を引用符で囲んでください。")
            ?? Has("cannot start any token", "この位置に書けない文字があります（@ や ` で始まる値は引用符で囲んでください）。")
            ?? Has("expected node content", "値が書かれていないか、途中で終わっています。");
        return explanation is null ? original : $"{explanation}（{original}）";
    }

    // Parser events read once, handed to the tree builder again.
    private sealed class Replay(List<ParsingEvent> events) : IParser
    {
        private int _next;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            Current = _next < events.Count ? events[_next++] : null;
            return Current is not null;
        }
    }
}
