using GuidelineEngine.Domain.Model;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Application.Screening;
using GuidelineEngine.Engine.Screening;
using Outcome = GuidelineEngine.Domain.Model.Outcome;

namespace GuidelineEngine.Properties.Tests;

/// <summary>
/// The statements of the issue "Robustness", item 2, that compare two screenings: of an intake and of the same intake
/// with a blocking fact added, with its free text renamed, or screened again. Each runs over <see cref="Runs.Cases"/>
/// generated valid intakes from the fixed seed <see cref="Runs.Seed"/>.
/// </summary>
public sealed class ChangeProperties
{
    private static CaseScreener Screener => Engines.Screener;

    // What a use or provision can still come to once a blocking fact holds: the blocking rule's own outcome (not_permitted),
    // the outcomes of the rules it yields to (its `unless`: 目的内利用 → not_out_of_purpose, 法令に基づく場合 → based_on_law),
    // or missing facts while one of those is undetermined. Every lower outcome rule lists the blocking rules in its `unless`.
    private static readonly Outcome[] AfterBlocking = [Outcome.NotOutOfPurpose, Outcome.BasedOnLaw, Outcome.NotPermitted, Outcome.MoreInformationNeeded];

    /// <summary>
    /// Adding a blocking fact never turns an outcome into covered, for the item or the case. The blocking facts and the
    /// rules that make them so:
    /// - 特定個人情報 (includes_my_number: true, or a data item naming 個人番号/マイナンバー, data.my_number): rule
    ///   番号法-特定個人情報 (番号法第19条・第30条) in rules/national/2023-04/法69条.yaml, and 番号法-特定個人情報 (番号法第19条・第29条（当時）)
    ///   in rules/nerima/pre-2023/旧条例.yaml;
    /// - another law restricting the use or provision (other_law_restriction.applies: true, other_law.restricts): rule
    ///   法69条3項-他の法令による制限 (法第69条第3項・留意事項), and 他の法令による制限 (当該法令) before 2023.
    /// Both conclude not_permitted for a use or provision (item.kind use_or_provision), yielding only to 目的内利用 and
    /// 法令に基づく場合, and every covered rule lists them among its exceptions. An outsourcing has no other-law field, and no
    /// rule reads data.my_number for it: adding the My Number to one must leave a non-covered outsourcing non-covered.
    /// </summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    public Property Adding_a_blocking_fact_never_turns_an_outcome_into_covered() =>
        // One item per case, drawn (pick modulo the item count), with each blocking fact in turn.
        Prop.ForAll(Intakes.Any, Arb.From(Gen.Choose(0, 5)), (generated, pick) =>
        {
            var intake = generated.Intake;
            var i = pick % intake.Items.Count;
            var before = Screener.Screen(intake, withRationale: false);
            foreach (var (blocking, blocked) in Blockings(intake.Items[i]))
            {
                var after = Screener.Screen(intake with { Items = [.. intake.Items.Take(i), blocked, .. intake.Items.Skip(i + 1)] }, withRationale: false);
                var (was, now) = (before.Items[i].Outcome, after.Items[i].Outcome);
                var because = $"item {i + 1} ({was.Code()}) with {blocking}";
                if (was != Outcome.Covered)
                {
                    now.Should().NotBe(Outcome.Covered, because);
                }
                if (before.Outcome != Outcome.Covered)
                {
                    after.Outcome.Should().NotBe(Outcome.Covered, $"the case ({before.Outcome.Code()}), {because}");
                }
                if (blocked is UseOrProvisionItem)
                {
                    now.Should().BeOneOf(AfterBlocking, because);
                    // Blocking adds a ground against; it cannot make the item within its purpose or based on law.
                    if (now is Outcome.NotOutOfPurpose or Outcome.BasedOnLaw)
                    {
                        was.Should().Be(now, because);
                    }
                }
            }
        });

    private static IEnumerable<(string Blocking, IntakeItem Item)> Blockings(IntakeItem item)
    {
        yield return ("includes_my_number: true", item with { IncludesMyNumber = true });
        // The intake refuses includes_my_number: false beside such a data item, so the department's "no" goes.
        yield return ("data item 個人番号", item with { DataItems = [.. item.DataItems, "個人番号"], IncludesMyNumber = item.IncludesMyNumber == false ? null : item.IncludesMyNumber });
        if (item is UseOrProvisionItem use)
        {
            yield return ("other_law_restriction.applies: true", use with
            {
                OtherLawRestriction = new LawReference { Applies = true, Name = use.OtherLawRestriction?.Name ?? "地方税法第22条" },
            });
        }
    }

    /// <summary>
    /// Renaming free-text fields never changes the outcome, nor the deciding rule, the fitting categories or the facts
    /// asked for. Free text: case id and title, item ids (kept distinct), purpose, recipient name, data items other than
    /// the My Number's, a statute's or restricting law's name (a written name stays written: a blank one is no name),
    /// and task descriptions.
    /// </summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    public Property Renaming_free_text_never_changes_the_outcome() =>
        Prop.ForAll(Intakes.Any, Arb.From(Gen.Choose(1, 4).SelectMany(n => FreeText.Full.NonBlank.Where(NamesNoMyNumber).ListOf(n))), (generated, texts) =>
        {
            var intake = generated.Intake;
            var renamed = Rename(intake, texts);
            Intakes.Problems(renamed).Should().BeEmpty("a renamed intake is still valid");

            var (before, after) = (Screener.Screen(intake, withRationale: false), Screener.Screen(renamed, withRationale: false));
            after.Outcome.Should().Be(before.Outcome);
            for (var i = 0; i < before.Items.Count; i++)
            {
                var (was, now) = (before.Items[i], after.Items[i]);
                now.Outcome.Should().Be(was.Outcome, "item {0}", i + 1);
                now.DecidingRule.Should().Be(was.DecidingRule, "item {0}", i + 1);
                now.Fits.Select(f => (f.CategoryId, f.TaskId)).Should().Equal(was.Fits.Select(f => (f.CategoryId, f.TaskId)), "item {0}", i + 1);
                now.Questions.Select(q => (q.Fact, q.TaskId)).Should().Equal(was.Questions.Select(q => (q.Fact, q.TaskId)), "item {0}", i + 1);
            }
        });

    private static readonly string[] MyNumberWords = ["個人番号", "マイナンバー"];

    private static bool NamesNoMyNumber(string text) => !MyNumberWords.Any(w => text.Contains(w, StringComparison.Ordinal));

    private static CaseIntake Rename(CaseIntake intake, IReadOnlyList<string> texts)
    {
        var next = 0;
        string New() => texts[next++ % texts.Count];
        string? Renamed(string? text) => text is null ? null : New();
        string? RenamedName(string? name) => string.IsNullOrWhiteSpace(name) ? name : New();
        LawReference? Law(LawReference? law) => law is null ? null : law with { Name = RenamedName(law.Name) };

        var items = intake.Items.Select((item, i) =>
        {
            var common = item with
            {
                // A suffix keeps the ids distinct, as the intake requires, and apart from the default ids (positions).
                Id = item.Id is null ? null : $"{New()}#{i}",
                DataItems = item.DataItems.Select(d => NamesNoMyNumber(d) ? New() : d).ToList(),
            };
            return common switch
            {
                UseOrProvisionItem use => use with
                {
                    Purpose = Renamed(use.Purpose),
                    Recipient = use.Recipient is null ? null : use.Recipient with { Name = Renamed(use.Recipient.Name) },
                    Statute = Law(use.Statute),
                    OtherLawRestriction = Law(use.OtherLawRestriction),
                },
                OutsourcingItem outsourcing => (IntakeItem)(outsourcing with
                {
                    Tasks = outsourcing.Tasks.Select(t => t with { Description = Renamed(t.Description) }).ToList(),
                }),
                _ => common,
            };
        }).ToList();
        return intake with { Id = Renamed(intake.Id), Title = Renamed(intake.Title), Items = items };
    }

    private static readonly Lazy<ConsultationScreening> FreshScreener = new(Engines.Fresh);

    /// <summary>
    /// Screening is deterministic: the same intake under the same version gives byte-identical JSON (JsonReport, with
    /// 類似事例 as <c>guideline screen</c> prints it), screened twice by one screener and once more by a screener from a
    /// fresh load and compile of the same rule sets and casebook.
    /// </summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    [Trait(Speed.Trait, Speed.Slow)]
    public Property Screening_is_deterministic() => Prop.ForAll(Intakes.Any, generated =>
    {
        var intake = generated.Intake;
        byte[] Json(ConsultationScreening screening) => Encoding.UTF8.GetBytes(JsonReport.Render(screening.Screen(intake)));
        var first = Json(Engines.ScreenerWithPrecedents);

        Json(Engines.ScreenerWithPrecedents).Should().Equal(first);
        Json(FreshScreener.Value).Should().Equal(first);
    });
}
