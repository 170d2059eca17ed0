using System.Text.RegularExpressions;

namespace GuidelineEngine.Domain.Tests.Architecture;

/// <summary>
/// The engine's core (src/GuidelineEngine.Engine.Core: the plan, the walker, the compiler, the session) is generic: it
/// knows no sentence of any language and no fact of any catalogue. The guideline's words come from a
/// <c>ConditionWording</c> and its semantics from the rule files and the model; a comment may quote them, code may not.
/// </summary>
public sealed partial class EngineCoreTests
{
    private static readonly string Core = Path.Combine(AppContext.BaseDirectory, "src", "GuidelineEngine.Engine.Core");

    [Fact]
    public void Core_WritesNoJapanese()
    {
        var lines = CodeLines().Where(l => Japanese().IsMatch(l.Text)).Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}").ToList();

        lines.Should().BeEmpty("the core's sentences are a ConditionWording's");
    }

    [Fact]
    public void Core_NamesNoFactOfAnyCatalogue()
    {
        var facts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "rules"), "*.yaml", SearchOption.AllDirectories)
            .SelectMany(f => FactName().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        facts.Should().Contain(["transfer", "legal.basis", "item.kind"], "the catalogues are read");

        var named = CodeLines()
            .SelectMany(l => Literal().Matches(l.Text).Select(m => (l.File, l.Line, Name: m.Groups[1].Value)))
            .Where(x => facts.Contains(x.Name))
            .Select(x => $"{x.File}:{x.Line}: \"{x.Name}\"")
            .ToList();

        named.Should().BeEmpty("which fact means what is the rule files' and the guideline module's business");
    }

    // The code of the core's files, comments left out (a comment may quote the guideline).
    private static IEnumerable<(string File, int Line, string Text)> CodeLines()
    {
        var files = Directory.GetFiles(Core, "*.cs");
        files.Should().NotBeEmpty("the sources are copied beside the tests");
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Split("//")[0];
                if (code.Trim().Length > 0)
                {
                    yield return (Path.GetFileName(file), i + 1, code);
                }
            }
        }
    }

    [GeneratedRegex(@"[\u3040-\u30FF\u4E00-\u9FFF\uFF01-\uFF60]")]
    private static partial Regex Japanese();

    [GeneratedRegex(@"^\s*-\s*name:\s*([\w.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex FactName();

    [GeneratedRegex("\"([a-z_][a-z_.]*)\"")]
    private static partial Regex Literal();
}
