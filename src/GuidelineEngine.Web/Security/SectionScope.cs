using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Web.Security;

/// <summary>
/// What a user may act for (submit for, and see the records of). 情報公開課 (role office) acts for every section. A
/// department-level account (its section is a department name, e.g. 教育振興部) acts for that department and every section
/// the organ registry lists under it; a section-level account (e.g. 福祉部生活福祉課) acts for that section only.
/// The basics page, the result page and the desk all ask <see cref="Covers"/>, so they cannot disagree.
/// </summary>
public sealed class SectionScope(RuleSetCatalog catalog)
{
    /// <summary>Whether <paramref name="user"/> may submit for, and see the records of, <paramref name="section"/>.</summary>
    public bool Covers(SignedInUser user, string? section) => user.IsOffice || ActsFor(user.Section, section);

    /// <summary>Why <paramref name="user"/> may not act for <paramref name="section"/>; null when it may.</summary>
    public string? Refusal(SignedInUser user, string? section) => Covers(user, section)
        ? null
        : $"{user.Section} の利用者は、{section} の協議を提出できません（部の利用者はその部と部内の課、課の利用者はその課だけ）。";

    /// <summary>The registered names (department, department + section) of <paramref name="version"/> the user may act for.</summary>
    public IReadOnlyList<string> Sections(SignedInUser user, RuleSetDefinition version) =>
        [.. Names(version).Where(name => Covers(user, name))];

    /// <summary>Every department and department + section name of the version's organ registry, in its order.</summary>
    public static IEnumerable<string> Names(RuleSetDefinition version) => version.Organs.Organs
        .SelectMany(o => o.Departments)
        .SelectMany(d => d.Sections.Select(s => d.Name + s.Name).Prepend(d.Name))
        .Distinct();

    private bool ActsFor(string userSection, string? section)
    {
        if (string.IsNullOrWhiteSpace(section))
        {
            return false;
        }
        if (NameKey.Of(userSection) == NameKey.Of(section))
        {
            return true;
        }
        // The registries know aliases and the department of a section; any version that places both names decides.
        foreach (var version in catalog.Versions)
        {
            if (version.Organs.Find(userSection) is { } mine && version.Organs.Find(section) is { } theirs
                && mine.Organ.Id == theirs.Organ.Id && mine.Department.Name == theirs.Department.Name
                && (mine.Section is null || mine.Section.Name == theirs.Section?.Name))
            {
                return true;
            }
        }
        return false;
    }
}
