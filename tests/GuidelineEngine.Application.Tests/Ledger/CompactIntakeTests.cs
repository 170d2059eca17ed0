using System.Text;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Application.Replay;
using GuidelineEngine.Rules.Intake;

namespace GuidelineEngine.Application.Tests.Ledger;

/// <summary>The compact form of an intake that the derived table keeps: it must read back as the intake it was.</summary>
public sealed class CompactIntakeTests
{
    /// <summary>The casebook's intakes (its regression cases and its examples), each as the case file reader gives it.</summary>
    public static TheoryData<string> CaseFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Casebook, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(TestPaths.Casebook, file));
        }
        return files;
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Every_casebook_intake_reads_back_unchanged_and_screens_the_same_under_both_versions(string file)
    {
        var intake = IntakeReader.ReadFile(Path.Combine(TestPaths.Casebook, file)).Intake;

        var compact = CompactIntake.Encode(intake);
        var back = CompactIntake.Decode(Encoding.UTF8.GetBytes(compact));

        // Compared through the case-file writer, which knows nothing of the compact form.
        IntakeWriter.ToYaml(back).Should().Be(IntakeWriter.ToYaml(intake));
        CompactIntake.Encode(back).Should().Be(compact);
        foreach (var version in new[] { "nerima/pre-2023", "nerima/2023-04" })
        {
            JsonReport.Render(LedgerFixture.Screener.Screen(back, version)).Should().Be(JsonReport.Render(LedgerFixture.Screener.Screen(intake, version)),
                "the decision with its rationale is the same under {0}", version);
        }
    }

    [Fact]
    public void The_compact_form_is_JSON_with_the_item_kind_first_and_unknown_fields_left_out()
    {
        var intake = new CaseIntake
        {
            ProposingSection = "教育振興部学務課",
            Items = [new UseOrProvisionItem { File = "就学援助台帳", Persons = 120 }, new OutsourcingItem { Tasks = [new OutsourcingTask { Kind = "system_operation" }] }],
        };

        CompactIntake.Encode(intake).Should().Be(
            """{"proposing_section":"教育振興部学務課","items":[{"kind":"use_or_provision","file":"就学援助台帳","data_items":[],"persons":120,"claimed_categories":[]},"""
            + """{"kind":"outsourcing","files":[],"tasks":[{"kind":"system_operation"}],"data_items":[],"claimed_categories":[]}]}""");
    }

    [Theory]
    [InlineData("""{"items":[{"file":"x"}]}""")]
    [InlineData("""{"items":[{"kind":"lending","file":"x"}]}""")]
    [InlineData("""{"items":[],"proposing_sectoin":"x"}""")]
    [InlineData("""{"items":"なし"}""")]
    [InlineData("""{"proposing_section":"企画課"}""")]
    [InlineData("""{"items":null}""")]
    [InlineData("""{"items":[{"kind":"use_or_provision","file":"x","claimed_categories":[]}]}""")]
    [InlineData("""{"items":[{"kind":"outsourcing","files":[],"tasks":null,"data_items":[],"claimed_categories":[]}]}""")]
    [InlineData("null")]
    public void Anything_else_is_refused_rather_than_read_as_some_intake(string json)
    {
        var decode = () => CompactIntake.Decode(Encoding.UTF8.GetBytes(json));

        decode.Should().Throw<System.Text.Json.JsonException>();
    }
}
