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
}
