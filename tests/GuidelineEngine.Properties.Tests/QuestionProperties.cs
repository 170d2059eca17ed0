using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Properties.Tests;

/// <summary>
/// "Never ask what the engine can know" (issue "Legal fidelity II", item 1), as a property over generated valid intakes of
/// both versions: no question a screening asks is about a fact that one of the version's declared derivations could
/// still conclude from the item's other facts.
/// </summary>
public sealed class QuestionProperties
{
    private static CaseScreener Screener => Engines.Screener;

    /// <summary>
    /// For every question of every item, each derivation of the version that concludes the asked fact is known not to hold
    /// on the item's facts (after the session): were it true the fact would be known, were it unknown the engine would ask
    /// the facts it reads instead.
    /// </summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    public Property No_question_asks_a_fact_the_versions_derivations_can_still_conclude() => Prop.ForAll(Intakes.Any, generated =>
    {
        var intake = generated.Intake;
        var rules = Screener.Select(intake).Rules;
        var decision = Screener.Screen(intake);
        for (var i = 0; i < intake.Items.Count; i++)
        {
            var asked = decision.Items[i].Questions.Select(q => q.Fact).ToHashSet(StringComparer.Ordinal);
            var derivations = rules.Rules.Where(r => r.Definition.Then is AssertFact assert && asked.Contains(assert.Fact)).ToList();
            if (derivations.Count == 0)
            {
                continue;
            }
            var (item, tasks) = IntakeFacts.Build(rules, intake.Items[i]);
            var session = rules.OpenSession(item, tasks, trace: false);
            session.Run();
            foreach (var derivation in derivations)
            {
                rules.Evaluate(derivation.Definition.When, session.Frame).Should().Be(Truth.False,
                    "item {0} is asked {1}, which derivation {2} could conclude", decision.Items[i].ItemId,
                    ((AssertFact)derivation.Definition.Then).Fact, derivation.Definition.Id);
            }
        }
    });

    /// <summary>The property is not vacuous: the generated intakes do ask derivable facts' questions, in the cases where no derivation holds.</summary>
    [Fact]
    public void Some_generated_intake_is_asked_a_fact_that_a_derivation_could_conclude_in_other_cases()
    {
        var derivable = Engines.Version("nerima/2023-04").Facts.Where(f => f.DerivedFrom is { Count: > 0 }).Select(f => f.Name).ToHashSet();
        var asked = Intakes.All.Sample(1000, new Rnd(20230401, 1069), 200)
            .SelectMany(intake => Screener.Screen(intake).Items.SelectMany(i => i.Questions))
            .Select(q => q.Fact)
            .Where(derivable.Contains);
        asked.Should().NotBeEmpty();
    }
}
