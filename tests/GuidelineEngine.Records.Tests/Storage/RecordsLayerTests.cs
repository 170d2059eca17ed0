using GuidelineEngine.Records.Storage;

namespace GuidelineEngine.Records.Tests.Storage;

/// <summary>
/// The records layer only stores: it knows the domain's types, never the rules, the engine or the application layer
/// (admission, ledger, reports and replay call it, not the other way round).
/// </summary>
public sealed class RecordsLayerTests
{
    [Fact]
    public void RecordsAssembly_ReferencesOnlyTheDomainOfOurs()
    {
        var ours = typeof(IRecordStore).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("GuidelineEngine.", StringComparison.Ordinal));

        ours.Should().Equal("GuidelineEngine.Domain");
    }
}
