using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Rules.Loading;

/// <summary>
/// Semantic checks of conditions against the fact catalogue: unknown facts, operands of the wrong
/// type or outside the declared values, facts of a finer scope, unknown categories; and a
/// satisfiability check that catches a category no case could ever meet.
/// </summary>
internal sealed class ConditionChecker(
    IReadOnlyDictionary<string, FactDefinition> facts,
    IReadOnlyDictionary<string, TableDefinition> tables,
    IReadOnlyDictionary<string, CategoryDefinition> categories,
    Action<object, string, string> report)
{
    public void Check(Condition condition, object owner, FactScope scope, string path)
    {
        foreach (var leaf in condition.Leaves())
        {
            if (leaf is FactTest test)
            {
                CheckTest(test, scope, path);
            }
            else if (leaf is Fits fits && !tables.ContainsKey(fits.Target) && !categories.ContainsKey(fits.Target))
            {
                report(leaf, path, $"未知の別表・類型「{fits.Target}」です。");
            }
        }
    }

    private void CheckTest(FactTest test, FactScope scope, string path)
    {
        if (!facts.TryGetValue(test.Fact, out var fact))
        {
            report(test, path, $"未知の事実「{test.Fact}」です（facts.yaml に定義してください）。");
            return;
        }
        if (fact.Scope == FactScope.Task && scope == FactScope.Item)
        {
            report(test, path, $"事実「{test.Fact}」は委託の作業ごとの事実であり、作業ごとに判断する別表の類型でしか使えません。");
        }
        switch (test.Operator)
        {
            case Comparison.Known:
                break;
            case Comparison.EqualsFact or Comparison.DiffersFromFact:
                if (!facts.TryGetValue(test.OtherFact!, out var other))
                {
                    report(test, path, $"未知の事実「{test.OtherFact}」です。");
                }
                else if (other.Type != fact.Type)
                {
                    report(test, path, $"事実「{test.Fact}」と「{test.OtherFact}」は型が違うため比べられません。");
                }
                break;
            case Comparison.In or Comparison.NotIn:
                foreach (var value in (IReadOnlyList<string>)test.Operand!)
                {
                    if (!Accepts(fact, value))
                    {
                        report(test, path, $"事実「{test.Fact}」に値「{value}」はありません（{Allowed(fact)}）。");
                    }
                }
                break;
            case Comparison.Contains:
                if (fact.Type != FactType.Set)
                {
                    report(test, path, $"contains は set の事実にだけ使えます（「{test.Fact}」は {TypeOf(fact)}）。");
                }
                else if (!Accepts(fact, test.Operand))
                {
                    report(test, path, $"事実「{test.Fact}」に値「{test.Operand}」はありません（{Allowed(fact)}）。");
                }
                break;
            case Comparison.GreaterThan or Comparison.GreaterOrEqual or Comparison.LessThan or Comparison.LessOrEqual:
                if (fact.Type != FactType.Number || test.Operand is not decimal)
                {
                    report(test, path, $"大小の比較は数値の事実と数値にだけ使えます（「{test.Fact}」）。");
                }
                break;
            default:
                if (!Accepts(fact, test.Operand))
                {
                    report(test, path, $"事実「{test.Fact}」（{TypeOf(fact)}）に値「{test.Operand}」は使えません（{Allowed(fact)}）。");
                }
                break;
        }
    }

    /// <summary>Whether a literal is a possible value of the fact.</summary>
    public static bool Accepts(FactDefinition fact, object? value) => fact.Type switch
    {
        FactType.Bool => value is bool,
        FactType.Number => value is decimal,
        FactType.Text => value is string,
        FactType.Enum or FactType.Set => value is string s && fact.Values.Any(v => v.Value == s),
        _ => false,
    };

    /// <summary>
    /// False when the conjunction of the condition's top-level tests leaves some enum fact with no
    /// declared value, or a bool fact both true and false: no case could ever meet it.
    /// </summary>
    public bool Satisfiable(Condition condition)
    {
        var possible = new Dictionary<string, HashSet<string>>();
        foreach (var test in Conjuncts(condition).OfType<FactTest>())
        {
            if (!facts.TryGetValue(test.Fact, out var fact) || fact.Type is not (FactType.Enum or FactType.Bool))
            {
                continue;
            }
            var domain = fact.Type == FactType.Bool ? new HashSet<string> { "true", "false" } : fact.Values.Select(v => v.Value).ToHashSet();
            var set = possible.TryGetValue(test.Fact, out var existing) ? existing : possible[test.Fact] = domain;
            var operand = test.Operand switch
            {
                bool b => [b ? "true" : "false"],
                string s => [s],
                IReadOnlyList<string> list => list.ToHashSet(),
                _ => (HashSet<string>?)null,
            };
            if (operand is null)
            {
                continue;
            }
            switch (test.Operator)
            {
                case Comparison.Equal or Comparison.In:
                    set.IntersectWith(operand);
                    break;
                case Comparison.NotEqual or Comparison.NotIn:
                    set.ExceptWith(operand);
                    break;
            }
        }
        return possible.Values.All(s => s.Count > 0);
    }

    private static IEnumerable<Condition> Conjuncts(Condition condition) =>
        condition is AllOf all ? all.Parts.SelectMany(Conjuncts) : [condition];

    private static string Allowed(FactDefinition fact) => fact.Type switch
    {
        FactType.Enum or FactType.Set => "使える値: " + string.Join(", ", fact.Values.Select(v => v.Value)),
        _ => TypeOf(fact),
    };

    // The type as facts.yaml writes it.
    private static string TypeOf(FactDefinition fact) => $"type: {fact.Type.ToString().ToLowerInvariant()}";
}
