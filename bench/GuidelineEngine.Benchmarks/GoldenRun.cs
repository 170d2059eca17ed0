using System.Text;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Casebook;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Benchmarks;

/// <summary>
/// Golden decisions for a redesign: every casebook case under each of its expectations' versions, and seeded generated
/// cases (written once as YAML, so that later runs read the same files) under every version, rendered as JSON with and
/// without the rationale. Two runs — before and after a change — are compared byte for byte (<c>cmp</c>).
/// </summary>
public static class GoldenRun
{
    public static void Run(string output, string casebookRoot, int generated)
    {
        var catalog = RuleSetCatalog.Load(RuleSets.Root);
        var screener = new CaseScreener(catalog.Versions);
        var casesFolder = Path.Combine(output, "cases");
        if (!Directory.Exists(casesFolder))
        {
            Directory.CreateDirectory(casesFolder);
            var generator = new CaseGenerator(20261203);
            for (var n = 0; n < generated; n++)
            {
                var intake = generator.Next();
                File.WriteAllText(Path.Combine(casesFolder, $"{intake.Id}.yaml"), IntakeWriter.ToYaml(intake));
            }
        }
        var judged = new List<(string Name, Domain.Intake.CaseIntake Intake, string? Version)>();
        foreach (var entry in CasebookReader.ReadAll(casebookRoot, catalog.Versions).OrderBy(c => c.CasebookPath, StringComparer.Ordinal))
        {
            foreach (var version in entry.Expected.Select(e => e.Version).Distinct())
            {
                judged.Add((entry.CasebookPath, entry.Intake, version));
            }
        }
        foreach (var file in Directory.GetFiles(casesFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var intake = IntakeReader.ReadFile(file).Intake;
            foreach (var version in catalog.Versions.Where(v => v.Version.Jurisdiction == "nerima"))
            {
                judged.Add((Path.GetFileName(file), intake, version.Version.Id));
            }
        }
        foreach (var withRationale in new[] { true, false })
        {
            var text = new StringBuilder();
            foreach (var (name, intake, version) in judged)
            {
                text.Append("# ").Append(name).Append(' ').Append(version ?? "(by date)").Append('\n');
                try
                {
                    text.Append(JsonReport.Render(screener.Screen(intake, version, withRationale))).Append('\n');
                }
                catch (ScreeningException e)
                {
                    text.Append("refused: ").Append(e.Message).Append('\n');
                }
            }
            var path = Path.Combine(output, withRationale ? "with-rationale.txt" : "without-rationale.txt");
            File.WriteAllText(path, text.ToString());
            Console.WriteLine($"{path}: {judged.Count:N0} judgements");
        }
    }
}
