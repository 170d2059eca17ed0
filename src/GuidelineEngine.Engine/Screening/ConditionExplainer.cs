using System.Runtime.CompilerServices;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Compilation;
using GuidelineEngine.Engine.Runtime;

namespace GuidelineEngine.Engine.Screening;

/// <summary>
/// Walks a condition to explain it — the slow path, used only to write the rationale; the engine
/// decides with the compiled delegates. Leaves call the same <see cref="ConditionOps"/>, so both agree.
/// Built once per rule set and shared between threads: the texts of every fact test and every fact value are
/// written once here, and a walk keeps its findings on flat lists, so explaining allocates little beyond the answer.
/// </summary>
public sealed class ConditionExplainer
{
    private readonly RuleSetDefinition _ruleSet;
    private readonly FactLayout _layout;
    // Per fact, the FactUse of each declared value (and of yes, no and unknown): the facts of a rationale step are shared, not rebuilt.
    private readonly Dictionary<string, Dictionary<object, FactUse>> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FactUse> _unknownUses = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<Condition, string> _descriptions = [];

    public ConditionExplainer(RuleSetDefinition ruleSet, FactLayout layout)
    {
        _ruleSet = ruleSet;
        _layout = layout;
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

    /// <summary>The facts a condition reads (what a rationale step cites), without its failures.</summary>
    public IReadOnlyList<FactUse> FactsUsed(Condition condition, FactFrame frame)
    {
        var walk = new Walk(this, frame, collectUses: true);
        walk.Condition(condition, collectFailures: false);
        return walk.Used.ToArray();
    }

    /// <summary>Why a condition does not hold (its failures), or which unknown facts leave it open — without the facts it read.</summary>
    public (Truth Result, IReadOnlyList<string> Failures, IReadOnlyList<string> UnknownFacts) WhyNot(Condition condition, FactFrame frame)
    {
        var walk = new Walk(this, frame, collectUses: false);
        var result = walk.Condition(condition, collectFailures: true);
        return (result,
            result == Truth.False ? walk.Failures.ToArray() : [],
            result == Truth.Unknown ? walk.Unknown.Distinct(StringComparer.Ordinal).ToArray() : []);
    }

    /// <summary>
    /// A condition in Japanese on one line, e.g. 「目的の種類」が「要件の確認」. A group inside another group, and the
    /// condition a 「でない」 negates, are put in brackets （…）, so the grouping never rests on a reader's guess of precedence.
    /// </summary>
    public string Describe(Condition condition) => condition switch
    {
        AllOf all => string.Join("かつ", Flatten(all).Select(DescribePart)),
        AnyOf any => string.Join("または", Flatten(any).Select(DescribePart)),
        NotOf { Inner: Fits fits } => $"{fits.Target}に該当しない",
        NotOf not => $"（{Describe(not.Inner)}）でない",
        Fits fits => $"{fits.Target}に該当",
        FactTest test => DescribeTest(test),
        _ => condition.ToString() ?? "",
    };

    private string DescribePart(Condition part) => part is AllOf or AnyOf ? $"（{Describe(part)}）" : Describe(part);

    /// <summary>
    /// A condition as an outline: one line per group heading or leaf, with its depth — 「次のすべてに当たる（かつ）」 and
    /// 「次のいずれかに当たる（または）」 head their parts one level deeper, and a negation says what it negates. Nested
    /// groups of the same kind are merged (the meaning is the same). A leaf alone is one line at depth 0.
    /// </summary>
    public IReadOnlyList<(int Depth, string Text)> Outline(Condition condition)
    {
        var lines = new List<(int Depth, string Text)>();
        AddOutline(condition, 0, lines);
        return lines;
    }

    private void AddOutline(Condition condition, int depth, List<(int Depth, string Text)> lines)
    {
        void Group(string heading, IEnumerable<Condition> parts)
        {
            lines.Add((depth, heading));
            foreach (var part in parts)
            {
                AddOutline(part, depth + 1, lines);
            }
        }

        switch (condition)
        {
            case AllOf all:
                Group("次のすべてに当たる（かつ）", Flatten(all));
                break;
            case AnyOf any:
                Group("次のいずれかに当たる（または）", Flatten(any));
                break;
            case NotOf { Inner: AnyOf any }:
                Group("次のいずれにも当たらない（否定）", Flatten(any));
                break;
            case NotOf { Inner: AllOf all }:
                Group("次のすべてに当たる場合を除く（否定: どれか一つでも当たらなければよい）", Flatten(all));
                break;
            case NotOf { Inner: NotOf } not:
                Group("次に当たらない（否定）", [not.Inner]);
                break;
            default:
                lines.Add((depth, Describe(condition)));
                break;
        }
    }

    // The parts of a group, with the parts of a same-kind group inside it taken up into it (「A かつ（B かつ C）」 is 「A かつ B かつ C」).
    private static IEnumerable<Condition> Flatten(AllOf all) =>
        all.Parts.SelectMany(p => p is AllOf inner ? Flatten(inner) : [p]);

    private static IEnumerable<Condition> Flatten(AnyOf any) =>
        any.Parts.SelectMany(p => p is AnyOf inner ? Flatten(inner) : [p]);

    // Descriptions in failure texts are written once per condition node.
    private string DescribeOnce(Condition condition) => _descriptions.GetValue(condition, Describe);

    private string DescribeTest(FactTest test)
    {
        var fact = _layout.Definition(test.Fact);
        var label = $"「{fact.Label}」";
        if (test.Operand is "" && test.Operator is Comparison.Equal or Comparison.NotEqual)
        {
            return test.Operator == Comparison.Equal ? $"{label}が空欄" : $"{label}が空欄でない";
        }
        return test.Operator switch
        {
            Comparison.Equal => $"{label}が「{fact.LabelOf(test.Operand)}」",
            Comparison.NotEqual => $"{label}が「{fact.LabelOf(test.Operand)}」以外",
            Comparison.In => $"{label}が「{string.Join("・", ((IReadOnlyList<string>)test.Operand!).Select(v => fact.LabelOf(v)))}」のいずれか",
            Comparison.NotIn => $"{label}が「{string.Join("・", ((IReadOnlyList<string>)test.Operand!).Select(v => fact.LabelOf(v)))}」以外",
            Comparison.GreaterThan => $"{label}が{test.Operand}より大きい",
            Comparison.GreaterOrEqual => $"{label}が{test.Operand}以上",
            Comparison.LessThan => $"{label}が{test.Operand}未満",
            Comparison.LessOrEqual => $"{label}が{test.Operand}以下",
            Comparison.Contains => $"{label}に「{fact.LabelOf(test.Operand)}」を含む",
            Comparison.Known => (bool)test.Operand! ? $"{label}が判明している" : $"{label}が不明",
            Comparison.EqualsFact => $"{label}が「{_layout.Definition(test.OtherFact!).Label}」と同じ",
            Comparison.DiffersFromFact => $"{label}が「{_layout.Definition(test.OtherFact!).Label}」と異なる",
            _ => label,
        };
    }

    private FactUse Use(FactDefinition fact, object? value) =>
        value is null ? _unknownUses[fact.Name]
        : _uses[fact.Name].TryGetValue(value, out var use) ? use
        : new FactUse(fact.Name, fact.Label, fact.LabelOf(value));

    // One walk. Facts read go onto Used once each; unknown facts and failures onto flat lists, where a part or a whole
    // that does not count takes its own back off: unknown facts count only for undetermined parts of an undetermined whole,
    // failures only for a false whole.
    private sealed class Walk(ConditionExplainer owner, FactFrame frame, bool collectUses)
    {
        // Citing facts only, a subtree met again outside a per-task walk cites nothing new: an outcome rule's inlined
        // exceptions (under a "not") repeat the same conditions many times. Its value is kept for the parts that combine it.
        private Dictionary<Condition, Truth>? _walked;
        private int _taskDepth;

        public List<FactUse> Used { get; } = [];
        public List<string> Failures { get; } = [];
        public List<string> Unknown { get; } = [];

        public Truth Condition(Condition condition, bool collectFailures)
        {
            if (collectUses && condition is NotOf)
            {
                _walked ??= new(64, ReferenceEqualityComparer.Instance);
            }
            if (_walked is null || collectFailures || _taskDepth > 0)
            {
                return Walked(condition, collectFailures);
            }
            if (!_walked.TryGetValue(condition, out var value))
            {
                _walked[condition] = value = Walked(condition, collectFailures);
            }
            return value;
        }

        private Truth Walked(Condition condition, bool collectFailures)
        {
            switch (condition)
            {
                case AllOf all:
                {
                    var failures = Failures.Count;
                    var result = Combine(all.Parts, collectFailures, TruthOps.And, Truth.True);
                    if (result != Truth.False)
                    {
                        Truncate(Failures, failures);
                    }
                    return result;
                }
                case AnyOf any:
                {
                    var failures = Failures.Count;
                    var result = Combine(any.Parts, collectFailures, TruthOps.Or, Truth.False);
                    var joined = result == Truth.False && collectFailures
                        ? "いずれにも当たらない: " + string.Join(" / ", Failures.Skip(failures))
                        : null;
                    Truncate(Failures, failures);
                    if (joined is not null)
                    {
                        Failures.Add(joined);
                    }
                    return result;
                }
                case NotOf not:
                {
                    var value = TruthOps.Not(Condition(not.Inner, collectFailures: false));
                    if (value == Truth.False && collectFailures)
                    {
                        Failures.Add($"除外される場合（{owner.DescribeOnce(not.Inner)}）に当たる");
                    }
                    return value;
                }
                case Fits fits:
                {
                    var value = Fits(fits);
                    if (value == Truth.False && collectFailures)
                    {
                        Failures.Add($"{fits.Target} に該当しない");
                    }
                    return value;
                }
                case FactTest test:
                    return Leaf(test, collectFailures);
                default:
                    throw new InvalidOperationException(condition.GetType().Name);
            }
        }

        // Every part is walked (no short cut), so every fact read is cited.
        private Truth Combine(IReadOnlyList<Condition> parts, bool collectFailures, Func<Truth, Truth, Truth> combine, Truth start)
        {
            var whole = Unknown.Count;
            var result = start;
            foreach (var part in parts)
            {
                var before = Unknown.Count;
                var value = Condition(part, collectFailures);
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

        // The categories' facts count as read: an unknown one is a question that can decide the fit.
        private Truth Fits(Fits fits)
        {
            var (conditions, scope) = owner._ruleSet.FitsTarget(fits.Target)!.Value;
            Truth AnyCategory(FactFrame f) => Combine(conditions, collectFailures: false, TruthOps.Or, Truth.False);

            if (scope != FactScope.Task)
            {
                return AnyCategory(frame);
            }
            _taskDepth++;
            var value = ConditionOps.AllTasksExplained(frame, AnyCategory);
            _taskDepth--;
            return value;
        }

        private Truth Leaf(FactTest test, bool collectFailures)
        {
            var (fact, value) = Read(test.Fact);
            var other = test.OtherFact is null ? null : Read(test.OtherFact).Value;
            var result = ConditionOps.Evaluate(test, value, other);
            if (collectUses && !Cited(fact.Name))
            {
                Used.Add(owner.Use(fact, value));
            }
            if (value is null && test.Operator != Comparison.Known)
            {
                Unknown.Add(fact.Name);
            }
            if (test.OtherFact is not null && other is null)
            {
                Unknown.Add(test.OtherFact);
            }
            if (result == Truth.False && collectFailures)
            {
                Failures.Add($"{owner.DescribeOnce(test)}ではない（{fact.Label}: {fact.LabelOf(value)}）");
            }
            return result;
        }

        private bool Cited(string fact)
        {
            foreach (var use in Used)
            {
                if (use.Fact == fact)
                {
                    return true;
                }
            }
            return false;
        }

        private (FactDefinition Fact, object? Value) Read(string name)
        {
            var (fact, slot) = owner._layout[name];
            var source = fact.Scope == FactScope.Task ? frame.Task : frame.Item;
            return (fact, slot < source.Length ? source[slot] : null);
        }

        private static void Truncate<T>(List<T> list, int start) => list.RemoveRange(start, list.Count - start);
    }
}
