using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Engine.Screening;
using Outcome = GuidelineEngine.Domain.Model.Outcome;

namespace GuidelineEngine.Properties.Tests;

/// <summary>
/// The statements of the issue "Robustness", item 2, about one screening, each as a property over generated valid
/// intakes of nerima/2023-04 and nerima/pre-2023 (<see cref="Intakes"/>), run over <see cref="Runs.Cases"/> cases from
/// the fixed seed <see cref="Runs.Seed"/>.
/// </summary>
public sealed partial class OutcomeProperties
{
    private static CaseScreener Screener => Engines.Screener;

    /// <summary>
    /// The engine never throws on a valid intake: screening as <c>guideline screen</c> does (with 類似事例), without the
    /// rationale, and both reports. Its free text may hold any Unicode scalar value, U+FFFE included.
    /// </summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    [Trait(Speed.Trait, Speed.Slow)]
    public Property Screening_never_throws_on_a_valid_intake() => Prop.ForAll(Intakes.Any, generated =>
    {
        var intake = generated.Intake;
        var decision = Engines.ScreenerWithPrecedents.Screen(intake);
        Screener.Screen(intake, withRationale: false);
        JsonReport.Render(decision);
        TextReport.Render(decision, Screener.Labels(decision.VersionId));
    });

    /// <summary>
    /// Exactly one outcome per item and per case: one item decision for each intake item, in order and under its own id
    /// (its id, or its position from 1), each with a defined outcome that one rationale step concludes: the deciding
    /// outcome rule, or the closing 情報不足 step when facts are missing.
    /// </summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    public Property Exactly_one_outcome_per_item_and_per_case() => Prop.ForAll(Intakes.Any, generated =>
    {
        var intake = generated.Intake;
        var decision = Screener.Screen(intake);

        Enum.IsDefined(decision.Outcome).Should().BeTrue();
        decision.Items.Should().HaveCount(intake.Items.Count);
        decision.Items.Select(i => i.ItemId).Should()
            .Equal(intake.Items.Select((item, i) => item.Id ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var item in decision.Items)
        {
            Enum.IsDefined(item.Outcome).Should().BeTrue();
            item.Steps.Where(s => s.Kind == RuleKind.Outcome).Should().ContainSingle("item {0} concludes one outcome", item.ItemId);
            (item.DecidingRule is null).Should().Be(item.Outcome == Outcome.MoreInformationNeeded, "only missing facts leave item {0} without a deciding rule", item.ItemId);
        }
    });

    /// <summary>
    /// Exactly one outcome per item also means one per item id: the item decisions of a case have distinct ids, so that
    /// each outcome can be told whose it is. The intake checks (CaseIntakeValidator) refuse an id written twice and an id
    /// equal to the place of an item without one, e.g. items [{id: "2"}, {}] (found by this property).
    /// </summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    public Property Each_item_decision_has_its_own_id() => Prop.ForAll(Intakes.Any, generated =>
    {
        Screener.Screen(generated.Intake, withRationale: false).Items.Select(i => i.ItemId).Should().OnlyHaveUniqueItems();
    });

    /// <summary>
    /// Every outcome's rationale cites a rule and an article, and the decision carries the version hash. A decided item
    /// cites its deciding rule: an outcome rule of the version that judged it, concluding that outcome, with that rule's
    /// article. An item short of facts cites the closing step 情報不足 (法第69条) and asks at least one question
    /// (docs/decision-json.md). Every step names a rule of the version (a rule or a category) and a non-empty article.
    /// </summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    public Property Every_rationale_cites_a_rule_and_an_article_and_carries_the_version_hash() => Prop.ForAll(Intakes.Any, generated =>
    {
        var intake = generated.Intake;
        var decision = Screener.Screen(intake);
        var rules = Screener.Select(intake).Rules.Definition;

        decision.VersionId.Should().Be(rules.Version.Id);
        decision.VersionHash.Should().Be(rules.ContentHash).And.MatchRegex(Sha256());
        JsonReport.Render(decision).Should().Contain($"\"version_hash\": \"{rules.ContentHash}\"");
        var known = rules.Rules.Select(r => r.Id).Concat(rules.Categories.Select(c => c.Id)).ToHashSet();
        foreach (var item in decision.Items)
        {
            item.Steps.Should().NotBeEmpty();
            item.Steps.Select(s => s.Order).Should().Equal(Enumerable.Range(1, item.Steps.Count));
            // (Filtered, not OnlyContain: that compiles its expression on every call, which would cost more than screening.)
            item.Steps.Where(s => s.ItemId != item.ItemId || string.IsNullOrWhiteSpace(s.Article) || !(known.Contains(s.RuleId) || s.RuleId == "情報不足"))
                .Should().BeEmpty("every step of item {0} names the item, a rule of {1} and an article", item.ItemId, rules.Version.Id);
            var concluding = item.Steps.Last(s => s.Kind == RuleKind.Outcome);
            if (item.Outcome == Outcome.MoreInformationNeeded)
            {
                concluding.RuleId.Should().Be("情報不足");
                concluding.Article.Should().Be("法第69条");
                item.Questions.Should().NotBeEmpty("item {0} is short of facts, so it asks for them", item.ItemId);
                continue;
            }
            var rule = rules.Rules.Single(r => r.Id == item.DecidingRule);
            rule.Then.Should().BeOfType<ConcludeOutcome>().Which.Outcome.Should().Be(item.Outcome);
            item.Article.Should().Be(rule.Article);
            concluding.RuleId.Should().Be(rule.Id);
            concluding.Article.Should().Be(rule.Article);
        }
    });

    // The order of the README's outcome table, least to most strict, written out here rather than read off the enum.
    private static readonly Outcome[] Strictness =
    [
        Outcome.NotOutOfPurpose, Outcome.BasedOnLaw, Outcome.ConsentOrToPerson, Outcome.Covered,
        Outcome.NeedsReview, Outcome.MoreInformationNeeded, Outcome.NotPermitted,
    ];

    /// <summary>The case outcome is the strictest item outcome, in the order of the README's table.</summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    public Property The_case_outcome_is_the_strictest_item_outcome() => Prop.ForAll(Intakes.Any, generated =>
    {
        var intake = generated.Intake;
        var decision = Screener.Screen(intake, withRationale: false);

        decision.Outcome.Should().Be(decision.Items.Select(i => i.Outcome).MaxBy(o => Array.IndexOf(Strictness, o)));
    });

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
