namespace GuidelineEngine.Tests.Shared;

/// <summary>The repository's rule sets and cases, as copied beside the test assembly.</summary>
public static class TestPaths
{
    public static string Rules => Path.Combine(AppContext.BaseDirectory, "rules");
    public static string Version(string id) => Path.Combine(Rules, id.Replace('/', Path.DirectorySeparatorChar));
    public static string Casebook => Path.Combine(AppContext.BaseDirectory, "casebook");
}
