using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace GuidelineEngine.Rules.Yaml;

/// <summary>
/// Reads one YAML (or JSON) document into a node tree that keeps line and column.
/// Refuses what a hand-written rule or case file never needs and an attacker would:
/// oversized files, non-UTF-8 text, aliases (no "billion laughs"), deep nesting.
/// </summary>
public static class YamlDocumentLoader
{
    /// <summary>Largest file accepted.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences accepted.</summary>
    public const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads a file; returns null and records the error when it cannot be read.</summary>
    public static YamlNode? LoadFile(string path, string displayName, DiagnosticBag diagnostics)
    {
        byte[] bytes;
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
                diagnostics.Add(new Diagnostic(displayName, 0, 0, "", $"ファイルが大きすぎます（{info.Length:N0} バイト。上限は {MaxBytes:N0} バイト）。"));
                return null;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            diagnostics.Add(new Diagnostic(displayName, 0, 0, "", $"ファイルを読めません: {e.Message}"));
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            diagnostics.Add(new Diagnostic(displayName, 0, 0, "", $"ファイルを読めません: {e.Message}"));
            return null;
        }
        return LoadBytes(bytes, displayName, diagnostics);
    }

    /// <summary>Loads text already in memory (e.g. a request body).</summary>
    public static YamlNode? LoadBytes(byte[] bytes, string displayName, DiagnosticBag diagnostics)
    {
        if (bytes.Length > MaxBytes)
        {
            diagnostics.Add(new Diagnostic(displayName, 0, 0, "", $"入力が大きすぎます（{bytes.Length:N0} バイト。上限は {MaxBytes:N0} バイト）。"));
            return null;
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Add(new Diagnostic(displayName, 0, 0, "", "文字コードが UTF-8 ではありません（Shift_JIS の可能性があります）。UTF-8 で保存し直してください。"));
            return null;
        }
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
        try
        {
            var stream = new YamlStream();
            stream.Load(new GuardedParser(new Parser(new StringReader(text))));
            if (stream.Documents.Count != 1)
            {
                diagnostics.Add(new Diagnostic(displayName, 0, 0, "", "YAML の文書は1つだけにしてください。"));
                return null;
            }
            return stream.Documents[0].RootNode;
        }
        catch (RefusedEventException e)
        {
            diagnostics.Add(new Diagnostic(displayName, (int)e.Start.Line, (int)e.Start.Column, "", e.Message));
            return null;
        }
        catch (YamlException e)
        {
            diagnostics.Add(new Diagnostic(displayName, (int)e.Start.Line, (int)e.Start.Column, "", $"YAML の書式が正しくありません: {Describe(e)}"));
            return null;
        }
    }

    // Checks each parser event before the tree builder sees it, so an alias or deep nesting is refused before any node
    // for it exists, in the same single pass that builds the tree.
    private sealed class GuardedParser(IParser parser) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => parser.Current;

        public bool MoveNext()
        {
            if (!parser.MoveNext())
            {
                return false;
            }
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    throw new RefusedEventException(alias.Start, "YAML のエイリアス（*）は使えません。値をそのまま書いてください。");
                case MappingStart or SequenceStart:
                    if (++_depth > MaxDepth)
                    {
                        throw new RefusedEventException(parser.Current.Start, $"入れ子が深すぎます（上限 {MaxDepth} 段）。");
                    }
                    break;
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }
            return true;
        }
    }

    private sealed class RefusedEventException(Mark start, string message) : Exception(message)
    {
        public Mark Start { get; } = start;
    }

    private static string Describe(YamlException e) =>
        e.InnerException is { } inner ? inner.Message : e.Message;
}
