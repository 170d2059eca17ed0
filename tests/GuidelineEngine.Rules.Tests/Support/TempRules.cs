using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Tests.Support;

/// <summary>
/// A throw-away copy of shipped rule-set versions in a temporary rules root, to break one thing at a time.
/// Paths are relative to the version folder (the first version copied unless another is named).
/// </summary>
internal sealed class TempRules : IDisposable
{
    public const string Current = "nerima/2023-04";

    private TempRules(string root, string main)
    {
        Root = root;
        Main = main;
    }

    /// <summary>The temporary rules root (holds <c>nerima/2023-04/…</c>).</summary>
    public string Root { get; }

    private string Main { get; }

    public static TempRules Copy(params string[] versions)
    {
        var root = Directory.CreateTempSubdirectory("guideline-rules-").FullName;
        foreach (var version in versions)
        {
            CopyDirectory(TestPaths.Version(version), VersionPath(root, version));
        }
        return new TempRules(root, versions.Length > 0 ? versions[0] : Current);
    }

    public string VersionDirectory(string? version = null) => VersionPath(Root, version ?? Main);

    /// <summary>The full path of a file of the version.</summary>
    public string PathOf(string relative, string? version = null) =>
        Path.Combine(VersionDirectory(version), relative.Replace('/', Path.DirectorySeparatorChar));

    public string Read(string relative, string? version = null) => File.ReadAllText(PathOf(relative, version));

    public void Write(string relative, string text, string? version = null) => File.WriteAllText(PathOf(relative, version), text);

    public void WriteBytes(string relative, byte[] bytes) => File.WriteAllBytes(PathOf(relative), bytes);

    /// <summary>Replaces text that must occur exactly once, so a test cannot silently break nothing.</summary>
    public void Replace(string relative, string oldText, string newText, string? version = null)
    {
        var text = Read(relative, version);
        var first = text.IndexOf(oldText, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(oldText, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"「{oldText}」 must occur exactly once in {relative}.");
        }
        Write(relative, text.Replace(oldText, newText, StringComparison.Ordinal), version);
    }

    /// <summary>The 1-based line of the only line containing <paramref name="text"/>.</summary>
    public int LineOf(string relative, string text)
    {
        var lines = Read(relative).Split('\n');
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(text, StringComparison.Ordinal)).ToList();
        if (found.Count != 1)
        {
            throw new InvalidOperationException($"「{text}」 must be on exactly one line of {relative} (found {found.Count}).");
        }
        return found[0] + 1;
    }

    public RuleSetDefinition Load() => RuleSetLoader.Load(VersionDirectory());

    /// <summary>Loads the version, expecting it to be refused.</summary>
    public InputException LoadFails() =>
        FluentActions.Invoking(Load).Should().Throw<InputException>().Which;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string VersionPath(string root, string version) =>
        Path.Combine(root, version.Replace('/', Path.DirectorySeparatorChar));

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
