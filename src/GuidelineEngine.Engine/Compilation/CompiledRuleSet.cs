using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Runtime;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Engine.Compilation;

/// <summary>A rule with its compiled condition and its place in the definition order (the agenda's tie-break).</summary>
public sealed record CompiledRule(RuleDefinition Definition, CompiledCondition Condition, int Order, string? CategoryId = null)
{
    /// <summary>For an outcome rule, the rules its <c>unless</c> names (as indexes): it holds only while none of them holds.</summary>
    public IReadOnlyList<int> Exceptions { get; init; } = [];

    /// <summary>The item slots whose change can change whether the rule holds: its condition's and, transitively, its exceptions'.</summary>
    public IReadOnlySet<int> ItemFactsRead { get; init; } = Condition.ItemFactsRead;
}

/// <summary>A per-task category: judged on each task of an outsourcing.</summary>
public sealed record CompiledTaskCategory(CategoryDefinition Category, CompiledCondition Condition, RuleDefinition Rule);

/// <summary>
/// A rule set compiled once: the fact layout, every rule as a delegate, and the dependency index
/// that tells the agenda which rules to re-evaluate when a fact is concluded. Thread-safe to share;
/// each screening opens its own <see cref="Session"/>.
/// </summary>
public sealed class CompiledRuleSet
{
    /// <summary>Agenda priority of category rules: after the transfer is derived, before outcomes.</summary>
    public const int CategoryAgendaPriority = 95;

    private readonly List<CompiledRule>[] _dependents;
    private readonly Dictionary<string, Condition> _conditions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _categoryOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _catalogueOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<RuleDefinition, SentenceTemplate> _sentences = new(ReferenceEqualityComparer.Instance);

    public CompiledRuleSet(RuleSetDefinition definition)
    {
        Definition = definition;
        Layout = new FactLayout(definition.Facts);
        var compiler = new ConditionCompiler(definition, Layout);
        var rules = new List<CompiledRule>();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in definition.Rules)
        {
            indexes.TryAdd(rule.Id, rules.Count);
            rules.Add(Compile(compiler, rule, rule.When, rules.Count));
        }
        // An outcome rule's exceptions are rules of their own: the session reads their state rather than re-evaluating
        // them inlined in every rule that names them (the inlined form, Holds, is what the rationale explains).
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Definition.Then is ConcludeOutcome { Unless.Count: > 0 } outcome)
            {
                rules[i] = rules[i] with
                {
                    Exceptions = [.. outcome.Unless.Select(id => indexes[id])],
                    ItemFactsRead = compiler.ItemFactsRead(Holds(rules[i].Definition, definition)),
                };
            }
        }
        var taskCategories = new List<CompiledTaskCategory>();
        foreach (var table in definition.Tables)
        {
            foreach (var category in table.Categories)
            {
                var rule = CategoryRule(table, category);
                if (table.Scope == FactScope.Task)
                {
                    taskCategories.Add(new CompiledTaskCategory(category, Compile(compiler, rule, category.When, 0).Condition, rule));
                }
                else
                {
                    rules.Add(Compile(compiler, rule, rule.When, rules.Count) with { CategoryId = category.Id });
                }
            }
        }
        RuleArray = [.. rules];
        TaskCategories = taskCategories;
        Agenda = [.. rules.OrderByDescending(r => r.Definition.Priority).ThenBy(r => r.Order).Select(r => r.Order)];
        AgendaPlace = new int[Agenda.Length];
        for (var place = 0; place < Agenda.Length; place++)
        {
            AgendaPlace[Agenda[place]] = place;
        }
        foreach (var rule in rules)
        {
            _conditions.TryAdd(rule.Definition.Id, rule.Definition.Then is ConcludeOutcome ? Holds(rule.Definition, definition) : rule.Condition.Source);
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
        Explainer = new ConditionExplainer(definition, Layout);
        Missing = new MissingFacts(this);
        _dependents = Enumerable.Range(0, Layout.ItemSlots).Select(_ => new List<CompiledRule>()).ToArray();
        foreach (var rule in rules)
        {
            foreach (var slot in rule.ItemFactsRead)
            {
                _dependents[slot].Add(rule);
            }
        }
    }

    public RuleSetDefinition Definition { get; }
    public FactLayout Layout { get; }
    public IReadOnlyList<CompiledRule> Rules => RuleArray;

    // The session's hot loop indexes arrays, not interfaces.
    internal CompiledRule[] RuleArray { get; }
    public IReadOnlyList<CompiledTaskCategory> TaskCategories { get; }

    /// <summary>Rule indexes in the order the agenda considers them: highest priority first, then definition order.</summary>
    internal int[] Agenda { get; }

    /// <summary>Each rule's place in <see cref="Agenda"/>.</summary>
    internal int[] AgendaPlace { get; }

    /// <summary>Explains conditions of this rule set for the rationale (the slow path).</summary>
    public ConditionExplainer Explainer { get; }

    /// <summary>Finds the intake facts an undecided item still needs.</summary>
    internal MissingFacts Missing { get; }

    /// <summary>The condition a rule fired on: for an outcome rule, with its exceptions inlined.</summary>
    public Condition ConditionOf(RuleDefinition rule) => _conditions.GetValueOrDefault(rule.Id) ?? rule.When;

    /// <summary>The explanation of a rule of this set, ready to fill in.</summary>
    internal SentenceTemplate Sentence(RuleDefinition rule) => _sentences[rule];

    /// <summary>A category's place in the tables: table order, then its number.</summary>
    public int CategoryOrder(string categoryId) => _categoryOrder[categoryId];

    /// <summary>A fact's place in the fact catalogue (facts.yaml), the order questions are asked in.</summary>
    public int CatalogueOrder(string fact) => _catalogueOrder[fact];

    /// <summary>Rules whose condition reads the item fact in this slot.</summary>
    public IReadOnlyList<CompiledRule> DependentsOf(int slot) => _dependents[slot];

    /// <summary>Opens a session over an item's facts and its tasks' facts.</summary>
    public Session OpenSession(object?[] item, IReadOnlyList<object?[]> tasks, bool trace) =>
        new(this, new FactFrame(item, tasks), trace);

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

    // A category is a rule too: it concludes that it fits when the item's transfer is its table's and its condition holds.
    private RuleDefinition CategoryRule(TableDefinition table, CategoryDefinition category)
    {
        Condition when = category.When;
        if (table.Scope == FactScope.Item && Layout.Contains("transfer"))
        {
            when = new AllOf([new FactTest("transfer", Comparison.Equal, table.Transfer), category.When]) { Mark = category.Mark };
        }
        return new RuleDefinition
        {
            Id = category.Id,
            Kind = RuleKind.Category,
            Article = string.Join("・", category.Basis.Append($"ガイドライン{table.Id} No.{category.No}")),
            // Categories fire once the transfer is known and before the outcome rules, so the rationale reads in order;
            // the category's own priority only names the primary category.
            Priority = CategoryAgendaPriority,
            When = when,
            Then = new ConcludeFit(category.Id),
            Explanation = $"{table.Id} No.{category.No}「{category.Wording}」に該当する。",
            Scope = table.Scope,
            Mark = category.Mark,
        };
    }

    private static CompiledRule Compile(ConditionCompiler compiler, RuleDefinition rule, Condition condition, int order)
    {
        try
        {
            return new CompiledRule(rule, compiler.Compile(condition), order);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw new RuleCompilationException(rule.Id, rule.Mark, e);
        }
    }
}

/// <summary>A rule that could not be compiled: names the rule first, then the cause.</summary>
public sealed class RuleCompilationException(string ruleId, SourceMark? mark, Exception inner)
    : Exception($"規則 {ruleId}（{mark}）をコンパイルできません: {inner.Message}", inner)
{
    public string RuleId { get; } = ruleId;
}
