using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FluentValidation;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Validation;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Loading;

/// <summary>
/// Collects what the front end read, then <see cref="Build"/> checks it as a whole — duplicate ids,
/// unknown facts, categories, organs or files, cycles, categories no rule can ever conclude —
/// and returns an immutable <see cref="RuleSetDefinition"/>. A missing name is an error here, not later.
/// </summary>
public sealed partial class RuleSetBuilder
{
    private readonly List<(RuleSetVersion Version, string Path)> _versions = [];
    private readonly List<FactDefinition> _facts = [];
    private readonly List<RuleDefinition> _rules = [];
    private readonly List<TableDefinition> _tables = [];
    private readonly List<OrganDefinition> _organs = [];
    private readonly List<FileDefinition> _files = [];
    private readonly ConditionalWeakTable<object, string> _paths = [];
    private readonly DiagnosticBag _diagnostics = new();
    // The intake fields the catalogue declares, registered once the rule set is known to load.
    private readonly List<Func<string?>> _declared = [];
    // What the base pack defined: an extension adds to it, never redefines it (the law stays one edit in the base).
    private readonly HashSet<object> _fromBase = new(ReferenceEqualityComparer.Instance);
    // An extension's restatements of the base's words, applied before anything is checked.
    private readonly List<(FactWording Wording, string Path, bool InBase)> _factWordings = [];
    private readonly List<(RuleWording Wording, string Path, bool InBase)> _ruleWordings = [];
    private RuleSetVersion? _base;
    private bool _readingBase;

    /// <summary>Everything added until <see cref="EndBase"/> belongs to the base pack the version extends.</summary>
    public void BeginBase() => _readingBase = true;
    public void EndBase() => _readingBase = false;

    public void SetVersion(RuleSetVersion version, string path)
    {
        if (_readingBase)
        {
            _base = version;
            return;
        }
        Track(_versions, (version, path), version, path);
    }
    public void AddFact(FactDefinition? fact, string path) { if (fact is not null) { Track(_facts, fact, fact, path); } }
    public void AddRule(RuleDefinition rule, string path) => Track(_rules, rule, rule, path);
    public void AddTable(TableDefinition table, string path)
    {
        Track(_tables, table, table, path);
        for (var i = 0; i < table.Categories.Count; i++)
        {
            _paths.AddOrUpdate(table.Categories[i], $"{path}.categories[{i}]");
            if (_readingBase)
            {
                _fromBase.Add(table.Categories[i]);
            }
        }
    }
    public void RestateFact(FactWording wording, string path) => _factWordings.Add((wording, path, _readingBase));
    public void RestateRule(RuleWording wording, string path) => _ruleWordings.Add((wording, path, _readingBase));
    public void AddOrgan(OrganDefinition organ, string path) => Track(_organs, organ, organ, path);
    public void AddFile(FileDefinition file, string path) => Track(_files, file, file, path);

    /// <summary>Checks everything collected; throws <see cref="InputException"/> listing every error.</summary>
    public RuleSetDefinition Build(string contentHash, string rootName)
    {
        if (_versions.Count != 1)
        {
            _diagnostics.Add(new Diagnostic(rootName, 0, 0, "version",
                _versions.Count == 0 ? "版の定義（version）がありません。" : "版の定義（version）が複数のファイルにあります。"));
            throw new InputException([.. _diagnostics.Items]);
        }
        var version = _versions[0].Version;
        Validate(VersionValidator, version, version.Mark);
        CheckBase(version);
        if (_base is not null)
        {
            // The law's omissions are every extension's omissions: listed first, as the law comes first.
            version = version with { NotModelled = [.. _base.NotModelled, .. version.NotModelled] };
            // The law names every outcome; a municipality renames what is its own (covered, needs review).
            version = version with
            {
                OutcomeLabels = _base.OutcomeLabels.Where(l => !version.OutcomeLabels.ContainsKey(l.Key)).Concat(version.OutcomeLabels).ToDictionary(),
            };
        }
        if (!version.IsBase)
        {
            CheckOutcomeLabels(version);
        }
        ApplyWording();
        foreach (var fact in _facts)
        {
            Validate(FactValidator, fact, fact.Mark);
        }
        foreach (var rule in _rules)
        {
            Validate(RuleValidator, rule, rule.Mark);
        }
        foreach (var table in _tables)
        {
            Validate(TableValidator, table, table.Mark);
        }
        foreach (var file in _files)
        {
            Validate(FileValidator, file, file.Mark);
        }

        var facts = Unique(_facts, f => f.Name, f => f.Mark, "事実", "name");
        Unique(_rules, r => r.Id, r => r.Mark, "規則", "id");
        Unique(_tables, t => t.Id, t => t.Mark, "別表", "id");
        var categories = Unique(_tables.SelectMany(t => t.Categories).ToList(), c => c.Id, c => c.Mark, "類型", "id");
        Unique(_organs, o => o.Id, o => o.Mark, "行政機関", "id");
        Unique(_files, f => f.Name, f => f.Mark, "個人情報ファイル", "name");

        var context = new ConditionChecker(facts, _tables.ToDictionary(t => t.Id), categories, Report);
        CheckRules(facts, context);
        CheckTables(facts, context);
        var organs = new OrganRegistry(_organs);
        CheckRegistries(organs);
        _diagnostics.ThrowIfAny();
        // Only a rule set that loads makes its fields readable: a refused one leaves the intake format as it was.
        foreach (var declare in _declared)
        {
            declare();
        }

        return new RuleSetDefinition
        {
            Version = version,
            ContentHash = contentHash,
            Facts = [.. _facts],
            Rules = [.. _rules],
            Tables = [.. _tables],
            Organs = organs,
            Files = new FileRegistry([.. _files]),
        };
    }

    // An extension says the law in its own terms (its guideline's tables, its offices): it restates the words staff read, never
    // a condition or a conclusion, so the law stays one edit in the base.
    private void ApplyWording()
    {
        var factNames = _facts.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
        foreach (var (wording, path, inBase) in _factWordings)
        {
            var index = Restated(_facts, f => f.Name == wording.Name, "事実", wording.Name, wording.Mark, path, "name", inBase, seen);
            if (index < 0)
            {
                continue;
            }
            var fact = _facts[index];
            var values = fact.Values.ToList();
            foreach (var value in wording.Values)
            {
                var at = values.FindIndex(v => v.Value == value.Value);
                if (at < 0)
                {
                    _diagnostics.Add(value.Mark, "", $"{value.Path}.value", $"事実「{fact.Name}」に値「{value.Value}」はありません（ある値: {string.Join(", ", fact.Values.Select(v => v.Value))}）。");
                    continue;
                }
                values[at] = values[at] with { Label = value.Label };
            }
            Replace(_facts, index, fact with
            {
                Label = wording.Label ?? fact.Label,
                Question = wording.Question ?? fact.Question,
                Help = wording.Help ?? fact.Help,
                Values = values,
            });
        }
        foreach (var (wording, path, inBase) in _ruleWordings)
        {
            var index = Restated(_rules, r => r.Id == wording.Id, "規則", wording.Id, wording.Mark, path, "id", inBase, seen);
            if (index < 0)
            {
                continue;
            }
            var rule = _rules[index];
            var explain = wording.Explain;
            if (explain is not null && rule.Kind is not (RuleKind.Derivation or RuleKind.Outcome))
            {
                _diagnostics.Add(wording.Mark, "", $"{path}.explain", $"規則「{rule.Id}」は導出・結論の規則ではないため、explain を言い直せません。");
                explain = null;
            }
            foreach (Match match in Placeholder().Matches(explain ?? ""))
            {
                if (!factNames.Contains(match.Groups[1].Value))
                {
                    _diagnostics.Add(wording.Mark, "", $"{path}.explain", $"説明文の「{{{match.Groups[1].Value}}}」は未知の事実です。");
                    explain = null;
                }
            }
            Replace(_rules, index, rule with
            {
                Article = wording.Article ?? rule.Article,
                Description = wording.Description ?? rule.Description,
                Explanation = explain ?? rule.Explanation,
            });
        }
    }

    // The index of the base definition a restatement names, or -1 after reporting why it names none.
    private int Restated<T>(List<T> items, Predicate<T> named, string what, string id, SourceMark mark, string path, string keyField, bool inBase,
        Dictionary<string, SourceMark> seen)
    {
        var index = items.FindIndex(named);
        string? refused = _base is null || inBase ? "wording で言い直せるのは、基本パックを拡張する版（version.extends）だけです。"
            : index < 0 ? $"基本パック {_base.Id} に{what}「{id}」はありません。"
            : !_fromBase.Contains(items[index]!) ? $"{what}「{id}」はこの版で定義しています。wording ではなく、その定義の文言を直してください。"
            : !seen.TryAdd($"{what}:{id}", mark) ? $"{what}「{id}」の言い直しが重複しています（最初の言い直し: {seen[$"{what}:{id}"]}）。"
            : null;
        if (refused is null)
        {
            return index;
        }
        _diagnostics.Add(mark, "", $"{path}.{keyField}", refused);
        return -1;
    }

    // The restated definition takes the base's place: its position (the catalogue's order is the questions' order) and path.
    private void Replace<T>(List<T> items, int index, T restated) where T : class
    {
        var original = items[index];
        items[index] = restated;
        _fromBase.Add(restated);
        if (_paths.TryGetValue(original, out var path))
        {
            _paths.AddOrUpdate(restated, path);
        }
    }

    private void CheckRules(Dictionary<string, FactDefinition> facts, ConditionChecker checker)
    {
        var outcomes = _rules.Where(r => r.Then is ConcludeOutcome).ToDictionary(r => r.Id, r => r, StringComparer.Ordinal);
        foreach (var rule in _rules)
        {
            checker.Check(rule.When, rule, FactScope.Item, $"{PathOf(rule)}.when");
            CheckExplanation(rule, facts);
            switch (rule.Then)
            {
                case AssertFact assert:
                    CheckAssert(rule, assert, facts);
                    break;
                case ConcludeOutcome outcome:
                    foreach (var id in outcome.Unless.Where(id => !outcomes.ContainsKey(id)))
                    {
                        Report(rule, "unless", $"例外に挙げた「{id}」という結論の規則がありません。");
                    }
                    break;
            }
        }
        foreach (var fact in facts.Values.Where(f => f.Source == FactSource.Derived))
        {
            if (!_rules.Any(r => r.Then is AssertFact a && a.Fact == fact.Name))
            {
                Report(fact, "name", $"導かれる事実「{fact.Name}」を導く規則がありません。");
            }
        }
        CheckDerivableIntakeFacts(facts);
        CheckExceptionCycles(outcomes);
    }

    private void CheckAssert(RuleDefinition rule, AssertFact assert, Dictionary<string, FactDefinition> facts)
    {
        if (!facts.TryGetValue(assert.Fact, out var target))
        {
            Report(rule, "then", $"未知の事実「{assert.Fact}」です。");
        }
        else if (target.Source != FactSource.Derived && target.DerivedFrom is not { Count: > 0 })
        {
            Report(rule, "then", $"事実「{assert.Fact}」は申出から得る事実であり、規則では導けません（source: derived にするか、derived_from に導く元の事実を挙げてください）。");
        }
        else if (target.Source == FactSource.Intake && rule.When.Facts().FirstOrDefault(f => !target.DerivedFrom!.Contains(f)) is { } other)
        {
            Report(rule, "when", $"事実「{assert.Fact}」を導く規則が「{other}」を読んでいますが、その事実の derived_from にありません。");
        }
        else if (!ConditionChecker.Accepts(target, assert.Value))
        {
            Report(rule, "then", $"事実「{assert.Fact}」に「{assert.Value}」は使えません。");
        }
    }

    // Every intake fact says what it can be derived from (the catalogue is the list a reviewer reads), and each fact it names
    // there is concluded from by some derivation: a declaration no rule carries out would promise what the engine does not do.
    private void CheckDerivableIntakeFacts(Dictionary<string, FactDefinition> facts)
    {
        foreach (var fact in facts.Values.Where(f => f.Follows is not null))
        {
            if (!facts.TryGetValue(fact.Follows!.Fact, out var followed) || followed.Type != FactType.Bool || followed.Source != FactSource.Intake)
            {
                Report(fact, "follows", $"「{fact.Follows.Fact}」は申出から得る「はい／いいえ」の事実ではありません（follows が指せるのはそれだけです）。");
            }
        }
        DeclareFields(facts);
        foreach (var fact in facts.Values.Where(f => f.Source == FactSource.Intake))
        {
            if (fact.DerivedFrom is null)
            {
                Report(fact, "derived_from", $"申出から得る事実「{fact.Name}」に、導く元になる事実（derived_from）を書いてください（導けないときは []）。");
                continue;
            }
            foreach (var source in fact.DerivedFrom)
            {
                if (!facts.ContainsKey(source))
                {
                    Report(fact, "derived_from", $"未知の事実「{source}」です。");
                }
                else if (!_rules.Any(r => r.Then is AssertFact a && a.Fact == fact.Name && r.When.Facts().Contains(source)))
                {
                    Report(fact, "derived_from", $"「{source}」から「{fact.Name}」を導く規則がありません。");
                }
            }
        }
    }

    // A fact the C# model has no field for names its intake field (field:), and that declaration alone lets the intake be read,
    // checked, asked, stored and screened (IntakeFields). Only a yes/no, a number, an enum or text fits in one field.
    private void DeclareFields(Dictionary<string, FactDefinition> facts)
    {
        foreach (var fact in facts.Values)
        {
            if (fact.Field is not { } path)
            {
                if (fact.Source == FactSource.Intake && fact.Name != "item.kind" && IntakeFields.OfFact(fact.Name) is null)
                {
                    Report(fact, "field", $"申出から得る事実「{fact.Name}」を埋める申出の項目がありません。field に項目のキーを書いてください。");
                }
                continue;
            }
            IntakeFieldType? type = fact.Type switch
            {
                FactType.Bool => IntakeFieldType.Bool,
                FactType.Number => IntakeFieldType.Number,
                FactType.Enum or FactType.Text => IntakeFieldType.Text,
                _ => null,
            };
            if (fact.Source != FactSource.Intake || type is null)
            {
                Report(fact, "field", "field を書けるのは、申出から得る bool・number・enum・text の事実だけです。");
                continue;
            }
            var task = path.StartsWith(IntakeFields.TaskPrefix, StringComparison.Ordinal);
            if (task != (fact.Scope == FactScope.Task))
            {
                Report(fact, "field", $"作業ごとの事実（scope: task）の field は tasks[]. で始め、項目の事実の field は始めないでください（「{path}」）。");
                continue;
            }
            var follows = fact.Follows is { } f ? (f.Fact, f.Value) : ((string, bool)?)null;
            if (IntakeFields.Declare(path, fact.Name, fact.FieldItems, type.Value, follows, register: false) is { } refused)
            {
                Report(fact, "field", refused);
            }
            else
            {
                _declared.Add(() => IntakeFields.Declare(path, fact.Name, fact.FieldItems, type.Value, follows));
            }
        }
    }

    private void CheckExplanation(RuleDefinition rule, Dictionary<string, FactDefinition> facts)
    {
        foreach (Match match in Placeholder().Matches(rule.Explanation))
        {
            if (!facts.ContainsKey(match.Groups[1].Value))
            {
                Report(rule, rule.Kind == RuleKind.Outcome || rule.Kind == RuleKind.Derivation ? "explain" : "text",
                    $"説明文の「{{{match.Groups[1].Value}}}」は未知の事実です。");
            }
        }
    }

    private void CheckExceptionCycles(Dictionary<string, RuleDefinition> outcomes)
    {
        var state = new Dictionary<string, int>();
        foreach (var id in outcomes.Keys)
        {
            Visit(id, []);
        }

        void Visit(string id, List<string> trail)
        {
            if (state.GetValueOrDefault(id) == 2 || !outcomes.TryGetValue(id, out var rule))
            {
                return;
            }
            if (state.GetValueOrDefault(id) == 1)
            {
                Report(rule, "unless", $"例外が循環しています: {string.Join(" → ", trail.SkipWhile(t => t != id).Append(id))}");
                return;
            }
            state[id] = 1;
            trail.Add(id);
            foreach (var next in ((ConcludeOutcome)rule.Then).Unless)
            {
                Visit(next, trail);
            }
            trail.RemoveAt(trail.Count - 1);
            state[id] = 2;
        }
    }

    private void CheckTables(Dictionary<string, FactDefinition> facts, ConditionChecker checker)
    {
        var transfer = facts.GetValueOrDefault("transfer");
        foreach (var table in _tables)
        {
            if (transfer is not null && !ConditionChecker.Accepts(transfer, table.Transfer))
            {
                Report(table, "transfer", $"区分「{table.Transfer}」は事実 transfer の値にありません。");
            }
            var used = _rules.Any(r => r.Kind == RuleKind.Outcome && r.When.Targets()
                .Any(t => t == table.Id || table.Categories.Any(c => c.Id == t)));
            if (!used)
            {
                Report(table, "id", $"{table.Id} の類型を結論に使う規則がありません（fits: {table.Id} を使う結論の規則を書いてください）。");
            }
            foreach (var category in table.Categories)
            {
                var path = PathOf(category);
                checker.Check(category.When, category, table.Scope, $"{path}.when");
                if (!checker.Satisfiable(category.When))
                {
                    _diagnostics.Add(category.Mark, "", $"{path}.when",
                        $"類型 {category.Id} の条件は、どの事実の組合せでも満たせません（矛盾する条件または定義にない値）。");
                }
            }
        }
    }

    private void CheckRegistries(OrganRegistry organs)
    {
        var seen = new Dictionary<string, string>();
        foreach (var organ in _organs)
        {
            foreach (var department in organ.Departments)
            {
                foreach (var name in department.Aliases.Prepend(department.Name))
                {
                    if (seen.TryGetValue(NameKey.Of(name), out var other) && other != organ.Id)
                    {
                        _diagnostics.Add(department.Mark, "", $"{PathOf(organ)}.departments",
                            $"部「{name}」が複数の行政機関（{other}、{organ.Id}）にあります。");
                    }
                    seen[NameKey.Of(name)] = organ.Id;
                }
            }
        }
        foreach (var file in _files)
        {
            if (organs.Find(file.Holder) is null)
            {
                Report(file, "holder", $"保有課「{file.Holder}」が行政機関の登録簿（organs）にありません。");
            }
        }
    }

    private Dictionary<string, T> Unique<T>(IReadOnlyList<T> items, Func<T, string> key, Func<T, SourceMark?> mark, string what, string keyField)
        where T : class
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!result.TryAdd(key(item), item))
            {
                var original = result[key(item)];
                var first = mark(original);
                if (_fromBase.Contains(original) && !_fromBase.Contains(item))
                {
                    _diagnostics.Add(mark(item), "", $"{PathOf(item)}.{keyField}",
                        $"{what}「{key(item)}」は基本パック {_base!.Id} で定義されています。拡張する版では定義し直せません。別の id で加えてください（基本の定義: {first}）。");
                    continue;
                }
                _diagnostics.Add(mark(item), "", PathOf(item), $"{what}の id「{key(item)}」が重複しています（最初の定義: {first}）。");
            }
        }
        return result;
    }

    // Validators hold no state once built, and building one per definition cost more than validating it.
    private static readonly RuleSetVersionValidator VersionValidator = new();
    private static readonly FactDefinitionValidator FactValidator = new();
    private static readonly RuleDefinitionValidator RuleValidator = new();
    private static readonly TableDefinitionValidator TableValidator = new();
    private static readonly FileDefinitionValidator FileValidator = new();

    private void Validate<T>(IValidator<T> validator, T value, SourceMark? mark) where T : class
    {
        foreach (var failure in validator.Validate(value).Errors)
        {
            _diagnostics.Add(mark, "", $"{PathOf(value)}.{YamlField.FromMember(failure.PropertyName)}", failure.ErrorMessage);
        }
    }

    // Conditions carry no path of their own: the checker passes the full path as the field.
    private void Report(object owner, string field, string message)
    {
        var path = PathOf(owner);
        _diagnostics.Add(MarkOf(owner), "", path.Length == 0 ? field : $"{path}.{field}", message);
    }

    private static SourceMark? MarkOf(object owner) => owner switch
    {
        RuleDefinition r => r.Mark,
        FactDefinition f => f.Mark,
        TableDefinition t => t.Mark,
        CategoryDefinition c => c.Mark,
        FileDefinition f => f.Mark,
        OrganDefinition o => o.Mark,
        Condition c => c.Mark,
        _ => null,
    };

    private string PathOf(object owner) => _paths.TryGetValue(owner, out var path) ? path : "";

    // A version extends at most one base, and that base extends nothing: one level keeps "where is this rule" a single answer.
    // Staff read outcomes by name: a version that judges cases names each of them (or its base does).
    private void CheckOutcomeLabels(RuleSetVersion version)
    {
        var missing = System.Enum.GetValues<Outcome>().Where(o => !version.OutcomeLabels.ContainsKey(o)).Select(o => o.Code()).ToList();
        if (missing.Count > 0)
        {
            _diagnostics.Add(version.Mark, "", "version.outcome_labels", $"結論の名前がありません: {string.Join(", ", missing)}。version.yaml の outcome_labels（または基本パックの）に書いてください。");
        }
    }

    private void CheckBase(RuleSetVersion version)
    {
        if (version.IsBase && version.Extends is not null)
        {
            _diagnostics.Add(version.Mark, "", "version.extends", "基本パック（kind: base）は他の版を拡張できません。");
        }
        if (_base is not null && !_base.IsBase)
        {
            _diagnostics.Add(version.Mark, "", "version.extends", $"拡張できるのは基本パック（kind: base）だけです。「{_base.Id}」は基本パックではありません。");
        }
    }

    private void Track<T>(List<T> list, T item, object key, string path)
    {
        if (_readingBase)
        {
            _fromBase.Add(key);
        }
        list.Add(item);
        _paths.AddOrUpdate(key, path);
    }

    [GeneratedRegex(@"\{([a-z_.]+)\}")]
    private static partial Regex Placeholder();
}
