using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Casebook;

/// <summary>Reads casebook case files: the intake plus source, expectations and annotation (docs/casebook.md).</summary>
public static class CasebookReader
{
    /// <summary>Folders that hold examples rather than regression cases.</summary>
    public static readonly string[] ExampleFolders = ["examples"];

    /// <summary>
    /// Reads every case under <paramref name="root"/> (examples aside) and checks each intake against the
    /// version of each of its expectations; reports every error together.
    /// </summary>
    public static IReadOnlyList<CasebookCase> ReadAll(string root, IReadOnlyList<RuleSetDefinition> versions)
    {
        if (!Directory.Exists(root))
        {
            throw new InputException([new Diagnostic(DisplayPath.Of(root), 0, 0, "", "事例集のフォルダが見つかりません。")]);
        }
        var files = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => (File: file, Group: Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/')))
            .Where(f => !ExampleFolders.Contains(f.Group.Split('/')[0]));
        // A cold `screen` waits for the casebook: its files are read on every core.
        var diagnostics = new DiagnosticBag();
        var cases = diagnostics.ReadEach(files, f => Read(f.File, f.Group, versions));
        diagnostics.ThrowIfAny();
        return cases;
    }

    public static CasebookCase Read(string path, string group, IReadOnlyList<RuleSetDefinition> versions)
    {
        // One parse serves both the intake and the casebook's own keys.
        var display = DisplayPath.Of(path);
        var diagnostics = new DiagnosticBag();
        var root = YamlDocumentLoader.LoadFile(path, display, diagnostics);
        var document = IntakeReader.Read(root, display, diagnostics);
        // The intake reader has refused a file it cannot read (and left no error behind), so the root is a mapping here.
        var map = YamlMap.Root(root, document.File, diagnostics)!;
        var source = map.Map("source");
        source?.AllowOnly("file", "section", "table", "rows", "recorded", "facts");
        var synthetic = map.Bool("synthetic") ?? false;
        if (source is null && !synthetic)
        {
            map.Error("source", "出典（source）がありません。合成事例なら synthetic: true と書いてください。");
        }
        var expected = map.Maps("expected", required: true).Select(ReadExpectation).OfType<Expectation>().ToList();
        var annotation = map.Map("annotation");
        annotation?.AllowOnly("note", "categories");
        var annotated = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        if (annotation?.Map("categories") is { } byVersion)
        {
            foreach (var version in byVersion.Keys)
            {
                annotated[version] = ReadCategories(byVersion.Map(version));
            }
        }
        foreach (var expectation in expected)
        {
            var named = expectation.Version ?? document.Intake.RulesVersion;
            var version = RuleSetSelection.Select(versions, v => v.Version, named, document.Intake.Date);
            if (version is null)
            {
                diagnostics.Add(document.Error("expected", $"期待（{named ?? document.Intake.Date?.ToString("yyyy-MM-dd")}）に当たる規則の版がありません。"));
                continue;
            }
            foreach (var problem in IntakeChecker.Check(document, version).Where(p => !diagnostics.Items.Contains(p)))
            {
                diagnostics.Add(problem);
            }
        }
        diagnostics.ThrowIfAny();
        return new CasebookCase
        {
            File = document.File,
            Group = group,
            Intake = document.Intake,
            Source = source is null ? null : new CaseSource
            {
                File = source.String("file", required: true) ?? "",
                Section = source.String("section", required: true) ?? "",
                Table = source.String("table"),
                Rows = source.String("rows"),
                Recorded = source.String("recorded"),
            },
            Synthetic = synthetic,
            Expected = expected,
            AnnotationNote = annotation?.String("note"),
            AnnotatedCategories = annotated,
        };
    }

    private static Expectation? ReadExpectation(YamlMap map)
    {
        map.AllowOnly("version", "outcome", "categories");
        var code = map.String("outcome", required: true);
        if (code is null)
        {
            return null;
        }
        if (!Outcomes.TryParse(code, out var outcome))
        {
            map.Error("outcome", $"未知の結論「{code}」です。");
            return null;
        }
        return new Expectation { Version = map.String("version"), Outcome = outcome, Categories = ReadCategories(map.Map("categories")) };
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadCategories(YamlMap? map) =>
        map is null ? [] : map.Keys.ToDictionary(item => item, item => map.Strings(item));
}
