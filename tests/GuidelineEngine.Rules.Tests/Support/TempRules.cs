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
        var root = Directory.CreateTempSubdirectory("rules-tests-").FullName;
        foreach (var version in versions)
        {
            TempFolder.CopyDirectory(TestPaths.Version(version), VersionPath(root, version));
        }
        // A version that extends a base pack needs the base beside it.
        foreach (var baseId in versions.Select(v => TestPaths.BaseOf(TestPaths.Version(v))).OfType<string>().Distinct().Where(b => !versions.Contains(b)))
        {
            TempFolder.CopyDirectory(TestPaths.Version(baseId), VersionPath(root, baseId));
        }
        return new TempRules(root, versions.Length > 0 ? versions[0] : Current);
    }

    public string VersionDirectory(string? version = null) => VersionPath(Root, version ?? Main);

    /// <summary>The full path of a file of the version, or of its base pack when the file moved there (法69条.yaml, facts.yaml…).</summary>
    public string PathOf(string relative, string? version = null) => TestPaths.FileOf(VersionDirectory(version), relative);

    public string Read(string relative, string? version = null) => File.ReadAllText(PathOf(relative, version));

    public void Write(string relative, string text, string? version = null) => File.WriteAllText(PathOf(relative, version), text);

    public void WriteBytes(string relative, byte[] bytes) => File.WriteAllBytes(PathOf(relative), bytes);

    /// <summary>Replaces text that must occur exactly once in the file.</summary>
    public void Replace(string relative, string oldText, string newText, string? version = null) =>
        Write(relative, TextEdit.ReplaceOnce(Read(relative, version), oldText, newText), version);

    /// <summary>The 1-based line of the only line of the file containing <paramref name="text"/>.</summary>
    public int LineOf(string relative, string text) => TextEdit.LineOf(Read(relative), text);

    public RuleSetDefinition Load() => RuleSetLoader.Load(VersionDirectory());

    /// <summary>Loads the version, expecting it to be refused.</summary>
    public InputException LoadFails() =>
        FluentActions.Invoking(Load).Should().Throw<InputException>().Which;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string VersionPath(string root, string version) =>
        Path.Combine(root, version.Replace('/', Path.DirectorySeparatorChar));
}
