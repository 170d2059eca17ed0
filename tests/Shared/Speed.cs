namespace GuidelineEngine.Tests.Shared;

/// <summary>
/// The trait that marks the slow tests — process kills, the browser, PostgreSQL restarts, two instances, the 20,000-case
/// agreement, anything over about 5 s on 2 cores — as <c>[Trait(Speed.Trait, Speed.Slow)]</c>, so that
/// <c>dotnet test GuidelineEngine.sln --filter "Speed!=Slow"</c> runs the fast part alone (the default run stays the whole suite).
/// </summary>
public static class Speed
{
    /// <summary>The trait's name, as the filter names it.</summary>
    public const string Trait = "Speed";

    /// <summary>The value that marks a test as slow.</summary>
    public const string Slow = "Slow";
}
