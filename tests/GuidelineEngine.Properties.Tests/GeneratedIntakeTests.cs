using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Rules.Intake;
using Outcome = GuidelineEngine.Domain.Model.Outcome;

namespace GuidelineEngine.Properties.Tests;

/// <summary>The generated intakes are ones a department could submit, and reach what the properties need.</summary>
public sealed class GeneratedIntakeTests
{
    /// <summary>
    /// Each generated intake passes the intake checks of the version that judges it (CaseIntakeValidator, then
    /// IntakeChecker against its registries and catalogue), and so does the same intake written as a case file and read
    /// back, which reads back unchanged.
    /// </summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    [Trait(Speed.Trait, Speed.Slow)]
    public Property Generated_intakes_pass_the_intake_checks() => Prop.ForAll(Intakes.Any, generated =>
    {
        var intake = generated.Intake;
        Intakes.Problems(intake).Should().BeEmpty();

        var yaml = IntakeWriter.ToYaml(intake);
        var document = IntakeReader.ReadBytes(Encoding.UTF8.GetBytes(yaml), "generated.yaml");
        var (rules, _) = Engines.Screener.Select(document.Intake);
        IntakeChecker.Check(document, rules.Definition).Should().BeEmpty();
        IntakeWriter.ToYaml(document.Intake).Should().Be(yaml, "a case file reads back as it was written");
    });

    /// <summary>
    /// The properties are only as good as what the generator reaches: over a fixed sample, every outcome of each
    /// version occurs, covered ones among uses and provisions too (so that adding a blocking fact has something to
    /// turn away from covered), and among outsourcings under nerima/2023-04 (before 2023 every outsourcing went to the
    /// 審議会: rule 審議会諮問-委託 in rules/nerima/pre-2023/旧条例.yaml). Both kinds of item, named versions without a
    /// date, three items, many questions and Japanese text occur too.
    /// </summary>
    [Fact]
    public void The_generator_reaches_every_outcome_of_both_versions()
    {
        var sample = Intakes.All.Sample(1000, new Rnd(20230401, 1069), 50);
        var screened = sample.Select(intake => (Intake: intake, Decision: Engines.Screener.Screen(intake))).ToList();
        var reached = screened
            .SelectMany(s => s.Intake.Items.Zip(s.Decision.Items, (item, decision) => (s.Decision.VersionId, Kind: item.GetType().Name, decision.Outcome)))
            .ToHashSet();

        foreach (var version in new[] { Engines.Current, Engines.PreAct })
        {
            reached.Where(r => r.VersionId == version).Select(r => r.Outcome).Distinct().Should().BeEquivalentTo(Enum.GetValues<Outcome>(), version);
            reached.Should().Contain((version, nameof(UseOrProvisionItem), Outcome.Covered));
        }
        reached.Should().Contain((Engines.Current, nameof(OutsourcingItem), Outcome.Covered));
        sample.Should().Contain(i => i.RulesVersion != null && i.Date == null);
        sample.Should().Contain(i => i.Items.Count == 3);
        screened.SelectMany(s => s.Decision.Items).Should().Contain(i => i.Questions.Count > 3);
        sample.Select(i => i.Title ?? "").Should().Contain(t => t.Any(c => c >= '\u3041' && c <= '\u30FA'));
    }
}
