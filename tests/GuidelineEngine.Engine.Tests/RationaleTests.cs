using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Tests;

/// <summary>The rationale (判断理由): rules, articles, Japanese sentences, the facts used, the version, and flags.</summary>
public sealed class RationaleTests
{
    // 福祉部 asks 教育振興部 for the file for its own work: an inquiry by the receiving organ (別表2 No.2).
    private static readonly UseOrProvisionItem CoveredProvision =
        UseBy(Ward.WelfareLivingSection, Ward.SchoolSocialWorkFile, "coordinated_support") with { RequestedByRecipient = true };

    private static readonly Dictionary<string, IntakeItem> Items = new()
    {
        ["use"] = SchoolAidCheck,
        ["provision"] = CoveredProvision,
        ["outsourcing"] = Outsourcing(Task("data_entry"), Task("other")),
        ["not-permitted"] = SchoolAidCheck with { IncludesMyNumber = true },
        ["missing"] = SchoolAidCheck with { Consent = null },
    };

    public static TheoryData<string> ItemNames => [.. Items.Keys];

    [Theory]
    [MemberData(nameof(ItemNames))]
    public void Screen_EveryStep_HasRuleArticleAndJapaneseSentence(string name)
    {
        // Arrange
        var item = Items[name];

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Steps.Should().NotBeEmpty().And.AllSatisfy(step =>
        {
            step.RuleId.Should().NotBeNullOrWhiteSpace();
            step.Article.Should().NotBeNullOrWhiteSpace();
            step.Sentence.Should().NotBeNullOrWhiteSpace();
            step.Sentence.Should().Match(s => s.Any(IsJapanese), "the rationale is written for staff in Japanese");
        });
        decision.Steps.Select(s => s.Order).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Screen_Decision_CarriesTheVersionIdAndItsContentHash()
    {
        // Arrange
        var intake = Case(SchoolAidCheck);

        // Act
        var decision = Screen(intake);

        // Assert
        decision.VersionId.Should().Be(VersionIds.Current);
        decision.VersionHash.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        decision.VersionHash.Should().Be(Version(VersionIds.Current).ContentHash);
    }

    [Fact]
    public void Screen_DecidingOutcomeStep_ListsTheFactsItUsed()
    {
        // Arrange
        var item = SchoolAidCheck;

        // Act
        var decision = ScreenItem(item);

        // Assert: the covered-use rule reads the transfer, the purpose (別表1) and the exceptions it rules out.
        var step = decision.Steps.Single(s => s.RuleId == decision.DecidingRule);
        step.Kind.Should().Be(RuleKind.Outcome);
        step.Facts.Select(f => f.Fact).Should().Contain(["transfer", "purpose.kind", "consent", "rights.infringement_risk", "data.my_number"]);
        step.Facts.Single(f => f.Fact == "purpose.kind").Value.Should().Be("居住・資格・助成・加入などの要件の確認");
        step.Facts.Should().AllSatisfy(f => f.Label.Should().NotBeNullOrWhiteSpace());
    }

    [Fact]
    public void Screen_OnlyTheDecidingOutcomeRule_AppearsAmongTheSteps()
    {
        // Arrange
        var item = CoveredProvision;

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Steps.Where(s => s.Kind == RuleKind.Outcome).Should().ContainSingle().Which.RuleId.Should().Be(decision.DecidingRule);
    }

    [Fact]
    public void Screen_SpecialCareChildrenLargeAndContinuing_RaisesEveryFlag()
    {
        // Arrange: seed 000 別紙2 — a 要配慮 file on children, shared continually, here over 1,000 persons.
        var item = CoveredProvision with { Persons = 1500, Frequency = "continuing" };

        // Act
        var decision = ScreenItem(item);

        // Assert: flags never decide alone.
        decision.Outcome.Should().Be(Outcome.Covered);
        decision.Flags.Should().Contain(f => f.Contains("要配慮個人情報", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("子ども", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("1,000", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("恒常的", StringComparison.Ordinal));
        decision.StepRules().Should().Contain(["注意-要配慮個人情報", "注意-子ども", "注意-大規模", "注意-恒常的な利用"]);
    }

    [Fact]
    public void Screen_ExactlyOneThousandPersons_IsNotLargeScale()
    {
        // Arrange: 法75条 — 個人情報ファイル簿 for files of more than 1,000 persons.
        var item = SchoolAidCheck with { Persons = 1000 };

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.StepRules().Should().NotContain("注意-大規模");
    }

    [Fact]
    public void Screen_ChildProtectionFile_IsFlaggedForAbuseVictims()
    {
        // Arrange
        var item = UseBy(Ward.WelfareManagementSection, Ward.ChildProtectionFile, "eligibility_check");

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.StepRules().Should().Contain("注意-DV・虐待");
    }

    [Fact]
    public void Screen_CoveredProvision_BindsTheRecipientMeasuresOfArticle70()
    {
        // Arrange
        var item = CoveredProvision;

        // Act
        var decision = ScreenItem(item);

        // Assert: 留意事項 — minimum necessary; the holding section requires measures from the recipient (法70条).
        decision.Conditions.Should().Contain(c => c.Contains("必要最小限", StringComparison.Ordinal))
            .And.Contain(c => c.Contains("必要な措置を講ずることを求める", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_CoveredOutsourcing_BindsTheStandardClauses()
    {
        // Arrange
        var item = Outsourcing(Task("data_entry"));

        // Act
        var decision = ScreenItem(item);

        // Assert
        decision.Conditions.Should().Contain(c => c.Contains("特記事項", StringComparison.Ordinal));
    }

    private static bool IsJapanese(char c) => c is >= '\u3040' and <= '\u30ff' or >= '\u4e00' and <= '\u9fff';
}
