using System.Globalization;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GuidelineEngine.Rules.Loading;

/// <summary>
/// Reads the condition language: <c>all</c>, <c>any</c>, <c>not</c>, <c>fits</c>, and fact tests
/// (<c>{ fact: purpose.kind, eq: eligibility_check }</c>). Data only: nothing here is executed.
/// </summary>
public static class ConditionReader
{
    private static readonly Dictionary<string, Comparison> Operators = new()
    {
        ["eq"] = Comparison.Equal,
        ["ne"] = Comparison.NotEqual,
        ["in"] = Comparison.In,
        ["not_in"] = Comparison.NotIn,
        ["gt"] = Comparison.GreaterThan,
        ["ge"] = Comparison.GreaterOrEqual,
        ["lt"] = Comparison.LessThan,
        ["le"] = Comparison.LessOrEqual,
        ["contains"] = Comparison.Contains,
        ["known"] = Comparison.Known,
        ["eq_fact"] = Comparison.EqualsFact,
        ["ne_fact"] = Comparison.DiffersFromFact,
    };

    public static Condition? Read(YamlMap owner, string key)
    {
        var node = owner.Node(key);
        if (node is null || YamlMap.IsNull(node))
        {
            owner.Error(key, "条件（when）がありません。");
            return null;
        }
        return Read(node, owner.File, owner.PathOf(key), owner.Diagnostics);
    }

    private static Condition? Read(YamlNode node, string file, string path, DiagnosticBag diagnostics)
    {
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Add(YamlMap.MarkOf(node, file), file, path, "条件は all / any / not / fits / fact のいずれかのマッピングで書いてください。");
            return null;
        }
        var map = new YamlMap(mapping, file, path, diagnostics);
        var mark = map.Mark;
        var keys = map.Keys.ToList();
        if (keys.Contains("all") || keys.Contains("any"))
        {
            var key = keys.Contains("all") ? "all" : "any";
            map.AllowOnly(key);
            if (map.Node(key) is not YamlSequenceNode sequence || sequence.Children.Count == 0)
            {
                map.Error(key, "条件の一覧を1つ以上書いてください。");
                return null;
            }
            var parts = sequence.Children
                .Select((child, i) => Read(child, file, $"{map.PathOf(key)}[{i}]", diagnostics))
                .ToList();
            if (parts.Any(p => p is null))
            {
                return null;
            }
            return key == "all" ? new AllOf(parts!) { Mark = mark } : new AnyOf(parts!) { Mark = mark };
        }
        if (keys.Contains("not"))
        {
            map.AllowOnly("not");
            var inner = Read(map.Node("not")!, file, map.PathOf("not"), diagnostics);
            return inner is null ? null : new NotOf(inner) { Mark = mark };
        }
        if (keys.Contains("fits"))
        {
            map.AllowOnly("fits");
            var target = map.String("fits", required: true);
            return target is null ? null : new Fits(target) { Mark = map.MarkOf("fits") };
        }
        if (keys.Contains("fact"))
        {
            return ReadTest(map);
        }
        diagnostics.Add(mark, file, path, "条件は all / any / not / fits / fact のいずれかで書いてください。");
        return null;
    }

    private static FactTest? ReadTest(YamlMap map)
    {
        var fact = map.String("fact", required: true);
        var operators = map.Keys.Where(k => k != "fact").ToList();
        map.AllowOnly([.. Operators.Keys.Prepend("fact")]);
        if (operators.Count != 1 || !Operators.TryGetValue(operators[0], out var comparison))
        {
            map.Error(map.Node(operators.FirstOrDefault() ?? "fact") ?? map.Node("fact")!, map.PathOf("fact"),
                $"比較をちょうど1つ書いてください（{string.Join(", ", Operators.Keys)}）。");
            return null;
        }
        if (fact is null)
        {
            return null;
        }
        var key = operators[0];
        var operandNode = map.Node(key)!;
        switch (comparison)
        {
            case Comparison.EqualsFact or Comparison.DiffersFromFact:
                var other = map.String(key, required: true);
                return other is null ? null : new FactTest(fact, comparison, null, other) { Mark = map.Mark };
            case Comparison.In or Comparison.NotIn:
                var values = map.Strings(key, required: true);
                return values.Count == 0 ? null : new FactTest(fact, comparison, values) { Mark = map.Mark };
            case Comparison.Known:
                var known = map.Bool(key, required: true);
                return known is null ? null : new FactTest(fact, comparison, known.Value) { Mark = map.Mark };
            default:
                if (operandNode is not YamlScalarNode scalar || YamlMap.IsNull(operandNode))
                {
                    map.Error(key, "比較する値を1つ書いてください。");
                    return null;
                }
                return new FactTest(fact, comparison, Literal(scalar)) { Mark = map.Mark };
        }
    }

    /// <summary>A plain <c>true</c>/<c>false</c> is a bool, a plain number a decimal, anything else a string.</summary>
    public static object Literal(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style == ScalarStyle.Plain)
        {
            if (text is "true" or "false")
            {
                return text == "true";
            }
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
        }
        return text;
    }
}
