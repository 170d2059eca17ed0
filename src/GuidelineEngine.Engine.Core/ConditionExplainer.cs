using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Model;

using WhyNotAnswer = (GuidelineEngine.Engine.Core.Truth Result, System.Collections.Generic.IReadOnlyList<string> Reasons);

namespace GuidelineEngine.Engine.Core;

/// <summary>
/// Explains conditions of one rule set for the rationale, with the one <see cref="ConditionWalk"/>, and describes them in
/// the words of a <see cref="ConditionWording"/>. Built once per rule set and shared between threads: the texts of every fact test and every fact value are
/// written once here, so explaining allocates little beyond the answer.
/// </summary>
public sealed class ConditionExplainer
{
    // Per fact, the FactUse of each declared value (and of yes, no and unknown): the facts of a rationale step are shared, not rebuilt.
    private readonly Dictionary<string, Dictionary<object, FactUse>> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FactUse> _unknownUses = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<Condition, string> _descriptions = [];
    private readonly ConditionalWeakTable<Condition, ConditionReads> _reads = [];
    private readonly ConditionalWeakTable<Condition, ConditionReads>.CreateValueCallback _readConditions;
    // Why-not answers per condition, by the declared values it read; bounded, past which a condition is walked every time.
    private readonly ConditionalWeakTable<Condition, KeptAnswers> _whyNot = [];
    private readonly Describer _describer;
    // Where each fact test of the rule set reads, found by reference: the walker's leaves do not hash fact names.
    private readonly Dictionary<FactTest, TestSlots> _slots = new(ReferenceEqualityComparer.Instance);

    /// <param name="ruleSet">The rule set.</param>
    /// <param name="layout">Where its facts live.</param>
    /// <param name="wording">The words of the descriptions and the why-not.</param>
    /// <param name="conditions">The conditions walked often (the compiled rules'), whose fact tests are located once here.</param>
    public ConditionExplainer(RuleSetDefinition ruleSet, FactLayout layout, ConditionWording wording, IEnumerable<Condition>? conditions = null)
    {
        Definition = ruleSet;
        Layout = layout;
        Wording = wording;
        _describer = new Describer(this);
        _readConditions = Read;
        foreach (var test in (conditions ?? ruleSet.Rules.Select(r => r.When)).SelectMany(c => c.Tests()))
        {
            _slots.TryAdd(test, Locate(test));
        }
        foreach (var fact in ruleSet.Facts)
        {
            var uses = new Dictionary<object, FactUse>();
            foreach (var value in fact.Values)
            {
                uses[value.Value] = new FactUse(fact.Name, fact.Label, value.Label);
            }
            uses[true] = new FactUse(fact.Name, fact.Label, fact.LabelOf(true));
            uses[false] = new FactUse(fact.Name, fact.Label, fact.LabelOf(false));
            _uses[fact.Name] = uses;
            _unknownUses[fact.Name] = new FactUse(fact.Name, fact.Label, fact.LabelOf(null));
        }
    }

    /// <summary>Where a fact test reads its fact, and the other fact it compares with.</summary>
    internal sealed record TestSlots(FactDefinition Fact, int Slot, FactDefinition? Other, int OtherSlot);

    internal TestSlots SlotsOf(FactTest test) => _slots.TryGetValue(test, out var slots) ? slots : Locate(test);

    private TestSlots Locate(FactTest test)
    {
        var (fact, slot) = Layout[test.Fact];
        var (other, otherSlot) = test.OtherFact is null ? (null, -1) : Layout[test.OtherFact];
        return new TestSlots(fact, slot, other, otherSlot);
    }

    internal RuleSetDefinition Definition { get; }
    internal FactLayout Layout { get; }
    internal ConditionWording Wording { get; }

    /// <summary>
    /// The facts a condition reads (what a rationale step cites), each once, in the order a full walk first reads them; a
    /// fact read inside a per-task target has the first task's value (the walk reads every fact on its first task), or none
    /// when there is no task. Which facts those are is fixed by the condition's shape: found once; only the values are the frame's.
    /// </summary>
    public IReadOnlyList<FactUse> FactsUsed(Condition condition, FactFrame frame)
    {
        var citations = ReadsOf(condition).Cited;
        var uses = new FactUse[citations.Length];
        for (var i = 0; i < citations.Length; i++)
        {
            var (fact, slot, inTaskTarget) = citations[i];
            var source = fact.Scope == FactScope.Item ? frame.Item
                : inTaskTarget ? (frame.Tasks.Count > 0 ? frame.Tasks[0] : [])
                : frame.Task;
            uses[i] = Use(fact, slot < source.Length ? source[slot] : null);
        }
        return uses;
    }

    /// <summary>
    /// Why a condition does not hold (its failures), or the unknown facts that leave it open (one reason naming them) —
    /// without the facts it read. Neither, when it holds.
    /// </summary>
    public (Truth Result, IReadOnlyList<string> Reasons) WhyNot(Condition condition, FactFrame frame)
    {
        var reads = ReadsOf(condition);
        var values = reads.ByValues ? DeclaredValues(reads.Cited, frame) : null;
        if (values is null)
        {
            return WalkWhyNot(condition, frame);
        }
        var kept = _whyNot.GetValue(condition, static _ => new KeptAnswers());
        if (kept.Answers.TryGetValue(values, out var answer))
        {
            return answer;
        }
        answer = WalkWhyNot(condition, frame);
        kept.Keep(values, answer);
        return answer;
    }

    // One condition's kept why-not answers, at most Limit of them (counted apart: a concurrent dictionary's Count locks it whole).
    private sealed class KeptAnswers
    {
        private const int Limit = 1024;
        private int _count;

        public ConcurrentDictionary<object?[], WhyNotAnswer> Answers { get; } = new(ValuesComparer.Instance);

        public void Keep(object?[] values, WhyNotAnswer answer)
        {
            if (Volatile.Read(ref _count) < Limit && Answers.TryAdd(values, answer))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }

    private WhyNotAnswer WalkWhyNot(Condition condition, FactFrame frame)
    {
        var walk = new ConditionWalk(this, frame, WalkMode.WhyNot);
        var result = walk.Walk(condition);
        return (result, result switch
        {
            Truth.False => walk.Failures.ToArray(),
            Truth.Unknown => [Wording.FactsUnknown(walk.Unknown.Distinct(StringComparer.Ordinal).Select(f => Layout.Definition(f).Label))],
            _ => [],
        });
    }

    // The values a condition reads on a frame, if each is unknown or one the catalogue declares (a yes/no answer, a listed
    // value): then its why-not is the same for every frame with those values. A free value (a number, a name) gives null.
    private object?[]? DeclaredValues(Citation[] reads, FactFrame frame)
    {
        var values = new object?[reads.Length];
        for (var i = 0; i < reads.Length; i++)
        {
            var (fact, slot, _) = reads[i];
            var source = fact.Scope == FactScope.Item ? frame.Item : frame.Task;
            var value = slot < source.Length ? source[slot] : null;
            if (value is not null && !_uses[fact.Name].ContainsKey(value))
            {
                return null;
            }
            values[i] = value;
        }
        return values;
    }

    private ConditionReads ReadsOf(Condition condition) => _reads.GetValue(condition, _readConditions);

    // A fact a condition cites, where it is read, and whether under a per-task target.
    private readonly record struct Citation(FactDefinition Fact, int Slot, bool InTaskTarget);

    // What a condition reads: the facts it cites, and whether its value and why-not depend on those facts' values alone
    // (not when it compares two facts, whose second fact it does not cite, or reads every task through a per-task target).
    private sealed record ConditionReads(Citation[] Cited, bool ByValues);

    // Arrays of values compared element by element, as a why-not answer's key.
    private sealed class ValuesComparer : IEqualityComparer<object?[]>
    {
        public static readonly ValuesComparer Instance = new();

        public bool Equals(object?[]? x, object?[]? y) =>
            x is not null && y is not null && x.Length == y.Length && x.AsSpan().SequenceEqual(y, EqualityComparer<object?>.Default);

        public int GetHashCode(object?[] values)
        {
            var hash = new HashCode();
            foreach (var value in values)
            {
                hash.Add(value);
            }
            return hash.ToHashCode();
        }
    }

    // The facts cited: every fact test's own fact, first reading first, from the condition's leaves with category targets
    // opened (under a per-task target, its tests are read on a task).
    private ConditionReads Read(Condition condition)
    {
        var tests = TestsRead(condition, inTaskTarget: false).ToList();
        var cited = new List<Citation>();
        foreach (var (test, inTaskTarget) in tests)
        {
            var slots = SlotsOf(test);
            if (!cited.Exists(c => c.Fact.Name == slots.Fact.Name))
            {
                cited.Add(new Citation(slots.Fact, slots.Slot, inTaskTarget));
            }
        }
        return new ConditionReads([.. cited], !ReadsTasks(condition) && tests.TrueForAll(t => t.Test.OtherFact is null));
    }

    // Whether a condition reaches a per-task target, whose value depends on every task (and on how many there are).
    private bool ReadsTasks(Condition condition) =>
        condition.Leaves().Any(leaf => leaf is Fits fits && Definition.FitsTarget(fits.Target) is var (conditions, scope)
            && (scope == FactScope.Task || conditions.Any(ReadsTasks)));

    private IEnumerable<(FactTest Test, bool InTaskTarget)> TestsRead(Condition condition, bool inTaskTarget) =>
        condition.Leaves().SelectMany(leaf => leaf is Fits fits && Definition.FitsTarget(fits.Target) is var (conditions, scope)
            ? conditions.SelectMany(c => TestsRead(c, inTaskTarget || scope == FactScope.Task))
            : [((FactTest)leaf, inTaskTarget)]);

    /// <summary>
    /// A condition in Japanese on one line, e.g. 「目的の種類」が「要件の確認」. A group inside another group, and the
    /// condition a 「でない」 negates, are put in brackets （…）, so the grouping never rests on a reader's guess of precedence.
    /// </summary>
    public string Describe(Condition condition) => _describer.Visit(condition);

    /// <summary>
    /// A condition as an outline: one line per group heading or leaf, with its depth — 「次のすべてに当たる（かつ）」 and
    /// 「次のいずれかに当たる（または）」 head their parts one level deeper, and a negation says what it negates. Nested
    /// groups of the same kind are merged (the meaning is the same). A leaf alone is one line at depth 0.
    /// </summary>
    public IReadOnlyList<(int Depth, string Text)> Outline(Condition condition)
    {
        var outliner = new Outliner(this);
        outliner.Visit(condition);
        return outliner.Lines;
    }

    // The parts of a group, with the parts of a same-kind group inside it taken up into it (「A かつ（B かつ C）」 is 「A かつ B かつ C」).
    private static IEnumerable<Condition> Flatten(AllOf all) =>
        all.Parts.SelectMany(p => p is AllOf inner ? Flatten(inner) : [p]);

    private static IEnumerable<Condition> Flatten(AnyOf any) =>
        any.Parts.SelectMany(p => p is AnyOf inner ? Flatten(inner) : [p]);

    // Descriptions in failure texts are written once per condition node.
    internal string DescribeOnce(Condition condition) => _descriptions.GetValue(condition, Describe);

    private string DescribeTest(FactTest test) =>
        Wording.Test(test, Layout.Definition(test.Fact), test.OtherFact is null ? null : Layout.Definition(test.OtherFact));

    internal FactUse Use(FactDefinition fact, object? value) =>
        value is null ? _unknownUses[fact.Name]
        : _uses[fact.Name].TryGetValue(value, out var use) ? use
        : new FactUse(fact.Name, fact.Label, fact.LabelOf(value));

    // The one-line description, as the visitor's reading.
    private sealed class Describer(ConditionExplainer owner) : ConditionVisitor<string>
    {
        protected override string VisitAll(AllOf all) => owner.Wording.All(Flatten(all).Select(Part));
        protected override string VisitAny(AnyOf any) => owner.Wording.Any(Flatten(any).Select(Part));
        protected override string VisitNot(NotOf not) => not.Inner is Fits fits ? owner.Wording.NotFits(fits.Target) : owner.Wording.Not(Visit(not.Inner));
        protected override string VisitFits(Fits fits) => owner.Wording.Fits(fits.Target);
        protected override string VisitTest(FactTest test) => owner.DescribeTest(test);

        private string Part(Condition part) => part is AllOf or AnyOf ? owner.Wording.Bracketed(Visit(part)) : Visit(part);
    }

    // The outline, as the visitor's reading: a group heads its parts one level deeper; a leaf is one line.
    private sealed class Outliner(ConditionExplainer owner) : ConditionVisitor<bool>
    {
        private int _depth;

        public List<(int Depth, string Text)> Lines { get; } = [];

        protected override bool VisitAll(AllOf all) => Group(owner.Wording.AllHeading, Flatten(all));
        protected override bool VisitAny(AnyOf any) => Group(owner.Wording.AnyHeading, Flatten(any));

        // A negation says what it negates: of a group, its parts; of a negation, the inner one; of a leaf, in one line.
        protected override bool VisitNot(NotOf not) => not.Inner switch
        {
            AnyOf any => Group(owner.Wording.NoneHeading, Flatten(any)),
            AllOf all => Group(owner.Wording.NotAllHeading, Flatten(all)),
            NotOf => Group(owner.Wording.NotHeading, [not.Inner]),
            _ => Line(not),
        };

        protected override bool VisitFits(Fits fits) => Line(fits);
        protected override bool VisitTest(FactTest test) => Line(test);

        private bool Line(Condition condition)
        {
            Lines.Add((_depth, owner.Describe(condition)));
            return true;
        }

        private bool Group(string heading, IEnumerable<Condition> parts)
        {
            Lines.Add((_depth, heading));
            _depth++;
            foreach (var part in parts)
            {
                Visit(part);
            }
            _depth--;
            return true;
        }
    }
}
