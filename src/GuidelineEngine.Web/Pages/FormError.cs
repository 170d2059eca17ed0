using System.Text.RegularExpressions;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Application.Precedents;
using GuidelineEngine.Rules.Yaml;
using GuidelineEngine.Web.Security;

namespace GuidelineEngine.Web.Pages;

/// <summary>
/// An error as the basics form speaks of it: by the field's label (「ファイルを保有する部課」), not the intake's path
/// (<c>items[0].holding_section</c>), and with the nearest registered names when a name is not in the registry.
/// </summary>
/// <param name="Field">The form field it stands beside; null for the summary only.</param>
public sealed partial record FormError(string? Field, string Message)
{
    /// <summary>The line of the summary at the top of the form.</summary>
    public string Line => Field is null ? Message : $"「{BasicsForm.Labels[Field]}」: {Message}";

    /// <summary>An intake error of a page that has no form fields (the hidden intake of a step).</summary>
    public static FormError Of(Diagnostic error) => new(null, Clean(error.Message));

    /// <param name="mine">The sections the user may act for: the proposing section is suggested among them only.</param>
    public static FormError Of(Diagnostic error, BasicsForm form, RuleSetDefinition version, IReadOnlyList<string> mine)
    {
        var field = BasicsForm.FieldOf(error);
        var message = Clean(error.Message);
        if (field is not null && BasicsForm.SectionFields.Contains(field) && form.Value(field) is { Length: > 0 } typed && version.Organs.Find(typed) is null)
        {
            message += Nearest(typed, field == "proposing_section" ? mine : SectionScope.Names(version));
        }
        return new FormError(field, message);
    }

    /// <summary>「近い名前: …。」 for the registered names most like <paramref name="typed"/>; empty when none is like it.</summary>
    public static string Nearest(string typed, IEnumerable<string> names) =>
        TextBigrams.Nearest(typed, names) is { Count: > 0 } nearest ? $"近い名前: {string.Join("、", nearest)}。" : "";

    /// <summary>The message without the intake's field names in brackets (「（file）」), which the form does not show.</summary>
    public static string Clean(string message) => FieldName().Replace(message, "");

    [GeneratedRegex(@"（[a-z_.\[\]0-9]+）")]
    private static partial Regex FieldName();
}
