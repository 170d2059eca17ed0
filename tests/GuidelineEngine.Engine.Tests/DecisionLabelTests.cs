using GuidelineEngine.Domain.Model;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Engine.Reporting;

namespace GuidelineEngine.Engine.Tests;

/// <summary>
/// A decision stores codes; what staff read is named by the version that judged it (version.yaml <c>outcome_labels</c>,
/// facts.yaml values): Nerima's guideline, the old ordinance and a municipality without a guideline word the same code
/// differently.
/// </summary>
public sealed class DecisionLabelTests
{
    [Fact]
    public void Report_TemplateVersion_NamesTheReviewInTheTemplatesWords()
    {
        // A section of the template's example registry uses its own file for another purpose, on no law and no consent:
        // without a guideline, everything out of purpose that the law itself does not settle goes to the review body.
        var use = Intakes.UseBy("例示部例示課", Ward.SchoolAidFile, "other") with { File = null, HoldingSection = "例示部例示課" };
        var intake = Intakes.Case(use) with { ProposingSection = "例示部例示課" };

        var decision = TestScreener.Screener.Screen(intake, "template/2023-04");
        var report = TextReport.Render(decision, TestScreener.Screener.Labels(decision.VersionId));

        decision.Outcome.Should().Be(Outcome.NeedsReview);
        report.Should().StartWith("# 判定結果: 審査機関での個別の判断が必要");
        report.Split('\n').Where(l => l.StartsWith('#')).Should().NotContain(l => l.Contains("ガイドライン"), "a municipality without a guideline names no guideline outcome");
    }

    [Fact]
    public void Report_SameCodeUnderNerima_NamesTheGuideline()
    {
        var decision = TestScreener.Screen(Intakes.Case(Intakes.SchoolAidCheck));
        var report = TextReport.Render(decision, TestScreener.Screener.Labels(decision.VersionId));

        decision.Outcome.Should().Be(Outcome.Covered);
        report.Should().StartWith("# 判定結果: ガイドライン該当（審議省略）");
        report.Should().Contain("- 区分: 目的外利用（同一行政機関内）（法第69条第2項第2号）", "transfer and 号 are codes named by the version");
    }

    [Fact]
    public void Labels_VersionNotLoaded_ShowTheCodes()
    {
        var labels = TestScreener.Screener.Labels("nerima/2099-01");
        var item = new ItemDecision { ItemId = "1", Outcome = Outcome.Covered, Transfer = "use", Provision = "item2" };

        labels.Outcome(Outcome.Covered).Should().Be("covered");
        labels.Transfer(item).Should().Be("use");
        labels.Provision(item).Should().Be("item2");
    }
}
