
namespace GuidelineEngine.Domain.Model;

/// <summary>A source document a version rests on.</summary>
public sealed record SourceDocument(string File, string Section);

/// <summary>Metadata of one version of the rules (e.g. nerima/2023-04).</summary>
public sealed record RuleSetVersion
{
    /// <summary>e.g. <c>nerima/2023-04</c>.</summary>
    public required string Id { get; init; }
    public required string Jurisdiction { get; init; }
    public required string Title { get; init; }

    /// <summary>In force from this date; null where the sources do not give it.</summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary>In force up to and including this date; null while in force.</summary>
    public DateOnly? EffectiveTo { get; init; }

    /// <summary>The body that reviews what no category covers (運営委員会 or 審議会).</summary>
    public required string ReviewBody { get; init; }

    public IReadOnlyList<SourceDocument> Sources { get; init; } = [];

    /// <summary>What the version deliberately does not model.</summary>
    public IReadOnlyList<string> NotModelled { get; init; } = [];

    /// <summary>
    /// The Japanese name of each outcome as staff read it under this version (<c>outcome_labels</c>): decisions and records
    /// store the code, and a municipality without a guideline names "covered" and "needs review" in its own words.
    /// </summary>
    public IReadOnlyDictionary<Outcome, string> OutcomeLabels { get; init; } = new Dictionary<Outcome, string>();

    /// <summary>The base pack this version builds on (e.g. <c>national/2023-04</c>: the law); null for a self-contained version.</summary>
    public string? Extends { get; init; }

    /// <summary>A base pack (<c>kind: base</c>): loaded only under the versions that extend it, never selected to judge a case.</summary>
    public bool IsBase { get; init; }

    public SourceMark? Mark { get; init; }

    public bool InForceOn(DateOnly date) =>
        (EffectiveFrom is null || date >= EffectiveFrom) && (EffectiveTo is null || date <= EffectiveTo);
}

/// <summary>
/// A complete, checked rule set of one version: facts, rules, guideline tables and registries.
/// Built by <c>RuleSetBuilder</c>; immutable.
/// </summary>
public sealed record RuleSetDefinition
{
    public required RuleSetVersion Version { get; init; }

    /// <summary>SHA-256 of the version's files, reported with every decision.</summary>
    public required string ContentHash { get; init; }

    public required IReadOnlyList<FactDefinition> Facts { get; init; }
    public required IReadOnlyList<RuleDefinition> Rules { get; init; }
    public required IReadOnlyList<TableDefinition> Tables { get; init; }
    public required OrganRegistry Organs { get; init; }
    public required FileRegistry Files { get; init; }

    public IEnumerable<CategoryDefinition> Categories => Tables.SelectMany(t => t.Categories);

    public FactDefinition? Fact(string name) => Facts.FirstOrDefault(f => f.Name == name);

    /// <summary>Priority of category rules: after the transfer is derived, before outcomes.</summary>
    public const int CategoryRulePriority = 95;

    /// <summary>
    /// A guideline category as the rule the engine runs: it concludes that the category fits when the item's transfer is its
    /// table's and its condition holds. The guideline's semantics (the fact <c>transfer</c>, the article and the sentence) are
    /// the model's, so the engine's core compiles it as any other rule.
    /// </summary>
    public RuleDefinition CategoryRule(TableDefinition table, CategoryDefinition category)
    {
        Condition when = category.When;
        if (table.Scope == FactScope.Item && Fact("transfer") is not null)
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
            Priority = CategoryRulePriority,
            When = when,
            Then = new ConcludeFit(category.Id),
            Explanation = $"{table.Id} No.{category.No}「{category.Wording}」に該当する。",
            Scope = table.Scope,
            Mark = category.Mark,
        };
    }

    /// <summary>The outcome's name in this version; its code where the version names none (a base pack alone).</summary>
    public string Label(Outcome outcome) => Version.OutcomeLabels.GetValueOrDefault(outcome) ?? outcome.Code();

    public CategoryDefinition? Category(string id) => Lookup().Categories.GetValueOrDefault(id);

    public TableDefinition? Table(string id) => Lookup().Tables.GetValueOrDefault(id);

    /// <summary>
    /// What <c>fits</c> names, as the conditions of which any one must hold: a whole table's categories, or one category;
    /// and whether they are judged per task. Null for a target that is neither.
    /// </summary>
    public (IReadOnlyList<Condition> AnyOf, FactScope Scope)? FitsTarget(string target) => Lookup().Targets.GetValueOrDefault(target);

    // The screening and its rationale look categories and tables up by id many times a case. The index belongs to the
    // table list, not to the record (so a copy made `with` other tables gets its own, and equality is untouched).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<TableDefinition>, TableIndex> Indexes = [];

    private TableIndex Lookup() => Indexes.GetValue(Tables, tables => new TableIndex(tables));

    private sealed class TableIndex
    {
        public TableIndex(IReadOnlyList<TableDefinition> tables)
        {
            // The first of a repeated id wins, as a search in order would find it (the loader refuses repeats anyway).
            foreach (var table in tables)
            {
                Tables.TryAdd(table.Id, table);
                foreach (var category in table.Categories)
                {
                    Categories.TryAdd(category.Id, category);
                }
            }
            foreach (var table in Tables.Values)
            {
                Targets[table.Id] = ([.. table.Categories.Select(c => c.When)], table.Scope);
            }
            foreach (var category in Categories.Values)
            {
                if (Tables.TryGetValue(category.Table, out var table))
                {
                    Targets.TryAdd(category.Id, ([category.When], table.Scope));
                }
            }
        }

        public Dictionary<string, (IReadOnlyList<Condition> AnyOf, FactScope Scope)> Targets { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, TableDefinition> Tables { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, CategoryDefinition> Categories { get; } = new(StringComparer.Ordinal);
    }
}
