namespace GuidelineEngine.Domain.Model;

/// <summary>Which version judges a case: the one named, else the one in force on the case date (never the machine's clock).</summary>
public static class RuleSetSelection
{
    /// <summary>The jurisdiction a case belongs to when it names none.</summary>
    public const string DefaultJurisdiction = "nerima";

    // A loop rather than LINQ: every screened case selects its version, and the predicates' closures were allocated each time.
    public static T? Select<T>(IEnumerable<T> versions, Func<T, RuleSetVersion> version, string? id, DateOnly? date)
        where T : class
    {
        if (id is null && date is null)
        {
            return null;
        }
        foreach (var candidate in versions)
        {
            var v = version(candidate);
            if (id is not null ? v.Id == id : v.Jurisdiction == DefaultJurisdiction && v.InForceOn(date!.Value))
            {
                return candidate;
            }
        }
        return null;
    }
}
