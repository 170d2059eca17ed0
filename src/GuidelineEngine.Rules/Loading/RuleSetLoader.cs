using System.Security.Cryptography;
using System.Text;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Loading;

/// <summary>Loads one version folder (<c>rules/&lt;jurisdiction&gt;/&lt;version&gt;/</c>) into a checked rule set.</summary>
public static class RuleSetLoader
{
    /// <summary>The file that marks a folder as a rule-set version.</summary>
    public const string VersionFile = "version.yaml";

    public static RuleSetDefinition Load(string versionDirectory)
    {
        var diagnostics = new DiagnosticBag();
        var builder = new RuleSetBuilder();
        var files = Directory.EnumerateFiles(versionDirectory, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            var display = DisplayPath.Of(file);
            var relative = Path.GetRelativePath(versionDirectory, file).Replace('\\', '/');
            // The hash covers names and bytes, so renaming or editing any file gives a new hash.
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            if (File.Exists(file))
            {
                hash.AppendData(File.ReadAllBytes(file));
            }
            RuleFileReader.Read(YamlDocumentLoader.LoadFile(file, display, diagnostics), display, builder, diagnostics);
        }
        diagnostics.ThrowIfAny();
        try
        {
            return builder.Build("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()), DisplayPath.Of(versionDirectory));
        }
        catch (InputException e)
        {
            // Marks carry the file already; fill in the folder where a check had no single file.
            throw new InputException([.. e.Diagnostics.Select(d => d.File.Length == 0 ? d with { File = DisplayPath.Of(versionDirectory) } : d)]);
        }
    }
}

/// <summary>All versions found under a rules folder, checked together (no two in force on one day).</summary>
public sealed class RuleSetCatalog
{
    private RuleSetCatalog(IReadOnlyList<RuleSetDefinition> versions) => Versions = versions;

    public IReadOnlyList<RuleSetDefinition> Versions { get; }

    /// <summary>Loads every folder under <paramref name="rulesRoot"/> that holds a <c>version.yaml</c>; reports all errors together.</summary>
    public static RuleSetCatalog Load(string rulesRoot)
    {
        if (!Directory.Exists(rulesRoot))
        {
            throw new InputException([new Diagnostic(DisplayPath.Of(rulesRoot), 0, 0, "", "規則のフォルダが見つかりません。")]);
        }
        var folders = Directory.EnumerateFiles(rulesRoot, RuleSetLoader.VersionFile, SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (folders.Count == 0)
        {
            throw new InputException([new Diagnostic(DisplayPath.Of(rulesRoot), 0, 0, "", $"{RuleSetLoader.VersionFile} を含む版のフォルダがありません。")]);
        }
        // The versions are independent: each loads on a core of its own (a cold start waits for the slowest, not the sum).
        var diagnostics = new DiagnosticBag();
        var versions = diagnostics.ReadEach(folders, RuleSetLoader.Load);
        CheckOverlaps(versions, diagnostics);
        diagnostics.ThrowIfAny();
        return new RuleSetCatalog(versions);
    }

    private static void CheckOverlaps(List<RuleSetDefinition> versions, DiagnosticBag diagnostics)
    {
        foreach (var group in versions.GroupBy(v => v.Version.Jurisdiction))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var (a, b) = (list[i].Version, list[j].Version);
                    var aFrom = a.EffectiveFrom ?? DateOnly.MinValue;
                    var aTo = a.EffectiveTo ?? DateOnly.MaxValue;
                    var bFrom = b.EffectiveFrom ?? DateOnly.MinValue;
                    var bTo = b.EffectiveTo ?? DateOnly.MaxValue;
                    if (aFrom <= bTo && bFrom <= aTo)
                    {
                        diagnostics.Add(b.Mark, "", "version.effective_from", $"版 {b.Id} の施行期間が版 {a.Id} と重なっています。");
                    }
                }
            }
        }
    }
}

/// <summary>Paths as shown to people: relative to the working folder when inside it.</summary>
public static class DisplayPath
{
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
    }
}
