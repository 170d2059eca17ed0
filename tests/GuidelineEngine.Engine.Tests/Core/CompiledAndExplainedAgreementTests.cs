using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Compilation;
using GuidelineEngine.Engine.Runtime;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// The engine decides with compiled delegates and explains with a tree walk; both must give the same truth
/// for every condition, over generated fact frames (declared values, and null for unknown).
/// </summary>
public sealed class CompiledAndExplainedAgreementTests
{
    private const int Frames = 300;

    public static TheoryData<string> VersionIdsToCheck => [VersionIds.Current, VersionIds.PreAct];

    [Theory]
    [MemberData(nameof(VersionIdsToCheck))]
    public void CompiledAndExplained_EveryCategoryCondition_Agree(string versionId)
    {
        // Arrange
        var (definition, layout, compiler, explainer) = Parts(versionId);
        var categories = definition.Tables.SelectMany(t => t.Categories.Select(c => (Category: c, t.Scope))).ToList();
        var compiled = categories.Select(c => compiler.Compile(c.Category.When)).ToList();
        var random = new Random(20230401);
        var seen = new HashSet<Truth>();

        for (var n = 0; n < Frames; n++)
        {
            var frame = FactFrames.Generate(layout, definition, random);
            for (var i = 0; i < categories.Count; i++)
            {
                // A per-task category is judged with one task current.
                frame.Task = categories[i].Scope == FactScope.Task ? FactFrames.Task(layout, random) : [];

                // Act
                var fast = compiled[i].Evaluate(frame);
                var slow = explainer.WhyNot(categories[i].Category.When, frame).Result;

                // Assert
                slow.Should().Be(fast, $"{categories[i].Category.Id} on frame {n}");
                seen.Add(fast);
            }
        }
        seen.Order().Should().Equal([Truth.False, Truth.True, Truth.Unknown], "the frames should reach every truth value");
    }

    [Theory]
    [MemberData(nameof(VersionIdsToCheck))]
    public void CompiledAndExplained_EveryRuleAndTableFit_Agree(string versionId)
    {
        // Arrange: rule conditions (outcomes with their exceptions) and whole-table fits, tasks included.
        var (definition, layout, compiler, explainer) = Parts(versionId);
        var conditions = definition.Rules
            .Select(r => (Name: r.Id, Condition: r.Then is ConcludeOutcome ? CompiledRuleSet.Holds(r, definition) : r.When))
            .Concat(definition.Tables.Select(t => (Name: t.Id, Condition: (Condition)new Fits(t.Id))))
            .ToList();
        var compiled = conditions.Select(c => compiler.Compile(c.Condition)).ToList();
        var random = new Random(19);

        for (var n = 0; n < Frames; n++)
        {
            var frame = FactFrames.Generate(layout, definition, random);
            for (var i = 0; i < conditions.Count; i++)
            {
                // Act
                var fast = compiled[i].Evaluate(frame);
                var slow = explainer.WhyNot(conditions[i].Condition, frame).Result;

                // Assert
                slow.Should().Be(fast, $"{conditions[i].Name} on frame {n}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(VersionIdsToCheck))]
    public void InterpretedAndCompiledTiers_EveryRuleAndTableFit_Agree(string versionId)
    {
        // Arrange: each condition twice, one run past the threshold into machine code, one kept interpreted (replaced
        // before it would cross it). A per-task fit's inner condition tiers on its own.
        var (definition, layout, compiler, _) = Parts(versionId);
        var conditions = definition.Rules.Select(r => r.When).Concat(definition.Tables.Select(t => (Condition)new Fits(t.Id))).ToList();
        var random = new Random(7);
        var warmUp = Enumerable.Range(0, CompiledCondition.CompileAfter + 1).Select(_ => FactFrames.Generate(layout, definition, random)).ToList();
        var compiled = conditions.Select(c => compiler.Compile(c)).ToList();
        compiled.ForEach(c => warmUp.ForEach(frame => c.Evaluate(frame)));
        compiled.Should().OnlyContain(c => c.IsCompiled);
        var interpreted = conditions.Select(c => compiler.Compile(c)).ToList();

        for (var n = 0; n < Frames; n++)
        {
            var frame = FactFrames.Generate(layout, definition, random);
            if (n % CompiledCondition.CompileAfter == 0)
            {
                interpreted = [.. conditions.Select(c => compiler.Compile(c))];
            }
            for (var i = 0; i < conditions.Count; i++)
            {
                // Act
                var slow = interpreted[i].Evaluate(frame);
                var fast = compiled[i].Evaluate(frame);

                // Assert
                interpreted[i].IsCompiled.Should().BeFalse();
                slow.Should().Be(fast, $"condition {i} on frame {n}");
            }
        }
    }

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void TieredCondition_EvaluatedOnManyThreadsAtOnce_EndsCompiledAndAgrees()
    {
        // Arrange: fresh conditions, evaluated from their first call on by several threads together (as a web service
        // starts), against a copy of each run alone.
        var (definition, layout, compiler, _) = Parts(VersionIds.Current);
        var conditions = definition.Rules.Select(r => r.When).ToList();
        var random = new Random(11);
        var frames = Enumerable.Range(0, 64).Select(_ => FactFrames.Generate(layout, definition, random)).ToList();
        var expected = conditions.Select(c => { var alone = compiler.Compile(c); return frames.Select(alone.Evaluate).ToList(); }).ToList();

        for (var round = 0; round < 20; round++)
        {
            var shared = conditions.Select(c => compiler.Compile(c)).ToList();

            // Act
            var results = new Truth[Environment.ProcessorCount * 2][][];
            Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, t =>
            {
                // A frame is a session's working memory (a per-task fit moves its current task): one set per thread.
                var own = frames.Select(f => new FactFrame(f.Item, f.Tasks)).ToList();
                results[t] = [.. shared.Select(c => own.Select(c.Evaluate).ToArray())];
            });

            // Assert
            shared.Should().OnlyContain(c => c.IsCompiled, "every condition crossed the threshold (round {0})", round);
            foreach (var result in results)
            {
                result.Select(r => r.ToList()).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
            }
        }
    }

    private static (RuleSetDefinition, FactLayout, ConditionCompiler, ConditionExplainer) Parts(string versionId)
    {
        var definition = Version(versionId);
        var layout = new FactLayout(definition.Facts);
        return (definition, layout, new ConditionCompiler(definition, layout), new ConditionExplainer(definition, layout));
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
