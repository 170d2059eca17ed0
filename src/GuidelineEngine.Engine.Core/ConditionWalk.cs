using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Core;

/// <summary>What a <see cref="ConditionWalk"/> records besides the three-valued result.</summary>
internal enum WalkMode
{
    /// <summary>The value only, short-cut on the deciding part: the session's interpreter.</summary>
    Evaluate,

    /// <summary>Why the condition fails, or the unknown facts that leave it open (why-not).</summary>
    WhyNot,

    /// <summary>The unknown facts only, a category target walked once per walk (the questions and the interview's probe).</summary>
    Missing,
}

/// <summary>
/// The one walker over the condition model: three-valued evaluation, with, by mode, the failures or the unknown facts. Leaves call <see cref="ConditionOps"/>, as the compiled plan does, so every reading agrees.
/// Unknown facts and failures are kept on flat lists, where a part or a whole that does not count takes its own back off:
/// unknown facts count only for undetermined parts of an undetermined whole, failures only for a false whole.
/// A walk belongs to one thread; the texts it writes come from the rule set's <see cref="ConditionExplainer"/>.
/// </summary>
internal sealed class ConditionWalk(ConditionExplainer owner, FactFrame frame, WalkMode mode) : ConditionVisitor<Truth>
{
    private readonly bool _shortCut = mode == WalkMode.Evaluate;
    private readonly bool _trackUnknown = mode is WalkMode.WhyNot or WalkMode.Missing;
    private bool _collectFailures = mode == WalkMode.WhyNot;
    // Finding missing facts, a category target is a pure function of the item's facts: walked once, its unknown facts kept.
    private readonly Dictionary<string, (Truth Value, string[] Unknown)>? _fits = mode == WalkMode.Missing ? new(StringComparer.Ordinal) : null;
    private static readonly Func<Truth, Truth, Truth> And = TruthOps.And;
    private static readonly Func<Truth, Truth, Truth> Or = TruthOps.Or;

    public List<string> Failures { get; } = [];
    public List<string> Unknown { get; } = [];

    /// <summary>The value of a condition, recording what the mode asks for.</summary>
    public Truth Walk(Condition condition) => Visit(condition);

    protected override Truth VisitAll(AllOf all) => Group(all.Parts, all: true);

    protected override Truth VisitAny(AnyOf any) => Group(any.Parts, all: false);

    // A false "all" fails for its false parts; a false "any" for none of its parts holding, said in one failure.
    private Truth Group(IReadOnlyList<Condition> parts, bool all)
    {
        var (combine, decisive, start) = all ? (And, Truth.False, Truth.True) : (Or, Truth.True, Truth.False);
        if (_shortCut)
        {
            return ShortCut(parts, combine, decisive, start);
        }
        var failures = Failures.Count;
        var result = Combine(parts, combine, start);
        if (all)
        {
            if (result != Truth.False)
            {
                Truncate(Failures, failures);
            }
            return result;
        }
        var joined = result == Truth.False && _collectFailures
            ? owner.Wording.NoPartHolds(Failures.Skip(failures))
            : null;
        Truncate(Failures, failures);
        if (joined is not null)
        {
            Failures.Add(joined);
        }
        return result;
    }

    protected override Truth VisitNot(NotOf not)
    {
        var collect = _collectFailures;
        _collectFailures = false;
        var value = TruthOps.Not(Walk(not.Inner));
        _collectFailures = collect;
        if (value == Truth.False && collect)
        {
            Failures.Add(owner.Wording.ExcludedCaseHolds(owner.DescribeOnce(not.Inner)));
        }
        return value;
    }

    // The categories' facts count as read: an unknown one is a question that can decide the fit.
    protected override Truth VisitFits(Fits fits)
    {
        Truth value;
        if (_fits is null)
        {
            var collect = _collectFailures;
            _collectFailures = false;
            value = Fits(fits);
            _collectFailures = collect;
        }
        else if (_fits.TryGetValue(fits.Target, out var known))
        {
            Unknown.AddRange(known.Unknown);
            value = known.Value;
        }
        else
        {
            var start = Unknown.Count;
            value = Fits(fits);
            _fits[fits.Target] = (value, Unknown.GetRange(start, Unknown.Count - start).ToArray());
        }
        if (value == Truth.False && _collectFailures)
        {
            Failures.Add(owner.Wording.TargetDoesNotFit(fits.Target));
        }
        return value;
    }

    protected override Truth VisitTest(FactTest test)
    {
        var slots = owner.SlotsOf(test);
        var fact = slots.Fact;
        var value = Read(fact, slots.Slot);
        var other = slots.Other is null ? null : Read(slots.Other, slots.OtherSlot);
        var result = ConditionOps.Evaluate(test, value, other);
        if (_trackUnknown)
        {
            if (value is null && test.Operator != Comparison.Known)
            {
                Unknown.Add(fact.Name);
            }
            if (test.OtherFact is not null && other is null)
            {
                Unknown.Add(test.OtherFact);
            }
        }
        if (result == Truth.False && _collectFailures)
        {
            Failures.Add(owner.Wording.TestFails(owner.DescribeOnce(test), fact, value));
        }
        return result;
    }

    private Truth Fits(Fits fits)
    {
        var (conditions, scope) = owner.Definition.FitsTarget(fits.Target)!.Value;
        Truth AnyCategory(FactFrame f) => _shortCut ? ShortCut(conditions, Or, Truth.True, Truth.False) : Combine(conditions, Or, Truth.False);

        if (scope != FactScope.Task)
        {
            return AnyCategory(frame);
        }
        if (_shortCut)
        {
            return ConditionOps.AllTasks(frame, AnyCategory);
        }
        return ConditionOps.AllTasksExplained(frame, AnyCategory);
    }

    // Evaluation stops at the deciding value (false for all, true for any), as Kleene logic allows and the compiled plan does.
    private Truth ShortCut(IReadOnlyList<Condition> parts, Func<Truth, Truth, Truth> combine, Truth decisive, Truth start)
    {
        var result = start;
        for (var i = 0; i < parts.Count && result != decisive; i++)
        {
            result = combine(result, Visit(parts[i]));
        }
        return result;
    }

    // Every part is walked (no short cut), so every fact read is cited and every unknown one found.
    private Truth Combine(IReadOnlyList<Condition> parts, Func<Truth, Truth, Truth> combine, Truth start)
    {
        var whole = Unknown.Count;
        var result = start;
        foreach (var part in parts)
        {
            var before = Unknown.Count;
            var value = Walk(part);
            if (value != Truth.Unknown)
            {
                Truncate(Unknown, before);
            }
            result = combine(result, value);
        }
        if (result != Truth.Unknown)
        {
            Truncate(Unknown, whole);
        }
        return result;
    }

    private object? Read(FactDefinition fact, int slot)
    {
        var source = fact.Scope == FactScope.Task ? frame.Task : frame.Item;
        return slot < source.Length ? source[slot] : null;
    }

    /// <summary>Drops what a list gained since <paramref name="start"/>.</summary>
    public static void Truncate<T>(List<T> list, int start) => list.RemoveRange(start, list.Count - start);
}
