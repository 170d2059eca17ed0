using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// The one walker's readings agree with each other over generated fact frames (declared values, and null for unknown): its
/// evaluation (the interpreted plan), its why-not (the rationale) and the compiled form of the same condition give the same
/// truth; and a session run by the walker and by the plan's compiled delegate fires the same rules and concludes the same facts.
/// </summary>
public sealed class CompiledAndExplainedAgreementTests
{
    private const int Frames = 300;

    public static TheoryData<string> VersionIdsToCheck => [VersionIds.Current, VersionIds.PreAct];

    [Theory]
    [MemberData(nameof(VersionIdsToCheck))]
    public void CompiledInterpretedAndExplained_EveryCategoryCondition_Agree(string versionId)
    {
        // Arrange
        var (definition, rules) = Parts(versionId);
        var categories = definition.Tables.SelectMany(t => t.Categories.Select(c => (Category: c, t.Scope))).ToList();
        var compiled = categories.Select(c => ConditionCompiler.Compile(definition, rules.Layout, c.Category.When)).ToList();
        var random = new Random(20230401);
        var seen = new HashSet<Truth>();

        for (var n = 0; n < Frames; n++)
        {
            var frame = FactFrames.Generate(rules.Layout, definition, random);
            for (var i = 0; i < categories.Count; i++)
            {
                // A per-task category is judged with one task current.
                frame.Task = categories[i].Scope == FactScope.Task ? FactFrames.Task(rules.Layout, random) : [];

                // Act
                var fast = compiled[i](frame);
                var interpreted = rules.Evaluate(categories[i].Category.When, frame);
                var explained = rules.Explainer.WhyNot(categories[i].Category.When, frame).Result;

                // Assert
                interpreted.Should().Be(fast, $"{categories[i].Category.Id} on frame {n}");
                explained.Should().Be(fast, $"{categories[i].Category.Id} on frame {n}");
                seen.Add(fast);
            }
        }
        seen.Order().Should().Equal([Truth.False, Truth.True, Truth.Unknown], "the frames should reach every truth value");
    }

    [Theory]
    [MemberData(nameof(VersionIdsToCheck))]
    public void CompiledInterpretedAndExplained_EveryRuleAndTableFit_Agree(string versionId)
    {
        // Arrange: rule conditions (outcomes with their exceptions) and whole-table fits, tasks included.
        var (definition, rules) = Parts(versionId);
        var conditions = definition.Rules
            .Select(r => (Name: r.Id, Condition: r.Then is ConcludeOutcome ? CompiledRuleSet.Holds(r, definition) : r.When))
            .Concat(definition.Tables.Select(t => (Name: t.Id, Condition: (Condition)new Fits(t.Id))))
            .ToList();
        var compiled = conditions.Select(c => ConditionCompiler.Compile(definition, rules.Layout, c.Condition)).ToList();
        var random = new Random(19);

        for (var n = 0; n < Frames; n++)
        {
            var frame = FactFrames.Generate(rules.Layout, definition, random);
            for (var i = 0; i < conditions.Count; i++)
            {
                // Act
                var fast = compiled[i](frame);
                var interpreted = rules.Evaluate(conditions[i].Condition, frame);
                var explained = rules.Explainer.WhyNot(conditions[i].Condition, frame).Result;

                // Assert
                interpreted.Should().Be(fast, $"{conditions[i].Name} on frame {n}");
                explained.Should().Be(fast, $"{conditions[i].Name} on frame {n}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(VersionIdsToCheck))]
    public void InterpretedAndCompiledPlan_OverGeneratedFrames_FireTheSameRulesAndConcludeTheSameFacts(string versionId)
    {
        // Arrange: intake facts at random, derived facts left for the rules to conclude.
        var (definition, rules) = Parts(versionId);
        var random = new Random(23);
        var fired = 0;

        for (var n = 0; n < Frames; n++)
        {
            var (item, tasks) = IntakeFrame(rules, definition, random);

            // Act
            var interpreted = Run(rules, item, tasks, PlanMode.Interpreted);
            var compiled = Run(rules, item, tasks, PlanMode.Compiled);

            // Assert
            compiled.Should().BeEquivalentTo(interpreted, o => o.WithStrictOrdering(), $"frame {n}");
            fired += interpreted.Activations.Count;
        }
        fired.Should().BeGreaterThan(Frames, "the frames should make rules fire");
    }

    [Fact]
    public void AdaptiveSessions_AfterAFewInterpretedRuns_RunThePlanCompiledAndAgree()
    {
        // Arrange
        var (definition, rules) = Parts(VersionIds.Current);
        var random = new Random(29);
        var frames = Enumerable.Range(0, RulePlan.CompileAfter).Select(_ => IntakeFrame(rules, definition, random)).ToList();
        var expected = frames.Select(f => Run(rules, f.Item, f.Tasks, PlanMode.Interpreted)).ToList();

        // Act: the first runs interpret and, at the threshold, have the plan compiled in the background.
        var early = frames.Select(f => Run(rules, f.Item, f.Tasks, PlanMode.Adaptive)).ToList();
        var compiledInTime = SpinWait.SpinUntil(() => rules.Plan.IsCompiled, TimeSpan.FromSeconds(60));
        var late = frames.Select(f => Run(rules, f.Item, f.Tasks, PlanMode.Adaptive)).ToList();

        // Assert
        compiledInTime.Should().BeTrue("the plan is compiled once the adaptive sessions have crossed the threshold");
        early.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        late.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
    }

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void CompiledPlan_FirstUsedOnManyThreadsAtOnce_AgreesWithTheInterpretedPlan()
    {
        // Arrange: a fresh rule set whose plan is compiled by the first of several threads that need it together (as a
        // web service starts), against the interpreted plan run alone.
        var definition = Version(VersionIds.Current);
        var random = new Random(11);
        var frames = Enumerable.Range(0, 64).Select(_ => IntakeFrame(new CompiledRuleSet(definition, JapaneseWording.Instance), definition, random)).ToList();

        for (var round = 0; round < 5; round++)
        {
            var rules = new CompiledRuleSet(definition, JapaneseWording.Instance);
            var expected = frames.Select(f => Run(rules, f.Item, f.Tasks, PlanMode.Interpreted)).ToList();

            // Act
            var results = new List<Outcome>[Environment.ProcessorCount * 2];
            Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length },
                t => results[t] = [.. frames.Select(f => Run(rules, f.Item, f.Tasks, PlanMode.Compiled))]);

            // Assert
            foreach (var result in results)
            {
                result.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), "round {0}", round);
            }
        }
    }

    /// <summary>What a session gives: the activations (rule and task), the item's facts after it, or the conflict it met.</summary>
    private sealed record Outcome(List<string> Activations, List<object?> Facts, string? Conflict);

    private static Outcome Run(CompiledRuleSet rules, object?[] item, List<object?[]> tasks, PlanMode mode)
    {
        var session = rules.OpenSession((object?[])item.Clone(), tasks, trace: false, mode);
        try
        {
            session.Run();
            return new Outcome([.. session.Activations.Select(a => $"{a.Order} {a.Rule.Id} {a.TaskIndex}")], [.. session.Frame.Item], null);
        }
        catch (FactConflictException e)
        {
            return new Outcome([], [], e.Message);
        }
    }

    private static (object?[] Item, List<object?[]> Tasks) IntakeFrame(CompiledRuleSet rules, RuleSetDefinition definition, Random random)
    {
        var frame = FactFrames.Generate(rules.Layout, definition, random);
        foreach (var fact in definition.Facts.Where(f => f.Source == FactSource.Derived && f.Scope == FactScope.Item))
        {
            frame.Item[rules.Layout[fact.Name].Slot] = null;
        }
        return (frame.Item, [.. frame.Tasks]);
    }

    private static (RuleSetDefinition, CompiledRuleSet) Parts(string versionId)
    {
        var definition = Version(versionId);
        return (definition, new CompiledRuleSet(definition, JapaneseWording.Instance));
    }
}

/// <summary>Random fact frames over the catalogue's declared values, with null standing for an unknown fact.</summary>
internal static class FactFrames
{
    private static readonly decimal[] Numbers = [0m, 1m, 999m, 1000m, 1001m, 50000m];

    public static FactFrame Generate(FactLayout layout, RuleSetDefinition definition, Random random)
    {
        var organs = definition.Organs.Organs.Select(o => o.Id).ToArray();
        var item = Fill(layout, FactScope.Item, layout.ItemSlots, random, organs);
        var tasks = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Task(layout, random)).ToList();
        return new FactFrame(item, tasks);
    }

    public static object?[] Task(FactLayout layout, Random random) => Fill(layout, FactScope.Task, layout.TaskSlots, random, []);

    private static object?[] Fill(FactLayout layout, FactScope scope, int slots, Random random, string[] organs)
    {
        var frame = new object?[slots];
        foreach (var fact in layout.Facts.Where(f => f.Scope == scope))
        {
            frame[layout[fact.Name].Slot] = Value(fact, random, organs);
        }
        return frame;
    }

    private static object? Value(FactDefinition fact, Random random, string[] organs)
    {
        if (random.Next(4) == 0)
        {
            return null;
        }
        var values = fact.Values.Select(v => v.Value).ToArray();
        return fact.Type switch
        {
            FactType.Bool => random.Next(2) == 0,
            FactType.Enum => values[random.Next(values.Length)],
            FactType.Number => Numbers[random.Next(Numbers.Length)],
            FactType.Set => values.Where(_ => random.Next(2) == 0).ToArray(),
            _ => organs.Length > 0 && random.Next(3) > 0 ? organs[random.Next(organs.Length)] : "",
        };
    }
}
