using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Compilation;
using GuidelineEngine.Engine.Runtime;

namespace GuidelineEngine.Engine.Screening;

/// <summary>What an explained condition found: its value, the facts it read, why it failed, which facts were unknown.</summary>
public sealed class Explanation
{
    public Truth Result { get; set; }
    public List<FactUse> Used { get; } = [];
    public List<string> Failures { get; } = [];
    public List<string> UnknownFacts { get; } = [];

    /// <summary>Takes over the facts another explanation read, once each.</summary>
    public void MergeFacts(Explanation other)
    {
        Used.AddRange(other.Used.Where(u => Used.All(x => x.Fact != u.Fact)));
        UnknownFacts.AddRange(other.UnknownFacts.Where(u => !UnknownFacts.Contains(u)));
    }
}

/// <summary>
/// Walks a condition to explain it — the slow path, used only to write the rationale; the engine
/// decides with the compiled delegates. Leaves call the same <see cref="ConditionOps"/>, so both agree.
/// </summary>
public sealed class ConditionExplainer(RuleSetDefinition ruleSet, FactLayout layout)
{
    public Explanation Explain(Condition condition, FactFrame frame)
    {
        var explanation = new Explanation();
        explanation.Result = Walk(condition, frame, explanation, collectFailures: true);
        return explanation;
    }

    private Truth Walk(Condition condition, FactFrame frame, Explanation into, bool collectFailures)
    {
        switch (condition)
        {
            case AllOf all:
            {
                var (result, parts) = Combine(all.Parts, frame, into, collectFailures, TruthOps.And, Truth.True);
                if (result == Truth.False)
                {
                    into.Failures.AddRange(parts.Where(p => p.Value == Truth.False).SelectMany(p => p.Explanation.Failures));
                }
                return result;
            }
            case AnyOf any:
            {
                var (result, parts) = Combine(any.Parts, frame, into, collectFailures, TruthOps.Or, Truth.False);
                if (result == Truth.False && collectFailures)
                {
                    into.Failures.Add("いずれにも当たらない: " + string.Join(" / ", parts.SelectMany(p => p.Explanation.Failures)));
                }
                return result;
            }
            case NotOf not:
            {
                var inner = new Explanation();
                var value = TruthOps.Not(Walk(not.Inner, frame, inner, collectFailures: false));
                into.MergeFacts(inner);
                if (value == Truth.False && collectFailures)
                {
                    into.Failures.Add($"除外される場合（{Describe(not.Inner)}）に当たる");
                }
                return value;
            }
            case Fits fits:
            {
                var value = EvaluateFits(fits, frame, into);
                if (value == Truth.False && collectFailures)
                {
                    into.Failures.Add($"{fits.Target} に該当しない");
                }
                return value;
            }
            case FactTest test:
                return Leaf(test, frame, into, collectFailures);
            default:
                throw new InvalidOperationException(condition.GetType().Name);
        }
    }

    // Walks the parts of all/any. The facts read are kept; unknown facts only where the whole is undetermined,
    // and then only those of undetermined parts. Failures are left to the caller.
    private (Truth Result, List<(Truth Value, Explanation Explanation)> Parts) Combine(
        IEnumerable<Condition> conditions, FactFrame frame, Explanation into, bool collectFailures, Func<Truth, Truth, Truth> combine, Truth start)
    {
        var result = start;
        var parts = new List<(Truth Value, Explanation Explanation)>();
        foreach (var condition in conditions)
        {
            var inner = new Explanation();
            var value = Walk(condition, frame, inner, collectFailures);
            parts.Add((value, inner));
            result = combine(result, value);
        }
        foreach (var (value, part) in parts)
        {
            into.Used.AddRange(part.Used.Where(u => into.Used.All(x => x.Fact != u.Fact)));
            if (result == Truth.Unknown && value == Truth.Unknown)
            {
                into.UnknownFacts.AddRange(part.UnknownFacts.Where(u => !into.UnknownFacts.Contains(u)));
            }
        }
        return (result, parts);
    }

    private Truth EvaluateFits(Fits fits, FactFrame frame, Explanation into)
    {
        var table = ruleSet.Table(fits.Target);
        var categories = table?.Categories ?? [ruleSet.Category(fits.Target)!];
        var scope = (table ?? ruleSet.Table(categories[0].Table)!).Scope;
        // The categories' facts count as read: an unknown one is a question that can decide the fit.
        Truth AnyCategory(FactFrame f) =>
            Combine(categories.Select(c => c.When), f, into, collectFailures: false, TruthOps.Or, Truth.False).Result;

        return scope == FactScope.Task ? ConditionOps.AllTasksExplained(frame, AnyCategory) : AnyCategory(frame);
    }

    private Truth Leaf(FactTest test, FactFrame frame, Explanation into, bool collectFailures)
    {
        var (fact, value) = Read(test.Fact, frame);
        var other = test.OtherFact is null ? null : Read(test.OtherFact, frame).Value;
        var result = ConditionOps.Evaluate(test, value, other);
        if (!into.Used.Any(u => u.Fact == fact.Name))
        {
            into.Used.Add(new FactUse(fact.Name, fact.Label, fact.LabelOf(value)));
        }
        if (value is null && test.Operator != Comparison.Known && !into.UnknownFacts.Contains(fact.Name))
        {
            into.UnknownFacts.Add(fact.Name);
        }
        if (test.OtherFact is not null && other is null && !into.UnknownFacts.Contains(test.OtherFact))
        {
            into.UnknownFacts.Add(test.OtherFact);
        }
        if (result == Truth.False && collectFailures)
        {
            into.Failures.Add($"{Describe(test)}ではない（{fact.Label}: {fact.LabelOf(value)}）");
        }
        return result;
    }

    /// <summary>A condition in Japanese, e.g. 「目的の種類」が「要件の確認」.</summary>
    public string Describe(Condition condition) => condition switch
    {
        AllOf all => string.Join("かつ", all.Parts.Select(Describe)),
        AnyOf any => string.Join("または", any.Parts.Select(Describe)),
        NotOf not => $"「{Describe(not.Inner)}」でない",
        Fits fits => $"{fits.Target}に該当",
        FactTest test => DescribeTest(test),
        _ => condition.ToString() ?? "",
    };

    private string DescribeTest(FactTest test)
    {
        var fact = layout.Definition(test.Fact);
        var label = $"「{fact.Label}」";
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
            Comparison.EqualsFact => $"{label}が「{layout.Definition(test.OtherFact!).Label}」と同じ",
            Comparison.DiffersFromFact => $"{label}が「{layout.Definition(test.OtherFact!).Label}」と異なる",
            _ => label,
        };
    }

    private (FactDefinition Fact, object? Value) Read(string name, FactFrame frame)
    {
        var (fact, slot) = layout[name];
        var source = fact.Scope == FactScope.Task ? frame.Task : frame.Item;
        return (fact, slot < source.Length ? source[slot] : null);
    }
}
