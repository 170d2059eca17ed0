using GuidelineEngine.Rules.Intake;

namespace GuidelineEngine.Web.Tests;

/// <summary>The intake the pages carry in a hidden field reads back as the same intake.</summary>
public sealed class IntakeWriterJsonTests
{
    public static TheoryData<string> CaseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Casebook, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestPaths.Casebook, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Write_CasebookIntake_ReadsBackTheSame(string file)
    {
        // Arrange
        var intake = Intakes.Casebook(file);

        // Act
        var json = IntakeWriter.ToJson(intake);
        var again = IntakeReader.ReadBytes(System.Text.Encoding.UTF8.GetBytes(json), "round-trip").Intake;

        // Assert
        IntakeWriter.ToJson(again).Should().Be(IntakeWriter.ToJson(intake));
        again.Should().BeEquivalentTo(intake, options => options.RespectingRuntimeTypes());
        json.Should().NotContain("\n", "a hidden field holds it on one line");
    }
}
