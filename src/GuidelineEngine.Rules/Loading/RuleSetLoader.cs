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

    /// <summary>
    /// Loads a version; one that <c>extends</c> a base pack (<c>rules/national/2023-04</c>) reads the base's files first,
    /// found beside its own jurisdiction under the same rules folder.
    /// </summary>
    public static RuleSetDefinition Load(string versionDirectory)
    {
        var diagnostics = new DiagnosticBag();
        var builder = new RuleSetBuilder();
        var own = ReadFolder(versionDirectory, diagnostics);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (own.Select(f => RuleFileReader.Extends(f.Node)).FirstOrDefault(e => e is not null) is { } baseId)
        {
            var rulesRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(versionDirectory)))!;
            var baseDirectory = Path.Combine(rulesRoot, baseId);
            if (!File.Exists(Path.Combine(baseDirectory, VersionFile)))
            {
                var file = own.First(f => RuleFileReader.Extends(f.Node) is not null).Display;
                diagnostics.Add(new Diagnostic(file, 0, 0, "version.extends", $"基本パック「{baseId}」が見つかりません（{DisplayPath.Of(baseDirectory)} に {VersionFile} がありません）。"));
            }
            else
            {
                // The base's files are hashed under its id: a change of the law changes the hash of every version built on it.
                builder.BeginBase();
                Read(ReadFolder(baseDirectory, diagnostics), baseId + "/", builder, hash, diagnostics);
                builder.EndBase();
            }
        }
        Read(own, "", builder, hash, diagnostics);
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

    private sealed record RuleFile(string Relative, string Display, byte[] Bytes, YamlDotNet.RepresentationModel.YamlNode? Node);

    private static List<RuleFile> ReadFolder(string directory, DiagnosticBag diagnostics) =>
        [.. Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file =>
            {
                var display = DisplayPath.Of(file);
                return new RuleFile(Path.GetRelativePath(directory, file).Replace('\\', '/'), display,
                    File.Exists(file) ? File.ReadAllBytes(file) : [], YamlDocumentLoader.LoadFile(file, display, diagnostics));
            })];

    private static void Read(List<RuleFile> files, string prefix, RuleSetBuilder builder, IncrementalHash hash, DiagnosticBag diagnostics)
    {
        foreach (var file in files)
        {
            // The hash covers names and bytes, so renaming or editing any file gives a new hash.
            hash.AppendData(Encoding.UTF8.GetBytes(prefix + file.Relative + "\n"));
            hash.AppendData(file.Bytes);
            RuleFileReader.Read(file.Node, file.Display, builder, diagnostics);
        }
    }
}

/// <summary>All versions found under a rules folder, checked together (no two in force on one day).</summary>
public sealed class RuleSetCatalog
{
    private RuleSetCatalog(IReadOnlyList<RuleSetDefinition> versions, IReadOnlyList<RuleSetDefinition> bases) =>
        (Versions, Bases) = (versions, bases);

    /// <summary>The versions that judge cases.</summary>
    public IReadOnlyList<RuleSetDefinition> Versions { get; }

    /// <summary>The base packs (<c>kind: base</c>), each checked on its own as well as under every version that extends it.</summary>
    public IReadOnlyList<RuleSetDefinition> Bases { get; }

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
        var loaded = diagnostics.ReadEach(folders, RuleSetLoader.Load);
        var versions = loaded.Where(v => !v.Version.IsBase).ToList();
        if (versions.Count == 0 && !diagnostics.HasErrors)
        {
            // Base packs alone judge nothing.
            diagnostics.Add(new Diagnostic(DisplayPath.Of(rulesRoot), 0, 0, "", $"{RuleSetLoader.VersionFile} を含む版のフォルダが基本パックのほかにありません。"));
        }
        CheckOverlaps(versions, diagnostics);
        if (diagnostics.HasErrors)
        {
            // An error in a base shows again under each version built on it: report it once.
            throw new InputException([.. diagnostics.Items.Distinct()]);
        }
        return new RuleSetCatalog(versions, [.. loaded.Where(v => v.Version.IsBase)]);
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
