namespace GuidelineEngine.Records.Tests.Durability;

/// <summary>
/// The durability tests start writer processes and time their kills; they run alone, after the other tests,
/// so that two of them do not compete for the machine's cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DurabilityCollection
{
    public const string Name = "Durability";
}
