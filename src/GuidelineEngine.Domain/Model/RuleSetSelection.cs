namespace GuidelineEngine.Domain.Model;

/// <summary>Which version judges a case: the one named, else the one in force on the case date (never the machine's clock).</summary>
public static class RuleSetSelection
{
    /// <summary>The jurisdiction a case belongs to when it names none.</summary>
    public const string DefaultJurisdiction = "nerima";

    public static T? Select<T>(IEnumerable<T> versions, Func<T, RuleSetVersion> version, string? id, DateOnly? date)
        where T : class =>
        id is not null
            ? versions.FirstOrDefault(v => version(v).Id == id)
            : date is { } day
                ? versions.FirstOrDefault(v => version(v).Jurisdiction == DefaultJurisdiction && version(v).InForceOn(day))
                : null;
}
