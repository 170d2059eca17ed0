using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Engine.Interview;

/// <summary>
/// What the interview reads off a rule-set version once: how decisive each intake fact is (the highest priority of the
/// outcome rules that read it, through derivations and categories), the clause to quote where the catalogue has no help,
/// and the literals the rules compare a text or number fact with (to probe such questions).
/// </summary>
internal sealed class QuestionProfile
{
    /// <summary>The pseudo-fact asked when an outsourcing names no task (ItemScreening asks for it under this name).</summary>
    public const string TasksFact = "tasks";

    private readonly Dictionary<string, int> _rank = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _order = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _help = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<object>> _operands = new(StringComparer.Ordinal);
    private readonly RuleSetDefinition _definition;

    public QuestionProfile(CompiledRuleSet rules)
    {
        Rules = rules;
        Probe = new ItemProbe(rules);
        _definition = rules.Definition;
        for (var i = 0; i < _definition.Facts.Count; i++)
        {
            _order[_definition.Facts[i].Name] = i;
        }
        foreach (var rule in _definition.Rules.Where(r => r.Then is ConcludeOutcome))
        {
            foreach (var fact in Closure(Reads(rule.When)))
            {
                _rank[fact] = Math.Max(_rank.GetValueOrDefault(fact, int.MinValue), rule.Priority);
            }
        }
        var conditions = _definition.Rules.Select(r => r.When).Concat(_definition.Categories.Select(c => c.When));
        foreach (var test in conditions.SelectMany(c => c.Tests()))
        {
            if (test.Operand is string or decimal)
            {
                var list = _operands.TryGetValue(test.Fact, out var found) ? found : _operands[test.Fact] = [];
                if (!list.Contains(test.Operand))
                {
                    list.Add(test.Operand);
                }
            }
        }
        foreach (var fact in _definition.Facts.Select(f => f.Name).Append(TasksFact))
        {
            _help[fact] = QuoteHelp(fact);
        }
    }

    public CompiledRuleSet Rules { get; }

    /// <summary>Screens an item's facts for the outcome and the questions only.</summary>
    public ItemProbe Probe { get; }

    /// <summary>How decisive a fact is: the highest priority among the outcome rules that read it (the task kind for <c>tasks</c>).</summary>
    public int Rank(string fact) => _rank.GetValueOrDefault(fact == TasksFact ? "task.kind" : fact, int.MinValue);

    /// <summary>The fact's place in the catalogue.</summary>
    public int Order(string fact) => _order.GetValueOrDefault(fact == TasksFact ? "task.kind" : fact, int.MaxValue);

    /// <summary>The catalogue's help, else the clause of the categories or outcome rules that read the fact, quoted.</summary>
    public string? Help(string fact) => _help.GetValueOrDefault(fact);

    private string? QuoteHelp(string fact)
    {
        var name = fact == TasksFact ? "task.kind" : fact;
        if (_definition.Fact(name)?.Help is { } help)
        {
            return help;
        }
        var quotes = _definition.Tables
            .SelectMany(t => t.Categories.Where(c => c.When.Tests().Any(x => x.Fact == name)).Select(c => $"{t.Id} No.{c.No}「{c.Wording}」"))
            .Take(3)
            .ToList();
        if (quotes.Count == 0)
        {
            quotes = _definition.Rules
                .Where(r => r.Then is ConcludeOutcome && r.Description is not null && r.When.Tests().Any(x => x.Fact == name))
                .Select(r => $"{r.Article}: {r.Description}")
                .Take(2)
                .ToList();
        }
        return quotes.Count == 0 ? null : string.Join("／", quotes);
    }

    /// <summary>
    /// The answers tried to see whether a question matters: every choice of a bool or enum; for text and numbers, leaving it
    /// (null) and representative values — a section of each organ for a section question, the rules' literals and a filled
    /// value for other text, the rules' thresholds and their neighbours for a number.
    /// </summary>
    public IReadOnlyList<object?> Probes(InterviewQuestion question)
    {
        switch (question.Type)
        {
            case FactType.Bool:
                return [true, false];
            case FactType.Enum:
                return question.Choices.Select(c => (object?)c.Value).ToList();
            case FactType.Number:
            {
                var thresholds = _operands.GetValueOrDefault(question.Fact, []).OfType<decimal>().ToList();
                var values = thresholds.SelectMany(t => new[] { t - 1, t, t + 1 }).Where(v => v >= 0).Append(0m).Distinct();
                return values.Select(v => (object?)v).Prepend(null).ToList();
            }
            case FactType.Text when IntakeFacts.SectionFacts.Contains(question.Fact):
                // One section per organ: which organ holds or receives decides use or provision.
                return _definition.Organs.Organs
                    .Where(o => o.Departments.Count > 0)
                    .Select(o => (object?)o.Departments[0].Name)
                    .Prepend(null)
                    .ToList();
            case FactType.Text:
            {
                var literals = _operands.GetValueOrDefault(question.Fact, []).OfType<string>().Where(s => !string.IsNullOrWhiteSpace(s));
                return literals.Append("（記入あり）").Distinct().Select(s => (object?)s).Prepend(null).ToList();
            }
            default:
                return [];
        }
    }

    // The facts a condition reads: a category test reads its categories' conditions and the transfer they belong to.
    private IEnumerable<string> Reads(Condition condition) =>
        condition.Targets().Any() ? condition.FactsRead(_definition).Append("transfer") : condition.FactsRead(_definition);

    // Derived facts stand for the facts their derivations read, recursively.
    private HashSet<string> Closure(IEnumerable<string> facts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(facts);
        while (pending.TryPop(out var fact))
        {
            if (!seen.Add(fact))
            {
                continue;
            }
            foreach (var rule in _definition.Rules.Where(r => r.Then is AssertFact a && a.Fact == fact))
            {
                foreach (var read in Reads(rule.When))
                {
                    pending.Push(read);
                }
            }
        }
        return seen;
    }
}
