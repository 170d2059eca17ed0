using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;

namespace GuidelineEngine.Engine.Tests;

/// <summary>The plan: rules fire once each, after the rules whose facts they read, otherwise highest priority first; a contradiction in the rules is refused.</summary>
public sealed class SessionTests
{
    private static readonly Condition XIsTrue = new FactTest("x", Comparison.Equal, true);

    [Fact]
    public void Run_TwoRulesDeriveDifferentValuesForOneFact_ThrowsFactConflict()
    {
        // Arrange
        var session = Open(
            Rule("derive-a", XIsTrue, new AssertFact("d", "a")),
            Rule("derive-b", XIsTrue, new AssertFact("d", "b")));

        // Act
        var act = session.Run;

        // Assert
        act.Should().Throw<FactConflictException>().WithMessage("*derive-b*");
    }

    [Fact]
    public void Run_TwoRulesDeriveTheSameValue_IsNoConflict()
    {
        // Arrange
        var session = Open(
            Rule("derive-a", XIsTrue, new AssertFact("d", "a")),
            Rule("derive-a-again", XIsTrue, new AssertFact("d", "a")));

        // Act
        session.Run();

        // Assert
        session.Activations.Select(a => a.Rule.Id).Should().Equal("derive-a", "derive-a-again");
    }

    [Fact]
    public void Run_RulesReadyAtOnce_FireByPriorityThenDefinitionOrder()
    {
        // Arrange
        var session = Open(
            Rule("low", XIsTrue, new RaiseFlag("low"), priority: 1),
            Rule("default-1", XIsTrue, new RaiseFlag("default-1")),
            Rule("high", XIsTrue, new RaiseFlag("high"), priority: 10),
            Rule("default-2", XIsTrue, new RaiseFlag("default-2")),
            Rule("mid", XIsTrue, new RaiseFlag("mid"), priority: 5));

        // Act
        session.Run();

        // Assert
        session.Activations.Select(a => a.Rule.Id).Should().Equal("high", "mid", "low", "default-1", "default-2");
        session.Activations.Select(a => a.Order).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public void Run_RuleWaitingOnADerivedFact_FiresOnceTheFactIsConcluded()
    {
        // Arrange: the high-priority rule reads d, which only the low-priority rule concludes.
        var session = Open(
            Rule("needs-d", new FactTest("d", Comparison.Equal, "a"), new RaiseFlag("needs-d"), priority: 50),
            Rule("derive-a", XIsTrue, new AssertFact("d", "a")),
            Rule("never", new FactTest("d", Comparison.Equal, "b"), new RaiseFlag("never"), priority: 99));

        // Act
        session.Run();

        // Assert
        session.Activations.Select(a => a.Rule.Id).Should().Equal("derive-a", "needs-d");
        session.Events.OfType<FactInserted>().Should().ContainSingle(e => e.Fact == "d" && (string)e.Value == "a" && e.RuleId == "derive-a");
    }

    [Fact]
    public void Plan_DependencyOrderAgainstDefinitionOrder_PutsEachRuleAfterTheRulesWhoseFactsItReads()
    {
        // Arrange: defined consumer first; the outcome's exception reads e, derived by the last, lowest-priority rule.
        var compiled = Compile(
            Rule("needs-d", new FactTest("d", Comparison.Equal, "a"), new RaiseFlag("needs-d"), priority: 50),
            Rule("outcome", XIsTrue, new ConcludeOutcome(Domain.Model.Outcome.Covered, ["exception"]), priority: 40),
            Rule("exception", new FactTest("e", Comparison.Equal, true), new ConcludeOutcome(Domain.Model.Outcome.NeedsReview, []), priority: 30),
            Rule("independent", XIsTrue, new RaiseFlag("independent"), priority: 10),
            Rule("derive-d", XIsTrue, new AssertFact("d", "a"), priority: 5),
            Rule("derive-e", XIsTrue, new AssertFact("e", false)));

        // Act
        var order = compiled.Plan.Order.Select(i => compiled.Rules[i].Definition.Id);

        // Assert: needs-d waits for derive-d, the outcome for derive-e (its exception's fact); the rest by priority.
        order.Should().Equal("independent", "derive-d", "needs-d", "derive-e", "outcome", "exception");
    }

    [Fact]
    public void Plan_DerivationsThatReadEachOthersConclusions_AreRefused()
    {
        // Arrange
        var rules = new[]
        {
            Rule("d-from-e", new FactTest("e", Comparison.Equal, true), new AssertFact("d", "a")),
            Rule("e-from-d", new FactTest("d", Comparison.Equal, "a"), new AssertFact("e", true)),
        };

        // Act
        var act = () => Compile(rules);

        // Assert
        act.Should().Throw<RuleCompilationException>().WithMessage("*循環*");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_InterpretedOrCompiled_GivesTheSameActivations(bool x)
    {
        // Arrange
        var compiled = Compile(
            Rule("needs-d", new FactTest("d", Comparison.Equal, "a"), new RaiseFlag("needs-d"), priority: 50),
            Rule("outcome", XIsTrue, new ConcludeOutcome(Domain.Model.Outcome.Covered, ["exception"]), priority: 40),
            Rule("exception", new FactTest("e", Comparison.Equal, true), new ConcludeOutcome(Domain.Model.Outcome.NeedsReview, []), priority: 30),
            Rule("derive-d", XIsTrue, new AssertFact("d", "a"), priority: 5),
            Rule("derive-e-false", XIsTrue, new AssertFact("e", false)),
            Rule("derive-e-true", new NotOf(XIsTrue), new AssertFact("e", true)));
        IReadOnlyList<string> Fired(bool asCompiled)
        {
            var item = new object?[compiled.Layout.ItemSlots];
            item[compiled.Layout["x"].Slot] = x;
            var session = compiled.OpenSession(item, [], trace: false, asCompiled ? PlanMode.Compiled : PlanMode.Interpreted);
            session.Run();
            return [.. session.Activations.Select(a => a.Rule.Id)];
        }

        // Act
        var interpreted = Fired(false);
        var delegated = Fired(true);

        // Assert
        delegated.Should().Equal(interpreted);
        interpreted.Should().Equal(x == true ? ["derive-d", "needs-d", "derive-e-false", "outcome"] : ["derive-e-true", "exception"]);
    }

    [Fact]
    public void Run_ConditionOnAnUnknownFact_DoesNotFire()
    {
        // Arrange: x is left unknown; neither x nor its negation holds.
        var session = Open(
            [Rule("if-x", XIsTrue, new RaiseFlag("x")), Rule("if-not-x", new NotOf(XIsTrue), new RaiseFlag("not x"))],
            x: null);

        // Act
        session.Run();

        // Assert
        session.Activations.Should().BeEmpty();
    }

    [Fact]
    public void Run_RealRuleSet_DerivesTheTransferBeforeAnyCategoryOrOutcome()
    {
        // Arrange
        var rules = new CompiledRuleSet(Version(VersionIds.Current), JapaneseWording.Instance);
        var (item, tasks) = Screening.IntakeFacts.Build(rules, SchoolAidCheck);
        var session = rules.OpenSession(item, tasks, trace: false);

        // Act
        session.Run();

        // Assert
        var kinds = session.Activations.Select(a => a.Rule.Kind).ToList();
        session.Activations[0].Rule.Id.Should().Be("区分-同一行政機関内の利用");
        kinds.IndexOf(RuleKind.Outcome).Should().BeGreaterThan(kinds.IndexOf(RuleKind.Category));
        session.Activations.Count(a => a.Rule.Kind == RuleKind.Outcome).Should().Be(1);
    }

    private static RuleDefinition Rule(string id, Condition when, RuleAction then, int priority = RuleDefinition.DefaultPriority) => new()
    {
        Id = id,
        Kind = then switch { AssertFact => RuleKind.Derivation, ConcludeOutcome => RuleKind.Outcome, _ => RuleKind.Flag },
        Article = "テスト",
        Priority = priority,
        When = when,
        Then = then,
        Explanation = "テストの規則。",
    };

    private static Session Open(params RuleDefinition[] rules) => Open(rules, x: true);

    private static Session Open(RuleDefinition[] rules, bool? x)
    {
        var compiled = Compile(rules);
        var item = new object?[compiled.Layout.ItemSlots];
        item[compiled.Layout["x"].Slot] = x;
        return compiled.OpenSession(item, [], trace: true);
    }

    private static CompiledRuleSet Compile(params RuleDefinition[] rules) =>
        new(new RuleSetDefinition
        {
            Version = new RuleSetVersion { Id = "test/1", Jurisdiction = "test", Title = "テスト", ReviewBody = "テスト" },
            ContentHash = "sha256:test",
            Facts =
            [
                new FactDefinition { Name = "x", Type = FactType.Bool, Source = FactSource.Intake, Label = "x" },
                new FactDefinition
                {
                    Name = "d", Type = FactType.Enum, Source = FactSource.Derived, Label = "d",
                    Values = [new FactValueDefinition("a", "a"), new FactValueDefinition("b", "b")],
                },
                new FactDefinition { Name = "e", Type = FactType.Bool, Source = FactSource.Derived, Label = "e" },
            ],
            Rules = rules,
            Tables = [],
            Organs = new OrganRegistry([]),
            Files = new FileRegistry([]),
        }, JapaneseWording.Instance);
}
