using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;

namespace GuidelineEngine.Engine.Screening;

/// <summary>Screens one item: runs its session, then reads the decision and its rationale off the activations.</summary>
internal sealed class ItemScreening(CompiledRuleSet rules, IntakeItem item, string itemId, bool withRationale)
{
    private readonly RuleSetDefinition _definition = rules.Definition;
    private readonly ConditionExplainer _explainer = rules.Explainer;
    private Session _session = null!;

    public ItemDecision Decide()
    {
        var (frame, tasks) = IntakeFacts.Build(rules, item);
        // Without the rationale (batches, impact) the plan runs compiled from the first case on; with it (one case at the
        // command line, the web service) interpreted until the plan has been compiled in the background.
        _session = rules.OpenSession(frame, tasks, trace: false, withRationale ? PlanMode.Adaptive : PlanMode.Compiled);
        _session.Run();
        var index = DecisionIndex.Of(rules);

        // One pass over the activations: the decisive outcome (highest priority, then the first to fire), fits, flags. The lists
        // are made only when something goes in them.
        var activations = _session.Activations;
        Activation? decisive = null;
        List<(FittingCategory Category, int? Task)>? fitted = null;
        List<string>? flags = null;
        for (var a = 0; a < activations.Count; a++)
        {
            var activation = activations[a];
            switch (activation.Rule.Then)
            {
                case ConcludeOutcome when decisive is not { } known || activation.Rule.Priority > known.Rule.Priority:
                    decisive = activation;
                    break;
                case ConcludeFit fit:
                    (fitted ??= []).Add((index.Category(fit.CategoryId), activation.TaskIndex));
                    break;
                case RaiseFlag raise:
                    (flags ??= []).Add(raise.Flag);
                    break;
            }
        }
        var decidingRule = decisive?.Rule;
        var outcome = decidingRule is null ? Outcome.MoreInformationNeeded : ((ConcludeOutcome)decidingRule.Then).Outcome;
        var transfer = index.Transfer(frame);
        // A decision the guideline does not make (within purpose, a statute, consent, a prohibition) rests on no category and no
        // 号 of 第69条第2項: what fitted is not presented as its basis.
        var guidelineDecides = GuidelineDecides(outcome);
        var provision = guidelineDecides ? index.Provision(frame) : null;
        var fits = guidelineDecides && fitted is not null ? Ordered(fitted) : [];
        return new ItemDecision
        {
            ItemId = itemId,
            Outcome = outcome,
            DecidingRule = decidingRule?.Id,
            Article = decidingRule?.Article,
            // Codes are what records keep and reports count; the labels are the version's, looked up when shown.
            Transfer = transfer,
            Provision = provision,
            Primary = fits.Length > 0 ? fits[0] : null,
            Fits = fits,
            // Why each other category does not fit is part of the rationale.
            Misses = withRationale && guidelineDecides ? Misses(transfer, fits) : [],
            Claims = Claims(outcome, guidelineDecides, transfer, fits),
            Conditions = Bound(activations, outcome, index),
            Flags = flags ?? (IReadOnlyList<string>)[],
            // The questions say what is missing and why it matters: rationale too.
            Questions = decisive is null && withRationale ? Questions(fits) : [],
            Steps = withRationale ? Steps(activations, decisive, outcome) : [],
        };
    }

    // Task by task (the item's own fits first); within one, the primary first: the highest category priority, then the table
    // order (README). (A category fits a task, or the item, once: no two fits tie, so the sort needs no stability.)
    private static CategoryFit[] Ordered(List<(FittingCategory Category, int? Task)> fitted)
    {
        if (fitted.Count > 1)
        {
            fitted.Sort(static (a, b) =>
            {
                var byTask = (a.Task ?? -1).CompareTo(b.Task ?? -1);
                if (byTask != 0)
                {
                    return byTask;
                }
                var byPriority = b.Category.Priority.CompareTo(a.Category.Priority);
                return byPriority != 0 ? byPriority : a.Category.Order.CompareTo(b.Category.Order);
            });
        }
        var fits = new CategoryFit[fitted.Count];
        for (var f = 0; f < fits.Length; f++)
        {
            var (category, task) = fitted[f];
            fits[f] = task is null ? category.ItemFit : category.ItemFit with { TaskId = TaskId(task) };
        }
        return fits;
    }

    private IReadOnlyList<ClaimVerdict> Claims(Outcome outcome, bool guidelineDecides, string? transfer, CategoryFit[] fits)
    {
        var claimed = item.ClaimedCategories;
        if (claimed.Count == 0)
        {
            return [];
        }
        var verdicts = new ClaimVerdict[claimed.Count];
        for (var c = 0; c < verdicts.Length; c++)
        {
            verdicts[c] = guidelineDecides
                ? Claim(claimed[c], transfer, fits)
                : new ClaimVerdict(claimed[c], false, $"この申出は「{_definition.Label(outcome)}」であり、ガイドラインの類型では判断しない。");
        }
        return verdicts;
    }

    // Each condition binds under the outcomes its rule names, and cites its own source. (A second pass over the activations
    // once the outcome is known costs less than a list of the conditions met on the first.)
    private static IReadOnlyList<string> Bound(IReadOnlyList<Activation> activations, Outcome outcome, DecisionIndex index)
    {
        List<string>? bound = null;
        for (var a = 0; a < activations.Count; a++)
        {
            var rule = activations[a].Rule;
            if (rule.Then is BindCondition bind && bind.Outcomes.Contains(outcome))
            {
                (bound ??= []).Add(index.Cited(rule));
            }
        }
        return bound ?? (IReadOnlyList<string>)[];
    }

    // Why-not for every category of the table that matches the item's transfer; per task for an outsourcing task that fits none.
    private List<CategoryMiss> Misses(string? transfer, CategoryFit[] fits)
    {
        var misses = new List<CategoryMiss>();
        foreach (var table in _definition.Tables)
        {
            if (table.Transfer != transfer)
            {
                continue;
            }
            if (table.Scope == FactScope.Item)
            {
                foreach (var category in table.Categories)
                {
                    if (Array.TrueForAll(fits, f => f.CategoryId != category.Id))
                    {
                        misses.Add(Miss(category, null));
                    }
                }
                continue;
            }
            var frame = _session.Frame;
            var saved = frame.Task;
            for (var t = 0; t < frame.Tasks.Count; t++)
            {
                var taskId = TaskId(t);
                if (Array.Exists(fits, f => f.TaskId == taskId))
                {
                    continue;
                }
                frame.Task = frame.Tasks[t];
                foreach (var category in table.Categories)
                {
                    misses.Add(Miss(category, taskId));
                }
            }
            frame.Task = saved;
        }
        return misses;
    }

    private CategoryMiss Miss(CategoryDefinition category, string? taskId)
    {
        var (result, reasons) = _explainer.WhyNot(category.When, _session.Frame);
        return new CategoryMiss(category.Id, category.Wording, reasons, result == Truth.Unknown, taskId);
    }

    private ClaimVerdict Claim(string categoryId, string? transfer, CategoryFit[] fits)
    {
        var category = _definition.Category(categoryId);
        if (category is null)
        {
            return new ClaimVerdict(categoryId, false, $"類型 {categoryId} はこの版（{_definition.Version.Id}）にありません。");
        }
        if (fits.Any(f => f.CategoryId == categoryId))
        {
            return new ClaimVerdict(categoryId, true, $"申出のとおり {categoryId} に該当する。");
        }
        var table = _definition.Table(category.Table)!;
        if (transfer is null)
        {
            return new ClaimVerdict(categoryId, false,
                $"利用か提供か（区分）が不明なため、{categoryId} に該当するか判断できない。利用者・提供先と保有課を確認してください。");
        }
        if (table.Transfer != transfer)
        {
            var transfers = rules.Layout.Definition("transfer");
            return new ClaimVerdict(categoryId, false,
                $"この申出は「{transfers.LabelOf(transfer)}」にあたるため、{table.Id}（{transfers.LabelOf(table.Transfer)}）の類型は使えない。");
        }
        var frame = _session.Frame;
        var saved = frame.Task;
        if (table.Scope == FactScope.Task)
        {
            var failing = Enumerable.Range(0, frame.Tasks.Count).FirstOrDefault(t => fits.All(f => f.TaskId != TaskId(t) || f.CategoryId != categoryId));
            frame.Task = frame.Tasks.Count > 0 ? frame.Tasks[failing] : [];
        }
        var miss = Miss(category, null);
        frame.Task = saved;
        return new ClaimVerdict(categoryId, false, $"{categoryId} に該当しない: {string.Join("。", miss.Reasons)}");
    }

    // The facts that stand between the item and an outcome, in the order of the fact catalogue.
    private List<Question> Questions(CategoryFit[] fits)
    {
        var questions = new List<Question>();
        foreach (var name in rules.Missing.Find(_session.Frame, _session.RuleStates).OrderBy(rules.CatalogueOrder))
        {
            var fact = rules.Layout.Definition(name);
            if (fact.Scope == FactScope.Task)
            {
                for (var t = 0; t < _session.Frame.Tasks.Count; t++)
                {
                    // A task that already fits a category is settled: ask only about the others.
                    if (_session.Frame.Tasks[t][rules.Layout[name].Slot] is null && fits.All(f => f.TaskId != TaskId(t)))
                    {
                        questions.Add(new Question(name, fact.Label, $"作業{t + 1}: {fact.Question}", fact.Help, fact.Values, TaskId(t)));
                    }
                }
                if (_session.Frame.Tasks.Count == 0)
                {
                    questions.Add(new Question("tasks", "委託する作業", "委託する作業を1つ以上挙げてください。", null, []));
                }
                continue;
            }
            questions.Add(new Question(name, fact.Label, fact.Question ?? fact.Label, fact.Help, fact.Values));
        }
        return questions;
    }

    // Where the guideline does not decide, neither the categories that fitted nor the 号 they would rest on are its reasons.
    private List<RationaleStep> Steps(IReadOnlyList<Activation> activations, Activation? decisive, Outcome outcome)
    {
        var steps = new List<RationaleStep>(activations.Count + 1);
        bool Shown(Activation a) => a.Rule.Then switch
        {
            ConcludeOutcome => a == decisive,
            ConcludeFit or AssertFact { Fact: "legal.basis" } => GuidelineDecides(outcome),
            BindCondition bind => bind.Outcomes.Contains(outcome),
            _ => true,
        };
        foreach (var activation in activations.Where(Shown))
        {
            var rule = activation.Rule;
            var frame = _session.Frame;
            var saved = frame.Task;
            if (activation.TaskIndex is { } t)
            {
                frame.Task = frame.Tasks[t];
            }
            var facts = _explainer.FactsUsed(rules.ConditionOf(rule), frame);
            var sentence = rules.Sentence(rule).Fill(frame.Item);
            if (rule.Then is ConcludeOutcome { Unless.Count: > 0 } concluded)
            {
                sentence += $"（例外にあたらないことを確認: {string.Join("、", concluded.Unless)}）";
            }
            frame.Task = saved;
            steps.Add(new RationaleStep
            {
                Order = steps.Count + 1,
                RuleId = rule.Id,
                Kind = rule.Kind,
                Article = rule.Article,
                Sentence = sentence,
                Facts = facts,
                ItemId = itemId,
                TaskId = TaskId(activation.TaskIndex),
            });
        }
        if (decisive is null)
        {
            steps.Add(new RationaleStep
            {
                Order = steps.Count + 1,
                RuleId = "情報不足",
                Kind = RuleKind.Outcome,
                Article = "法第69条",
                Sentence = "結論を左右する事実が不明なため、結論を出せない。質問に答えてください。",
                ItemId = itemId,
            });
        }
        return steps;
    }

    private static bool GuidelineDecides(Outcome outcome) =>
        outcome is Outcome.Covered or Outcome.NeedsReview or Outcome.MoreInformationNeeded;

    private static string? TaskId(int? index) =>
        index is { } i ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
