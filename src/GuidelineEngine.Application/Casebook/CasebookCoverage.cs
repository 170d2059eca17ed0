using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Application.Casebook;

/// <summary>How many casebook checks made a rule fire.</summary>
public sealed record RuleCoverage(RuleDefinition Rule, int Checks);

/// <summary>The casebook cases that a category covers, and those it narrowly misses, by their paths under the casebook root.</summary>
public sealed record CategoryCoverage(CategoryDefinition Category, IReadOnlyList<string> Covering, IReadOnlyList<string> NearMisses)
{
    public bool Uncovered => Covering.Count == 0 && NearMisses.Count == 0;
}

/// <summary>
/// Which rules and categories the casebook exercises under one version. A near miss is an item for which
/// the category was considered and failed on exactly one condition.
/// </summary>
public sealed class CasebookCoverage
{
    private CasebookCoverage(RuleSetDefinition version, IReadOnlyList<RuleCoverage> rules, IReadOnlyList<CategoryCoverage> categories)
    {
        Version = version;
        Rules = rules;
        Categories = categories;
    }

    public RuleSetDefinition Version { get; }
    public IReadOnlyList<RuleCoverage> Rules { get; }
    public IReadOnlyList<CategoryCoverage> Categories { get; }

    public static CasebookCoverage Compute(RuleSetDefinition version, IReadOnlyList<CaseCheck> checks)
    {
        var decided = checks.Where(c => c.Decision?.VersionId == version.Version.Id).ToList();
        var rules = version.Rules
            .Select(rule => new RuleCoverage(rule, decided.Count(c => c.Decision!.Items.Any(i => i.Steps.Any(s => s.RuleId == rule.Id)))))
            .ToList();
        var categories = version.Categories.Select(category => new CategoryCoverage(
            category,
            decided.Where(c => c.Decision!.Items.Any(i => i.Fits.Any(f => f.CategoryId == category.Id))).Select(c => c.Case.CasebookPath).Distinct().ToList(),
            decided.Where(c => c.Decision!.Items.Any(i => i.Misses.Any(m => m.CategoryId == category.Id && !m.Undetermined && m.Reasons.Count == 1)))
                .Select(c => c.Case.CasebookPath).Distinct().ToList()))
            .ToList();
        return new CasebookCoverage(version, rules, categories);
    }
}
