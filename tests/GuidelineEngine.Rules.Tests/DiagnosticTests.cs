using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Tests.Support;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Tests;

public sealed class DiagnosticTests
{
    [Fact]
    public void ToString_WithLineAndField_GivesFileLineColumnFieldMessage()
    {
        // Arrange
        var diagnostic = new Diagnostic("rules/nerima/2023-04/留意事項.yaml", 12, 5, "notes[1].when", "未知の事実「transfers」です。");

        // Act
        var text = diagnostic.ToString();

        // Assert
        text.Should().Be("rules/nerima/2023-04/留意事項.yaml:12:5: notes[1].when: 未知の事実「transfers」です。");
    }

    [Fact]
    public void ToString_WithoutLine_LeavesOutLineAndColumn()
    {
        // Arrange
        var diagnostic = new Diagnostic("rules/nerima/2023-04/留意事項.yaml", 0, 0, "", "ファイルが空です。");

        // Act
        var text = diagnostic.ToString();

        // Assert
        text.Should().Be("rules/nerima/2023-04/留意事項.yaml: ファイルが空です。");
    }

    [Fact]
    public void ToString_WithLineButNoField_LeavesOutTheField()
    {
        // Arrange
        var diagnostic = new Diagnostic("case.yaml", 3, 1, "", "YAML のエイリアス（*）は使えません。");

        // Act
        var text = diagnostic.ToString();

        // Assert
        text.Should().Be("case.yaml:3:1: YAML のエイリアス（*）は使えません。");
    }

    [Fact]
    public void At_WithMark_TakesFileLineAndColumnFromTheMark()
    {
        // Arrange
        var mark = new SourceMark("別表1.yaml", 16, 7);

        // Act
        var diagnostic = Diagnostic.At(mark, "other.yaml", "table.categories[0].when", "message");

        // Assert
        diagnostic.ToString().Should().Be("別表1.yaml:16:7: table.categories[0].when: message");
    }

    [Fact]
    public void ToString_OfARealLoadError_StartsWithFileLineAndColumnThenField()
    {
        // Arrange
        using var rules = TempRules.Copy(TempRules.Current);
        rules.Replace("留意事項.yaml", "  - id: 留意-必要最小限\n", "  - id: 留意-必要最小限\n    severity: high\n");
        var line = rules.LineOf("留意事項.yaml", "severity: high");
        var diagnostic = rules.LoadFails().Diagnostics.Single();

        // Act
        var text = diagnostic.ToString();

        // Assert
        text.Should().StartWith($"{diagnostic.File}:{line}:5: notes[1].severity: ");
    }

    [Fact]
    public void Bag_MoreErrorsThanItLists_KeepsTheFirstAndSaysThereAreMore()
    {
        // Arrange: a large broken file must not bury its first errors under thousands of lines.
        var bag = new DiagnosticBag();

        // Act
        for (var line = 1; line <= DiagnosticBag.MaxItems + 50; line++)
        {
            bag.Add(new Diagnostic("big.yaml", line, 1, $"notes[{line - 1}]", "未知のキーです。"));
        }

        // Assert
        bag.Items.Should().HaveCount(DiagnosticBag.MaxItems + 1);
        bag.Items.Take(DiagnosticBag.MaxItems).Select(d => d.Line).Should().Equal(Enumerable.Range(1, DiagnosticBag.MaxItems));
        bag.Items[^1].Should().Be(new Diagnostic("big.yaml", 0, 0, "", $"ほかにも誤りがあります（最初の {DiagnosticBag.MaxItems} 件だけを示しました）。"));
    }

    [Fact]
    public void Bag_AtTheLimit_ListsEveryErrorWithoutASummary()
    {
        // Arrange
        var bag = new DiagnosticBag();

        // Act
        bag.AddRange(Enumerable.Range(1, DiagnosticBag.MaxItems).Select(line => new Diagnostic("big.yaml", line, 1, "", "誤り")));

        // Assert
        bag.Items.Should().HaveCount(DiagnosticBag.MaxItems).And.OnlyContain(d => d.Line > 0);
    }
}
