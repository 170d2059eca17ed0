using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// What the explainer keeps between screenings gives what a first explanation gives: a why-not kept by the values a
/// condition read is the why-not of the frame at hand, and the facts a step cites (worked out once per condition) carry the
/// frame's values — of the first task inside a per-task target, unknown when there is no task.
/// </summary>
public sealed class ExplanationReuseTests
{
    private const int Frames = 200;

    [Theory]
    [InlineData(VersionIds.Current)]
    [InlineData(VersionIds.PreAct)]
    public void WhyNot_AnswersKeptFromEarlierFrames_EqualAFreshExplanationOfEachFrame(string versionId)
    {
        // Arrange: one explainer shared by every frame (its answers kept), against a new one per frame (nothing kept).
        var definition = TestScreener.Version(versionId);
        var rules = new CompiledRuleSet(definition, JapaneseWording.Instance);
        var conditions = definition.Tables
            .SelectMany(t => t.Categories.Select(c => (Name: c.Id, Condition: c.When, t.Scope)))
            .Concat(definition.Rules.Select(r => (Name: r.Id, Condition: rules.ConditionOf(r), Scope: FactScope.Item)))
            .ToList();
        var random = new Random(20240501);
        var reasonsSeen = 0;

        for (var n = 0; n < Frames; n++)
        {
            var frame = FactFrames.Generate(rules.Layout, definition, random);
            var fresh = new ConditionExplainer(definition, rules.Layout, JapaneseWording.Instance);
            foreach (var (name, condition, scope) in conditions)
            {
                frame.Task = scope == FactScope.Task ? FactFrames.Task(rules.Layout, random) : [];

                // Act
                var kept = rules.Explainer.WhyNot(condition, frame);
                var first = fresh.WhyNot(condition, frame);

                // Assert
                kept.Result.Should().Be(first.Result, $"{name} on frame {n}");
                kept.Reasons.Should().Equal(first.Reasons, $"{name} on frame {n}");
                reasonsSeen += first.Reasons.Count;
            }
        }
        reasonsSeen.Should().BeGreaterThan(Frames, "the frames should give failures and unknown facts to compare");
    }

    [Fact]
    public void FactsUsed_FactReadInsideAPerTaskTarget_CitesTheFirstTasksValueOrUnknownWithoutTasks()
    {
        // Arrange: the outsourcing outcome reads 別表3, a per-task table, whose categories read the task's kind.
        var definition = TestScreener.Version(VersionIds.Current);
        var rules = new CompiledRuleSet(definition, JapaneseWording.Instance);
        var condition = rules.ConditionOf(definition.Rules.Single(r => r.Id == "ガイドライン該当-委託"));
        var (taskKind, slot) = rules.Layout["task.kind"];
        var item = new object?[rules.Layout.ItemSlots];
        var first = new object?[rules.Layout.TaskSlots];
        var second = new object?[rules.Layout.TaskSlots];
        first[slot] = taskKind.Values[0].Value;
        second[slot] = taskKind.Values[1].Value;

        // Act
        var withTasks = rules.Explainer.FactsUsed(condition, new FactFrame(item, [first, second]));
        var withoutTasks = rules.Explainer.FactsUsed(condition, new FactFrame(item, []));

        // Assert
        withTasks.Single(u => u.Fact == "task.kind").Value.Should().Be(taskKind.Values[0].Label);
        withoutTasks.Single(u => u.Fact == "task.kind").Value.Should().Be(taskKind.LabelOf(null));
        withTasks.Select(u => u.Fact).Should().OnlyHaveUniqueItems().And.Contain(["item.kind", "transfer"]);
    }
}
