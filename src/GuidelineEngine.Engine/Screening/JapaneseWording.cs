using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;

namespace GuidelineEngine.Engine.Screening;

/// <summary>The engine's sentences in Japanese, as staff read them in the rationale, the review document and errors.</summary>
public sealed class JapaneseWording : ConditionWording
{
    public static readonly JapaneseWording Instance = new();

    private JapaneseWording() { }

    public override string Test(FactTest test, FactDefinition fact, FactDefinition? other)
    {
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
            Comparison.EqualsFact => $"{label}が「{other!.Label}」と同じ",
            Comparison.DiffersFromFact => $"{label}が「{other!.Label}」と異なる",
            _ => label,
        };
    }

    public override string All(IEnumerable<string> parts) => string.Join("かつ", parts);
    public override string Any(IEnumerable<string> parts) => string.Join("または", parts);
    public override string Bracketed(string group) => $"（{group}）";
    public override string Not(string inner) => $"（{inner}）でない";
    public override string Fits(string target) => $"{target}に該当";
    public override string NotFits(string target) => $"{target}に該当しない";

    public override string AllHeading => "次のすべてに当たる（かつ）";
    public override string AnyHeading => "次のいずれかに当たる（または）";
    public override string NoneHeading => "次のいずれにも当たらない（否定）";
    public override string NotAllHeading => "次のすべてに当たる場合を除く（否定: どれか一つでも当たらなければよい）";
    public override string NotHeading => "次に当たらない（否定）";

    public override string NoPartHolds(IEnumerable<string> failures) => "いずれにも当たらない: " + string.Join(" / ", failures);
    public override string ExcludedCaseHolds(string description) => $"除外される場合（{description}）に当たる";
    public override string TargetDoesNotFit(string target) => $"{target} に該当しない";
    public override string TestFails(string description, FactDefinition fact, object? value) => $"{description}ではない（{fact.Label}: {fact.LabelOf(value)}）";
    public override string FactsUnknown(IEnumerable<string> labels) => $"判断に必要な事実が不明: {string.Join("、", labels)}";

    public override string Conflict(string ruleId, string fact, object existing, object concluded) =>
        $"規則 {ruleId} が事実 {fact} に「{concluded}」を導こうとしましたが、すでに「{existing}」です。規則または申出が矛盾しています。";

    public override string CannotCompile(string ruleId, SourceMark? mark, string cause) => $"規則 {ruleId}（{mark}）をコンパイルできません: {cause}";

    public override string DerivationCycle => "導く事実が循環しています（規則が互いの結論を読んでいます）。";
}
