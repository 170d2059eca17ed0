using System.Runtime.CompilerServices;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;

namespace GuidelineEngine.Engine.Screening;

/// <summary>
/// What reading a decision off a session needs of one compiled version, found once rather than by name for every item:
/// the slots of the facts <c>transfer</c> and <c>legal.basis</c>, each category's fit with what orders it among the fits, and
/// each binding condition as a decision cites it.
/// </summary>
internal sealed class DecisionIndex
{
    private static readonly ConditionalWeakTable<CompiledRuleSet, DecisionIndex> Indexes = [];

    private readonly int _transfer;
    private readonly int _provision;
    private readonly Dictionary<string, FittingCategory> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<RuleDefinition, string> _cited = new(ReferenceEqualityComparer.Instance);

    private DecisionIndex(CompiledRuleSet rules)
    {
        _transfer = rules.Layout.TrySlot("transfer", out var transfer) ? transfer : -1;
        _provision = rules.Layout.TrySlot("legal.basis", out var provision) ? provision : -1;
        foreach (var id in rules.Definition.Categories.Select(c => c.Id))
        {
            // As the version finds a category by id: the first of a repeated id.
            var category = rules.Definition.Category(id)!;
            _categories.TryAdd(id, new FittingCategory(new CategoryFit(category.Id, category.Wording, category.Basis), category.Priority,
                rules.CategoryOrder(id)));
        }
        foreach (var rule in rules.Definition.Rules)
        {
            if (rule.Then is BindCondition bind)
            {
                _cited[rule] = $"{bind.Text}（{rule.Article}）";
            }
        }
    }

    public static DecisionIndex Of(CompiledRuleSet rules) => Indexes.GetValue(rules, static r => new DecisionIndex(r));

    /// <summary>The item's transfer (<c>use</c>, <c>provision</c>, <c>outsourcing</c>), where the version has the fact and it is known.</summary>
    public string? Transfer(object?[] item) => _transfer < 0 ? null : item[_transfer] as string;

    /// <summary>The 号 the item rests on (<c>legal.basis</c>), where the version has the fact and it is known.</summary>
    public string? Provision(object?[] item) => _provision < 0 ? null : item[_provision] as string;

    public FittingCategory Category(string id) => _categories[id];

    /// <summary>A binding condition's text, citing its own source.</summary>
    public string Cited(RuleDefinition rule) => _cited[rule];
}

/// <summary>A category as a fit of the item (shared: a record no one changes), with its priority and place in the tables.</summary>
internal sealed record FittingCategory(CategoryFit ItemFit, int Priority, int Order);
