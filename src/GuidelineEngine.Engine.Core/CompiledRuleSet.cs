using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Core;

/// <summary>A rule of the plan, with its place in the definition order (the plan's last tie-break).</summary>
public sealed record CompiledRule(RuleDefinition Definition, int Order, string? CategoryId = null)
{
    /// <summary>For an outcome rule, the rules its <c>unless</c> names (as indexes): it holds only while none of them holds.</summary>
    public IReadOnlyList<int> Exceptions { get; init; } = [];

    /// <summary>The item slots whose value can change whether the rule holds: its condition's and, transitively, its exceptions'.</summary>
    public required IReadOnlySet<int> ItemFactsRead { get; init; }
}

/// <summary>A per-task category: judged on each task of an outsourcing.</summary>
public sealed record CompiledTaskCategory(CategoryDefinition Category, RuleDefinition Rule);

/// <summary>
/// A rule set compiled once: the fact layout, every rule (categories included) and the plan that orders them.
/// Thread-safe to share; each screening opens its own <see cref="Session"/>.
/// </summary>
public sealed class CompiledRuleSet
{
    private readonly Dictionary<string, Condition> _conditions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _categoryOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _catalogueOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<RuleDefinition, SentenceTemplate> _sentences = new(ReferenceEqualityComparer.Instance);

    /// <param name="definition">The checked rule set.</param>
    /// <param name="wording">The words of its explanations and errors (the guideline module's: the core holds none).</param>
    public CompiledRuleSet(RuleSetDefinition definition, ConditionWording wording)
    {
        Definition = definition;
        Wording = wording;
        Layout = new FactLayout(definition.Facts);
        var rules = new List<CompiledRule>();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in definition.Rules)
        {
            indexes.TryAdd(rule.Id, rules.Count);
            rules.Add(Checked(rule, rules.Count));
        }
        // An outcome rule's exceptions are rules of their own: the plan reads their state rather than re-evaluating
        // them inlined in every rule that names them (the inlined form, Holds, is what the rationale explains).
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Definition.Then is ConcludeOutcome { Unless.Count: > 0 } outcome)
            {
                rules[i] = rules[i] with
                {
                    Exceptions = [.. outcome.Unless.Select(id => indexes[id])],
                    ItemFactsRead = ItemSlots(Holds(rules[i].Definition, definition)),
                };
            }
        }
        var taskCategories = new List<CompiledTaskCategory>();
        foreach (var table in definition.Tables)
        {
            foreach (var category in table.Categories)
            {
                var rule = definition.CategoryRule(table, category);
                if (table.Scope == FactScope.Task)
                {
                    Checked(rule, 0);
                    taskCategories.Add(new CompiledTaskCategory(category, rule));
                }
                else
                {
                    rules.Add(Checked(rule, rules.Count) with { CategoryId = category.Id });
                }
            }
        }
        RuleArray = [.. rules];
        Assertions = [.. rules.Select(r => r.Definition.Then is AssertFact assert
            ? (Layout[assert.Fact].Slot, ConditionCompiler.Canonical(assert.Value))
            : (-1, null))];
        TaskCategories = taskCategories;
        foreach (var rule in rules)
        {
            _conditions.TryAdd(rule.Definition.Id, rule.Definition.Then is ConcludeOutcome ? Holds(rule.Definition, definition) : rule.Definition.When);
        }
        foreach (var (table, t) in definition.Tables.Select((table, t) => (table, t)))
        {
            foreach (var category in table.Categories)
            {
                _categoryOrder.TryAdd(category.Id, (t * 1000) + category.No);
            }
        }
        foreach (var (fact, i) in definition.Facts.Select((fact, i) => (fact, i)))
        {
            _catalogueOrder.TryAdd(fact.Name, i);
        }
        foreach (var rule in rules.Select(r => r.Definition).Concat(taskCategories.Select(c => c.Rule)))
        {
            _sentences[rule] = new SentenceTemplate(rule.Explanation, Layout);
        }
        Explainer = new ConditionExplainer(definition, Layout, wording,
            rules.Select(r => r.Definition.When).Concat(taskCategories.Select(c => c.Category.When)));
        Missing = new MissingFacts(this);
        Plan = new RulePlan(this);
    }

    public RuleSetDefinition Definition { get; }
    public FactLayout Layout { get; }
    public ConditionWording Wording { get; }
    public IReadOnlyList<CompiledRule> Rules => RuleArray;

    // The session's hot loop indexes arrays, not interfaces.
    internal CompiledRule[] RuleArray { get; }

    /// <summary>
    /// By rule index, the slot of the fact the rule concludes (-1 for none) and the value it puts there: a firing looks nothing
    /// up by name, and text is the canonical instance the compiled plan compares with (<see cref="ConditionCompiler.Canonical"/>).
    /// </summary>
    internal (int Slot, object? Value)[] Assertions { get; }
    public IReadOnlyList<CompiledTaskCategory> TaskCategories { get; }

    /// <summary>The order the rules are evaluated in, and its compiled form.</summary>
    public RulePlan Plan { get; }

    /// <summary>Explains conditions of this rule set for the rationale (the slow path).</summary>
    public ConditionExplainer Explainer { get; }

    /// <summary>Finds the intake facts an undecided item still needs.</summary>
    public MissingFacts Missing { get; }

    /// <summary>The condition a rule fired on: for an outcome rule, with its exceptions inlined.</summary>
    public Condition ConditionOf(RuleDefinition rule) => _conditions.GetValueOrDefault(rule.Id) ?? rule.When;

    /// <summary>The explanation of a rule of this set, ready to fill in.</summary>
    public SentenceTemplate Sentence(RuleDefinition rule) => _sentences[rule];

    /// <summary>A category's place in the tables: table order, then its number.</summary>
    public int CategoryOrder(string categoryId) => _categoryOrder[categoryId];

    /// <summary>A fact's place in the fact catalogue (facts.yaml), the order questions are asked in.</summary>
    public int CatalogueOrder(string fact) => _catalogueOrder[fact];

    /// <summary>Opens a session over an item's facts and its tasks' facts.</summary>
    public Session OpenSession(object?[] item, IReadOnlyList<object?[]> tasks, bool trace, PlanMode mode = PlanMode.Adaptive) =>
        new(this, new FactFrame(item, tasks), trace, mode);

    /// <summary>A condition's value on a frame, as the session interprets it.</summary>
    public Truth Evaluate(Condition condition, FactFrame frame) => new ConditionWalk(Explainer, frame, WalkMode.Evaluate).Walk(condition);

    /// <summary>
    /// The condition under which an outcome rule holds: its own condition, and every exception
    /// it names known not to hold (recursively). Cycles were refused when the rule set was built.
    /// </summary>
    public static Condition Holds(RuleDefinition rule, RuleSetDefinition definition)
    {
        var unless = ((ConcludeOutcome)rule.Then).Unless;
        if (unless.Count == 0)
        {
            return rule.When;
        }
        var exceptions = unless.Select(id => (Condition)new NotOf(Holds(definition.Rules.First(r => r.Id == id), definition)));
        return new AllOf([rule.When, .. exceptions]) { Mark = rule.When.Mark };
    }

    // A rule's condition is checked against the layout here, so that a rule that cannot run is refused when the version
    // is compiled, naming the rule, not when a case first reaches it.
    private CompiledRule Checked(RuleDefinition rule, int order)
    {
        try
        {
            return new CompiledRule(rule, order) { ItemFactsRead = ItemSlots(rule.When) };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw new RuleCompilationException(Wording, rule.Id, rule.Mark, e);
        }
    }

    private HashSet<int> ItemSlots(Condition condition)
    {
        var slots = new HashSet<int>();
        foreach (var target in condition.Targets().Where(t => Definition.FitsTarget(t) is null))
        {
            throw new InvalidOperationException($"Unknown category {target}");
        }
        foreach (var fact in condition.FactsRead(Definition))
        {
            var (definition, slot) = Layout[fact];
            if (definition.Scope == FactScope.Item)
            {
                slots.Add(slot);
            }
        }
        return slots;
    }
}

/// <summary>A rule that could not be compiled: names the rule first, then the cause.</summary>
public sealed class RuleCompilationException(ConditionWording wording, string ruleId, SourceMark? mark, Exception inner)
    : Exception(wording.CannotCompile(ruleId, mark, inner.Message), inner)
{
    public string RuleId { get; } = ruleId;
}
