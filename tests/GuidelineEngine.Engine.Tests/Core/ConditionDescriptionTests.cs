using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// A condition in plain Japanese (the rules document and the failure texts): nested 「かつ」「または」「でない」 must read one
/// way only — on one line with brackets, and as an outline where each heading heads exactly the parts under it.
/// </summary>
public sealed class ConditionDescriptionTests
{
    private static readonly RuleSetDefinition Definition = Version(VersionIds.Current);
    private static readonly ConditionExplainer Explainer = new(Definition, new FactLayout(Definition.Facts), JapaneseWording.Instance);

    private static readonly Condition Subcontracted = new FactTest("outsourcing.subcontracting", Comparison.Equal, true);
    private static readonly Condition Unapproved = new FactTest("outsourcing.subcontracting_approved", Comparison.Equal, false);
    private static readonly Condition Abroad = new FactTest("outsourcing.outside_japan", Comparison.Equal, true);

    [Fact]
    public void Describe_AGroupInsideAGroup_IsBracketed()
    {
        // Arrange: 「国外で取り扱う」または（「再委託がある」かつ「承認がない」）
        var condition = new AnyOf([Abroad, new AllOf([Subcontracted, Unapproved])]);

        // Act
        var text = Explainer.Describe(condition);

        // Assert
        text.Should().Be("「国外での取扱い」が「はい」または（「再委託の有無」が「はい」かつ「再委託の事前承認」が「いいえ」）");
    }

    [Fact]
    public void Describe_ANegatedGroup_BracketsWhatItNegates()
    {
        var text = Explainer.Describe(new AllOf([Abroad, new NotOf(new AllOf([Subcontracted, Unapproved]))]));

        text.Should().Be("「国外での取扱い」が「はい」かつ（「再委託の有無」が「はい」かつ「再委託の事前承認」が「いいえ」）でない");
    }

    [Fact]
    public void Describe_ANegatedFit_ReadsAsNotFitting()
    {
        Explainer.Describe(new NotOf(new Fits("別表3"))).Should().Be("別表3に該当しない");
    }

    [Fact]
    public void Outline_NestedGroups_HeadTheirPartsOneLevelDeeper()
    {
        // Arrange: A かつ（B または（C かつ D）） かつ（E かつ F でない）
        var condition = new AllOf([
            Abroad,
            new AnyOf([new NotOf(new Fits("別表3")), new AllOf([Subcontracted, Unapproved])]),
            new NotOf(new AllOf([Subcontracted, Unapproved])),
        ]);

        // Act
        var outline = Explainer.Outline(condition);

        // Assert
        outline.Should().Equal(
            (0, "次のすべてに当たる（かつ）"),
            (1, "「国外での取扱い」が「はい」"),
            (1, "次のいずれかに当たる（または）"),
            (2, "別表3に該当しない"),
            (2, "次のすべてに当たる（かつ）"),
            (3, "「再委託の有無」が「はい」"),
            (3, "「再委託の事前承認」が「いいえ」"),
            (1, "次のすべてに当たる場合を除く（否定: どれか一つでも当たらなければよい）"),
            (2, "「再委託の有無」が「はい」"),
            (2, "「再委託の事前承認」が「いいえ」"));
    }

    [Fact]
    public void Outline_SameKindGroupsInside_AreMergedAndALeafIsOneLine()
    {
        var merged = Explainer.Outline(new AllOf([Abroad, new AllOf([Subcontracted, Unapproved])]));
        var leaf = Explainer.Outline(Abroad);
        var none = Explainer.Outline(new NotOf(new AnyOf([Abroad, Subcontracted])));

        merged.Should().Equal((0, "次のすべてに当たる（かつ）"), (1, "「国外での取扱い」が「はい」"),
            (1, "「再委託の有無」が「はい」"), (1, "「再委託の事前承認」が「いいえ」"));
        leaf.Should().Equal((0, "「国外での取扱い」が「はい」"));
        none.Should().Equal((0, "次のいずれにも当たらない（否定）"), (1, "「国外での取扱い」が「はい」"), (1, "「再委託の有無」が「はい」"));
    }

    [Fact]
    public void Describe_AnEmptyTextOperand_ReadsAsBlank()
    {
        Explainer.Describe(new FactTest("statute.name", Comparison.NotEqual, "")).Should().Be("「根拠法令」が空欄でない");
    }
}
