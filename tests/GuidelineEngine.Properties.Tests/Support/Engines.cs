using GuidelineEngine.Application.Precedents;
using GuidelineEngine.Application.Screening;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Casebook;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Tests.Shared;

namespace GuidelineEngine.Properties.Tests;

/// <summary>The repository's rule sets and casebook as copied beside the test assembly, loaded once, and screeners over them.</summary>
internal static class Engines
{
    public const string Current = "nerima/2023-04";
    public const string PreAct = "nerima/pre-2023";

    private static readonly Lazy<IReadOnlyList<RuleSetDefinition>> Versions = new(() => RuleSetCatalog.Load(TestPaths.Rules).Versions);
    private static readonly Lazy<CaseScreener> Plain = new(() => new CaseScreener(Versions.Value));
    private static readonly Lazy<ConsultationScreening> Listing = new(() => WithPrecedents(Versions.Value));

    /// <summary>The engine alone: no 類似事例, which no outcome depends on and which cost a third of the time.</summary>
    public static CaseScreener Screener => Plain.Value;

    /// <summary>As <c>guideline screen</c> builds it: with the casebook's 類似事例 in every item decision.</summary>
    public static ConsultationScreening ScreenerWithPrecedents => Listing.Value;

    public static RuleSetDefinition Version(string id) => Versions.Value.Single(v => v.Version.Id == id);

    /// <summary>A screener from a fresh load and compile of the same rule sets and casebook, sharing nothing with the others.</summary>
    public static ConsultationScreening Fresh() => WithPrecedents(RuleSetCatalog.Load(TestPaths.Rules).Versions);

    private static ConsultationScreening WithPrecedents(IReadOnlyList<RuleSetDefinition> versions) =>
        new(new CaseScreener(versions), new PrecedentIndex(CasebookReader.ReadAll(TestPaths.Casebook, versions)));
}
