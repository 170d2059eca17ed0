using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Application.Ledger;

/// <summary>
/// The one gate an intake passes before it is screened, by every front end (command line, web service, ledger): the
/// version that will judge it is chosen, and the intake is checked against that version's registries and catalogue.
/// </summary>
public static class IntakeAdmission
{
    /// <summary>The version that judges the intake and every problem found, each with its field and line.</summary>
    /// <param name="versionId">A version named by the caller (not the intake); an unknown one is the caller's error.</param>
    /// <exception cref="ScreeningException">The caller named a version that does not exist.</exception>
    public static (CompiledRuleSet? Rules, IReadOnlyList<Diagnostic> Problems) Check(IntakeDocument document, CaseScreener screener, string? versionId = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(screener);
        try
        {
            var (rules, _) = screener.Select(document.Intake, versionId);
            var problems = IntakeChecker.Check(document, rules.Definition);
            return (rules, problems.Count > 0 ? problems : Contradictions(document, rules));
        }
        catch (ScreeningException e) when (versionId is null)
        {
            // No version for the date, or an unknown version named: the field that chose it is at fault.
            var field = document.Intake.RulesVersion is null ? "case.date" : "case.rules_version";
            return (null, [document.Error(field, e.Message)]);
        }
    }

    // An answer that contradicts what the version derives from the item's other facts (a 東京都 said to be abroad) is refused
    // here, at the field the department wrote, rather than surfacing as a conflict in the middle of a screening.
    private static IReadOnlyList<Diagnostic> Contradictions(IntakeDocument document, CompiledRuleSet rules)
    {
        var problems = new List<Diagnostic>();
        for (var i = 0; i < document.Intake.Items.Count; i++)
        {
            var (item, tasks) = IntakeFacts.Build(rules, document.Intake.Items[i]);
            try
            {
                rules.OpenSession(item, tasks, trace: false).Run();
            }
            catch (FactConflictException e) when (IntakeFacts.Fields.TryGetValue(e.Fact, out var field))
            {
                var fact = rules.Layout.Definition(e.Fact);
                var rule = rules.Definition.Rules.First(r => r.Id == e.RuleId);
                problems.Add(document.Error($"items[{i}].{field}",
                    $"{fact.Label}を「{fact.LabelOf(e.Existing)}」としていますが、ほかの記載から「{fact.LabelOf(e.Concluded)}」になります（規則 {rule.Id}、{rule.Article}）。どちらかを直してください。"));
            }
        }
        return problems;
    }

    /// <summary>As <see cref="Check"/>, throwing the problems, if any, as one <see cref="InputException"/>.</summary>
    public static void Admit(IntakeDocument document, CaseScreener screener, string? versionId = null)
    {
        var (_, problems) = Check(document, screener, versionId);
        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }
    }
}
