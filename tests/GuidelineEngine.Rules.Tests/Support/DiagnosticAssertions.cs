using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Tests.Support;

internal static class DiagnosticAssertions
{
    /// <summary>
    /// The one diagnostic for <paramref name="field"/> in <paramref name="file"/> (a full path, or a display name);
    /// fails listing every diagnostic when there is none or more than one.
    /// </summary>
    public static Diagnostic ShouldReport(this IReadOnlyList<Diagnostic> diagnostics, string file, string field)
    {
        var matches = diagnostics.Where(d => SameFile(d.File, file) && d.Field == field).ToList();
        matches.Should().ContainSingle("one diagnostic should name {0} in {1}; the diagnostics were:{2}{3}",
            field, file, Environment.NewLine, string.Join(Environment.NewLine, diagnostics));
        return matches[0];
    }

    public static Diagnostic ShouldReport(this InputException error, string file, string field) =>
        error.Diagnostics.ShouldReport(file, field);

    private static bool SameFile(string actual, string expected) =>
        Path.IsPathRooted(expected)
            ? string.Equals(Path.GetFullPath(actual), Path.GetFullPath(expected), StringComparison.Ordinal)
            : string.Equals(actual, expected, StringComparison.Ordinal);
}
