using System.Reflection;

namespace GuidelineEngine.Web.BrowserTests.Support;

/// <summary>The checkout the test runs from, and the service's assembly that the build recorded.</summary>
public static class RepositoryPaths
{
    /// <summary>The top of the checkout: the nearest folder above the test assembly that holds GuidelineEngine.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Where the screenshots go: TestResults/screenshots/ at the top of the checkout (git-ignored).</summary>
    public static string Screenshots => Path.Combine(Root, "TestResults", "screenshots");

    public static string Casebook(string relativePath) => Path.Combine(Root, "casebook", relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>GuidelineEngine.Web.dll as built beside this test (the project file records its path at build time).</summary>
    public static string WebApp { get; } = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .SingleOrDefault(a => a.Key == "GuidelineWebApp")?.Value is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException("The build did not record where GuidelineEngine.Web.dll is (target RecordGuidelineWebAppPath).");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GuidelineEngine.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No GuidelineEngine.sln above {AppContext.BaseDirectory}: the browser test runs from a checkout.");
    }
}
