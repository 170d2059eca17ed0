using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Web.Security;

/// <summary>
/// What a user may act for. 情報公開課 acts for every section; a department user for its own section and for its
/// department as a whole (a department prefix of its section), never for another section.
/// </summary>
public sealed class SectionScope(RuleSetCatalog catalog)
{
    /// <summary>Whether <paramref name="user"/> may submit for, and see the records of, <paramref name="section"/>.</summary>
    public bool Covers(SignedInUser user, string? section) => user.IsOffice || OwnOrDepartment(user.Section, section);

    /// <summary>Whether <paramref name="section"/> is <paramref name="userSection"/> itself or its department, by the organ registries.</summary>
    public bool OwnOrDepartment(string userSection, string? section)
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
            if (version.Organs.Find(userSection) is { } mine && version.Organs.Find(section) is { } theirs)
            {
                var sameDepartment = mine.Organ.Id == theirs.Organ.Id && mine.Department.Name == theirs.Department.Name;
                if (sameDepartment && (theirs.Section is null || theirs.Section.Name == mine.Section?.Name))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
