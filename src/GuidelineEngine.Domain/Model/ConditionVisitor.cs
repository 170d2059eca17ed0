namespace GuidelineEngine.Domain.Model;

/// <summary>
/// The one visitor over the condition model: every reading of a condition (evaluation, explanation, missing facts,
/// compilation, description, the build-time checks) is a subclass, so the shape of a condition is dispatched on in one place.
/// </summary>
public abstract class ConditionVisitor<TResult>
{
    public TResult Visit(Condition condition) => condition switch
    {
        AllOf all => VisitAll(all),
        AnyOf any => VisitAny(any),
        NotOf not => VisitNot(not),
        FactTest test => VisitTest(test),
        Fits fits => VisitFits(fits),
        _ => throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}"),
    };

    protected abstract TResult VisitAll(AllOf all);
    protected abstract TResult VisitAny(AnyOf any);
    protected abstract TResult VisitNot(NotOf not);
    protected abstract TResult VisitTest(FactTest test);
    protected abstract TResult VisitFits(Fits fits);
}

/// <summary>The leaves of a condition (fact tests and category tests), left to right: what the structural readings need.</summary>
public static class ConditionLeaves
{
    /// <summary>Every leaf, depth first, left to right.</summary>
    public static IEnumerable<Condition> Leaves(this Condition condition) => Collector.Instance.Visit(condition);

    /// <summary>Every fact test.</summary>
    public static IEnumerable<FactTest> Tests(this Condition condition) => condition.Leaves().OfType<FactTest>();

    /// <summary>Every fact a condition tests, the other fact of a comparison included (a <c>fits</c> is not followed).</summary>
    public static IEnumerable<string> Facts(this Condition condition) =>
        condition.Tests().SelectMany(t => t.OtherFact is null ? [t.Fact] : new[] { t.Fact, t.OtherFact });

    /// <summary>Every fact a condition reads, following <c>fits</c> into the conditions of the categories it names.</summary>
    public static IEnumerable<string> FactsRead(this Condition condition, RuleSetDefinition definition) =>
        condition.Leaves().SelectMany(leaf => leaf is Fits fits
            ? definition.FitsTarget(fits.Target)?.AnyOf.SelectMany(c => c.FactsRead(definition)) ?? []
            : leaf.Facts());

    /// <summary>Every category or table id a condition names in <c>fits</c>.</summary>
    public static IEnumerable<string> Targets(this Condition condition) => condition.Leaves().OfType<Fits>().Select(f => f.Target);

    private sealed class Collector : ConditionVisitor<IEnumerable<Condition>>
    {
        public static readonly Collector Instance = new();

        protected override IEnumerable<Condition> VisitAll(AllOf all) => all.Parts.SelectMany(Visit);
        protected override IEnumerable<Condition> VisitAny(AnyOf any) => any.Parts.SelectMany(Visit);
        protected override IEnumerable<Condition> VisitNot(NotOf not) => Visit(not.Inner);
        protected override IEnumerable<Condition> VisitTest(FactTest test) => [test];
        protected override IEnumerable<Condition> VisitFits(Fits fits) => [fits];
    }
}
