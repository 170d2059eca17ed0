using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Application.Replay;
using GuidelineEngine.Rules.Intake;

namespace GuidelineEngine.Properties.Tests;

/// <summary>
/// The compact intake that a consultation record keeps beside its payload, which impact analysis screens instead of the
/// YAML as submitted (src/GuidelineEngine.Records/Replay/CompactIntake.cs): over <see cref="Runs.Cases"/> generated intakes
/// from the fixed seed <see cref="Runs.Seed"/>, whatever their free text holds.
/// </summary>
public sealed class CompactIntakeProperties
{
    /// <summary>
    /// CaseIntake → compact → CaseIntake gives the same intake (compared through the case-file writer, which knows nothing
    /// of the compact form, and through the compact form again) and the same decision, with its rationale, under both versions.
    /// </summary>
    [Property(MaxTest = Runs.Cases, Replay = Runs.Seed, QuietOnSuccess = true)]
    [Trait(Speed.Trait, Speed.Slow)]
    public Property An_intake_read_back_from_its_compact_form_is_the_same_intake_and_screens_the_same() => Prop.ForAll(Intakes.Any, generated =>
    {
        var intake = generated.Intake;

        var compact = CompactIntake.Encode(intake);
        var back = CompactIntake.Decode(Encoding.UTF8.GetBytes(compact));

        IntakeWriter.ToJson(back).Should().Be(IntakeWriter.ToJson(intake));
        CompactIntake.Encode(back).Should().Be(compact);
        foreach (var version in new[] { Engines.Current, Engines.PreAct })
        {
            Screened(back, version).Should().Be(Screened(intake, version), version);
        }
    });

    // An intake valid under the version of its date may contradict what the other version derives (a body abroad that
    // 2023-04 knows to be in Japan): then both must fail alike.
    private static string Screened(CaseIntake intake, string version)
    {
        try
        {
            return JsonReport.Render(Engines.Screener.Screen(intake, version));
        }
        catch (FactConflictException e)
        {
            return e.Message;
        }
    }
}
