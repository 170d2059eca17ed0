namespace GuidelineEngine.Web.BrowserTests;

/// <summary>
/// A test that needs Debian's chromium and chromedriver (.ci/run installs them with fonts-noto-cjk). Without them the test
/// is skipped, except under CI (CI=true), where it runs and fails: CI cannot skip the browser test silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = BrowserTools.SkipReason;
}

/// <summary>The system browser and its driver, at the paths Debian's packages put them; nothing is ever downloaded.</summary>
public static class BrowserTools
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    /// <summary>What is missing, or null when both are there.</summary>
    public static string? Missing =>
        (File.Exists(Chromium), File.Exists(ChromeDriver)) switch
        {
            (true, true) => null,
            (false, true) => $"{Chromium} (Debian package chromium)",
            (true, false) => $"{ChromeDriver} (Debian package chromium-driver)",
            _ => $"{Chromium} and {ChromeDriver} (Debian packages chromium and chromium-driver)",
        };

    /// <summary>Why the browser test is skipped here, or null when it runs (always under CI).</summary>
    public static string? SkipReason => Missing is { } missing && !OnCi
        ? $"No browser for the browser test: {missing} not installed (.ci/run installs chromium, chromium-driver and fonts-noto-cjk)."
        : null;

    /// <summary>Under CI without the browser, the failure that says so.</summary>
    public static void Require()
    {
        if (Missing is { } missing)
        {
            throw new InvalidOperationException($"CI=true but {missing} is not installed: the browser test cannot run (.ci/run installs it).");
        }
    }

    private static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
