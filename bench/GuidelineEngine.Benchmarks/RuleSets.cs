using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Benchmarks;

/// <summary>The repository's rule sets, copied beside the assembly.</summary>
public static class RuleSets
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "rules");

    private static readonly Lazy<RuleSetDefinition> CurrentLazy =
        new(() => RuleSetLoader.Load(Path.Combine(Root, "nerima", "2023-04")));

    public static RuleSetDefinition Current => CurrentLazy.Value;
}
