using System.Text;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Tests.Shared;

/// <summary>
/// The bad-input corpus (<c>tests/corpus/manifest.yaml</c>, copied beside the test assembly): every input, the front ends it
/// is run through, and the exact errors each must give. The CLI, API and loader tests all read it here, so one manifest
/// states what every front end answers. The manifest is read with the product's own YAML reader, unknown keys refused.
/// </summary>
public static class BadInputCorpus
{
    public const string Cli = "cli";
    public const string Api = "api";
    public const string Loader = "loader";

    /// <summary>A generous bound on any refusal: a bad input must be turned away, never left to hang.</summary>
    /// <remarks>
    /// Kept as a wall-clock bound on purpose, and only for the entries marked <c>bounded</c> (alias bombs, deep nesting,
    /// files at and over the size limit): an alias bomb expanded without its limit is 10^9 strings, minutes of work or an
    /// out-of-memory, far beyond 5 s, while a refusal takes milliseconds. A slow machine cannot make the bound pass
    /// trivially (slowness only lengthens the refusal), and the margin is wide enough that a busy one does not fail it.
    /// </remarks>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(5);

    /// <summary>A bound on what one refusal may allocate, for the inputs marked <c>bounded</c> (bombs, deep nesting, huge files).</summary>
    public const long MemoryBound = 256L * 1024 * 1024;

    public static string Root => Path.Combine(AppContext.BaseDirectory, "corpus");

    private static readonly Lazy<IReadOnlyList<CorpusEntry>> Manifest = new(() => Read(Path.Combine(Root, "manifest.yaml")));

    public static IReadOnlyList<CorpusEntry> Entries => Manifest.Value;

    public static CorpusEntry Get(string id) => Entries.Single(e => e.Id == id);

    /// <summary>The ids of the entries of <paramref name="kind"/> (intake or rules) run through <paramref name="frontEnd"/>.</summary>
    public static IEnumerable<string> Ids(string kind, string frontEnd) =>
        Entries.Where(e => e.Kind == kind && e.FrontEnds.Contains(frontEnd)).Select(e => e.Id);

    private static IReadOnlyList<CorpusEntry> Read(string path)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlMap.Root(YamlDocumentLoader.LoadFile(path, "manifest.yaml", diagnostics), "manifest.yaml", diagnostics);
        root?.AllowOnly("inputs");
        var entries = root?.Maps("inputs", required: true).Select(ReadEntry).ToList() ?? [];
        diagnostics.ThrowIfAny();
        var duplicate = entries.GroupBy(e => e.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? entries : throw new InvalidOperationException($"The corpus manifest names {duplicate.Key} twice.");
    }

    private static readonly string[] ExpectationKeys = ["exit", "status", "record_status", "errors"];

    private static CorpusEntry ReadEntry(YamlMap map)
    {
        map.AllowOnly([.. ExpectationKeys, "id", "what", "kind", "input", "base", "edits", "encode", "front_ends", "bounded", Cli, Api, Loader]);
        var kind = map.String("kind", required: true) ?? "";
        if (kind is not ("intake" or "rules"))
        {
            map.Error("kind", "intake か rules にしてください。");
        }
        var frontEnds = map.Strings("front_ends", required: true).ToHashSet();
        foreach (var unknown in frontEnds.Except([Cli, Api, Loader]))
        {
            map.Error("front_ends", $"未知の入口「{unknown}」です（cli, api, loader）。");
        }
        var overrides = new Dictionary<string, CorpusExpectation>();
        foreach (var frontEnd in new[] { Cli, Api, Loader })
        {
            if (map.Map(frontEnd) is { } specific)
            {
                specific.AllowOnly(ExpectationKeys);
                overrides[frontEnd] = ReadExpectation(specific);
            }
        }
        return new CorpusEntry(
            map.String("id", required: true) ?? "",
            map.String("what", required: true) ?? "",
            kind,
            map.String("input"),
            map.String("base") ?? "nerima/2023-04",
            map.Maps("edits").Select(ReadEdit).ToList(),
            map.Map("encode") is { } encode ? ReadEncoding(encode) : null,
            frontEnds,
            map.Bool("bounded") ?? false,
            ReadExpectation(map),
            overrides);
    }

    private static CorpusExpectation ReadExpectation(YamlMap map) => new(
        map.Int("exit"), map.Int("status"), map.Int("record_status"),
        map.Has("errors") ? map.Maps("errors").Select(ReadError).ToList() : null);

    private static CorpusError ReadError(YamlMap map)
    {
        map.AllowOnly("file", "line", "line_of", "column", "field", "message");
        var line = map.Int("line") ?? 0;
        var lineOf = map.String("line_of");
        // An error with a line has its column too: the manifest states every error exactly.
        var column = map.Int("column", required: line > 0 || lineOf is not null) ?? 0;
        return new CorpusError(map.String("file"), line, lineOf, column, map.String("field") ?? "", map.String("message", required: true) ?? "");
    }

    private static CorpusEdit ReadEdit(YamlMap map)
    {
        map.AllowOnly("file", "replace", "with", "after", "insert", "times");
        var replace = map.String("replace");
        var after = map.String("after");
        if ((replace is null) == (after is null))
        {
            map.Error("replace", "replace（with と）か after（insert と）のどちらか一方を書いてください。");
        }
        return new CorpusEdit(map.String("file"), replace ?? after ?? "", map.String(replace is null ? "insert" : "with", required: true) ?? "",
            KeepTarget: after is not null, map.Int("times") ?? 1);
    }

    private static CorpusEncoding ReadEncoding(YamlMap map)
    {
        map.AllowOnly("file", "bom", "encoding", "pad_to_bytes");
        var encoding = map.String("encoding");
        if (encoding is not (null or "shift_jis" or "utf-16"))
        {
            map.Error("encoding", "shift_jis か utf-16 にしてください。");
        }
        return new CorpusEncoding(map.String("file"), map.Bool("bom") ?? false, encoding, map.Int("pad_to_bytes"));
    }
}

/// <summary>One corpus input: where it comes from, how it is made, and what each front end must answer.</summary>
public sealed record CorpusEntry(
    string Id, string What, string Kind, string? Input, string Base, IReadOnlyList<CorpusEdit> Edits, CorpusEncoding? Encode,
    IReadOnlySet<string> FrontEnds, bool Bounded, CorpusExpectation Common, IReadOnlyDictionary<string, CorpusExpectation> Overrides)
{
    /// <summary>What <paramref name="frontEnd"/> must answer: its own expectations where the manifest gives them, else the common ones.</summary>
    public CorpusExpectation For(string frontEnd)
    {
        var specific = Overrides.GetValueOrDefault(frontEnd);
        return new CorpusExpectation(
            specific?.Exit ?? Common.Exit, specific?.Status ?? Common.Status, specific?.RecordStatus ?? Common.RecordStatus ?? specific?.Status ?? Common.Status,
            specific?.Errors ?? Common.Errors ?? []);
    }

    /// <summary>Whether the input must be accepted (no errors expected).</summary>
    public bool Accepted(string frontEnd) => For(frontEnd).Errors!.Count == 0;

    /// <summary>The name of the intake file (also for a generated one): the file errors name.</summary>
    public string FileName => Path.GetFileName(Input ?? throw new InvalidOperationException($"{Id} has no input file."));

    /// <summary>Writes the intake into <paramref name="folder"/> (made as the manifest says) and returns its path.</summary>
    public string WriteIntake(string folder)
    {
        var text = File.ReadAllText(Path.Combine(BadInputCorpus.Root, Input!));
        var path = Path.Combine(folder, FileName);
        File.WriteAllBytes(path, Encoded(ApplyEdits(text, null)));
        return path;
    }

    /// <summary>
    /// Writes a rules root into <paramref name="folder"/>: a copy of the base version, the overlay files laid over it, the edits
    /// made, a file encoded as the manifest says. Returns the version folder.
    /// </summary>
    public string WriteRules(string folder)
    {
        var version = Path.Combine(folder, Base.Replace('/', Path.DirectorySeparatorChar));
        CopyDirectory(TestPaths.Version(Base), version);
        if (TestPaths.BaseOf(version) is { } basePack)
        {
            CopyDirectory(TestPaths.Version(basePack), Path.Combine(folder, basePack.Replace('/', Path.DirectorySeparatorChar)));
        }
        if (Input is not null)
        {
            CopyDirectory(Path.Combine(BadInputCorpus.Root, Input), version);
        }
        foreach (var file in Edits.Select(e => e.File ?? throw new InvalidOperationException($"{Id}: a rules edit names its file.")).Distinct())
        {
            var path = TestPaths.FileOf(version, file);
            File.WriteAllText(path, ApplyEdits(File.ReadAllText(path), file));
        }
        if (Encode is { File: { } encoded })
        {
            var path = TestPaths.FileOf(version, encoded);
            File.WriteAllBytes(path, Encoded(File.ReadAllText(path)));
        }
        return version;
    }

    /// <summary>
    /// The errors expected from <paramref name="frontEnd"/>, with files resolved to the paths under <paramref name="folder"/>;
    /// with no folder (the API, which names no file: the body is the file), with no file.
    /// </summary>
    public IReadOnlyList<ExpectedError> ExpectedErrors(string frontEnd, string? folder) =>
        [.. For(frontEnd).Errors!.Select(e =>
        {
            if (folder is null)
            {
                return e.LineOf is null ? new ExpectedError("", e.Line, e.Column, e.Field, e.Message)
                    : throw new InvalidOperationException($"{Id}: line_of needs the edited file.");
            }
            var path = e.File is null ? Path.Combine(folder, FileName) : TestPaths.FileOf(folder, e.File);
            var line = e.LineOf is null ? e.Line : TextEdit.LineOf(File.ReadAllText(path), e.LineOf);
            return new ExpectedError(DisplayPath.Of(path), line, e.Column, e.Field, ResolvePaths(e.Message, folder));
        })];

    public override string ToString() => Id;

    private string ApplyEdits(string text, string? file)
    {
        foreach (var edit in Edits.Where(e => e.File == file))
        {
            var repeated = string.Concat(Enumerable.Repeat(edit.With, edit.Times));
            text = TextEdit.ReplaceOnce(text, edit.Target, edit.KeepTarget ? edit.Target + repeated : repeated);
        }
        return text;
    }

    private byte[] Encoded(string text)
    {
        if (Encode is null)
        {
            return Encoding.UTF8.GetBytes(text);
        }
        byte[] bytes = Encode.Encoding switch
        {
            "shift_jis" => CodePagesEncodingProvider.Instance.GetEncoding(932)!.GetBytes(text),
            "utf-16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            _ => Encoding.UTF8.GetBytes(text),
        };
        if (Encode.Bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }
        if (Encode.PadToBytes is { } size)
        {
            // A comment line of x, so the file stays what it was, only larger.
            var padding = size - bytes.Length - 2;
            if (padding < 0)
            {
                throw new InvalidOperationException($"{Id}: the input is already larger than {size} bytes.");
            }
            bytes = [.. bytes, (byte)'#', .. Enumerable.Repeat((byte)'x', padding), (byte)'\n'];
        }
        return bytes;
    }

    // A message may name a file of the materialised input as {path:追加.yaml}, since its display path depends on where it was written.
    private static string ResolvePaths(string message, string folder) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"\{path:([^}]+)\}", m => DisplayPath.Of(Path.Combine(folder, m.Groups[1].Value)));

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

/// <summary>What one front end must answer; null where the manifest leaves it to the common expectation.</summary>
public sealed record CorpusExpectation(int? Exit, int? Status, int? RecordStatus, IReadOnlyList<CorpusError>? Errors);

/// <summary>An error as the manifest states it: <see cref="LineOf"/> names the line by its text, in a file the test edits.</summary>
public sealed record CorpusError(string? File, int Line, string? LineOf, int Column, string Field, string Message);

/// <summary>A text edit: <see cref="Target"/> (which must occur once) replaced by <see cref="With"/> × <see cref="Times"/>, or followed by it.</summary>
public sealed record CorpusEdit(string? File, string Target, string With, bool KeepTarget, int Times);

/// <summary>How the input's bytes are made from its text: a UTF-8 byte order mark, another encoding, padding to a size.</summary>
public sealed record CorpusEncoding(string? File, bool Bom, string? Encoding, int? PadToBytes);

/// <summary>An error a front end must report, with the file as shown to people.</summary>
public sealed record ExpectedError(string File, int Line, int Column, string Field, string Message)
{
    public Diagnostic AsDiagnostic => new(File, Line, Column, Field, Message);

    /// <summary>The CLI's line for this error: <c>file:line:column: field: message</c>.</summary>
    public override string ToString() => AsDiagnostic.ToString();
}
