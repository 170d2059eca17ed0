namespace GuidelineEngine.Properties.Tests;

/// <summary>
/// Engine bugs these properties found and that are not fixed yet. Only
/// <see cref="OutcomeProperties.Screening_never_throws_on_a_valid_intake"/> generates the input that shows each one;
/// the other properties leave it out so that they go on checking everything else. Remove an entry once it is fixed.
/// </summary>
internal static class KnownBugs
{
    /// <summary>
    /// U+FFFE (a noncharacter, but a Unicode scalar value a UTF-8 case file or a JSON "\uFFFE" can carry) in a purpose, a
    /// title, a task description or a file or section name: NameKey.Of (src/GuidelineEngine.Domain/Model/Registries.cs)
    /// calls string.Normalize(FormKC), which throws ArgumentException "String contains invalid Unicode code points" for
    /// it (the only scalar value it throws for), from PrecedentIndex (類似事例) or from a registry look-up.
    /// </summary>
    public static readonly int[] CodePoints = [0xFFFE];
}
