using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Rules.Tests.Support;

/// <summary>The repository's rule sets, loaded once per test class that asks for them.</summary>
public sealed class ShippedCatalog
{
    public RuleSetCatalog Catalog { get; } = RuleSetCatalog.Load(TestPaths.Rules);

    public RuleSetDefinition Version(string id) => Catalog.Versions.Single(v => v.Version.Id == id);

    public RuleSetDefinition Current => Version(TempRules.Current);

    // The ward's version, as a case that names none is judged (the template is another jurisdiction).
    public RuleSetDefinition InForceOn(DateOnly date) =>
        Catalog.Versions.Single(v => v.Version.Jurisdiction == RuleSetSelection.DefaultJurisdiction && v.Version.InForceOn(date));
}
