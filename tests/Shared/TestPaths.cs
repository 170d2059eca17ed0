namespace GuidelineEngine.Tests.Shared;

/// <summary>The repository's rule sets and cases, as copied beside the test assembly.</summary>
public static class TestPaths
{
    public static string Rules => Path.Combine(AppContext.BaseDirectory, "rules");
    public static string Version(string id) => Path.Combine(Rules, id.Replace('/', Path.DirectorySeparatorChar));
    public static string Casebook => Path.Combine(AppContext.BaseDirectory, "casebook");

    /// <summary>The base pack a version folder extends (<c>extends:</c> in its version.yaml), if any.</summary>
    public static string? BaseOf(string versionDirectory)
    {
        var file = Path.Combine(versionDirectory, "version.yaml");
        var line = File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.TrimStart().StartsWith("extends:", StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim();
    }

    /// <summary>
    /// A file of a version folder under a rules root, or of the base pack it extends when the file is there (the law's files
    /// moved to rules/national/2023-04: 法69条.yaml, 区分.yaml, facts.yaml…).
    /// </summary>
    public static string FileOf(string versionDirectory, string relative)
    {
        var own = Path.Combine(versionDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(own) || BaseOf(versionDirectory) is not { } baseId)
        {
            return own;
        }
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(versionDirectory)))!;
        var inBase = Path.Combine(root, baseId.Replace('/', Path.DirectorySeparatorChar), relative.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(inBase) ? inBase : own;
    }
}
