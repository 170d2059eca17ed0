using System.Text.RegularExpressions;

namespace GuidelineEngine.Domain.Tests.Architecture;

/// <summary>
/// The engine's projects (src/GuidelineEngine.Engine.Core, src/GuidelineEngine.Engine) name no namespace of ours but the
/// domain's and the engine's own: precedents, the casebook run, the ledger and the reports on them are the application
/// layer's (GuidelineEngine.Application.*), which calls the engine. Read from the sources and project files copied beside
/// the tests; <c>EngineLayerTests</c> (Engine.Tests) checks the built assemblies' references.
/// </summary>
public sealed partial class EngineLayerSourceTests
{
    private static readonly string Sources = Path.Combine(AppContext.BaseDirectory, "src");
    private static readonly string[] EngineProjects = ["GuidelineEngine.Engine.Core", "GuidelineEngine.Engine"];

    [Fact]
    public void EngineSources_NameNoNamespaceOfTheApplicationOrAnyOtherLayerAbove()
    {
        var files = EngineProjects.SelectMany(p => Directory.GetFiles(Path.Combine(Sources, p), "*.cs", SearchOption.AllDirectories)).ToList();
        files.Should().HaveCountGreaterThan(10, "the sources are copied beside the tests");

        var named = files
            .SelectMany(f => File.ReadAllLines(f).Select((text, i) => (File: Path.GetRelativePath(Sources, f), Line: i + 1, Code: text.Split("//")[0])))
            .SelectMany(l => OurNamespace().Matches(l.Code).Select(m => (l.File, l.Line, Name: m.Groups[1].Value)))
            .Where(x => x.Name is not ("Domain" or "Engine"))
            .Select(x => $"{x.File}:{x.Line}: GuidelineEngine.{x.Name}")
            .ToList();

        named.Should().BeEmpty("the engine is below the application layer, the rules front end and the records");
    }

    [Fact]
    public void EngineProjects_ReferenceNoProjectButTheDomainAndTheCore()
    {
        var references = EngineProjects
            .SelectMany(p => ProjectReference().Matches(File.ReadAllText(Path.Combine(Sources, p, p + ".csproj")))
                .Select(m => $"{p} → {Path.GetFileNameWithoutExtension(m.Groups[1].Value.Replace('\\', '/'))}"))
            .ToList();

        references.Should().BeEquivalentTo(
            "GuidelineEngine.Engine.Core → GuidelineEngine.Domain",
            "GuidelineEngine.Engine → GuidelineEngine.Domain",
            "GuidelineEngine.Engine → GuidelineEngine.Engine.Core");
    }

    [GeneratedRegex(@"\bGuidelineEngine\.([A-Z]\w*)")]
    private static partial Regex OurNamespace();

    [GeneratedRegex(@"<ProjectReference\s+Include=""([^""]+)""")]
    private static partial Regex ProjectReference();
}
