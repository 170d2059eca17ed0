using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// The engine screens; it knows no precedents, casebook runs, ledger or store. Its two assemblies (the generic core and
/// the guideline module) reference nothing of ours but the domain and the core: the application layer calls them, not
/// the other way round (as <c>RecordsLayerTests</c> checks for the records).
/// </summary>
public sealed class EngineLayerTests
{
    [Fact]
    public void EngineAssemblies_ReferenceOnlyTheDomainAndTheCoreOfOurs()
    {
        Ours(typeof(CompiledRuleSet)).Should().Equal("GuidelineEngine.Domain");
        Ours(typeof(CaseScreener)).Should().BeEquivalentTo("GuidelineEngine.Domain", "GuidelineEngine.Engine.Core");
    }

    private static IEnumerable<string> Ours(Type type) => type.Assembly.GetReferencedAssemblies()
        .Select(a => a.Name!)
        .Where(n => n.StartsWith("GuidelineEngine.", StringComparison.Ordinal));
}
