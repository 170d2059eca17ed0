using GuidelineEngine.Rules.Tests.Support;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Tests;

/// <summary>An intake fact names the intake field that gives it; the builder refuses a declaration that cannot be one.</summary>
public sealed class FieldDeclarationTests : IDisposable
{
    private readonly TempRules _rules = TempRules.Copy(TempRules.Current);

    private InputException LoadWith(string fact)
    {
        _rules.Write("区の事実.yaml", "facts:\n" + fact);
        return _rules.LoadFails();
    }

    [Fact]
    public void Load_IntakeFactWithoutAField_IsRefusedAtTheFact()
    {
        var error = LoadWith("  - name: ward.unfilled\n    type: bool\n    source: intake\n    derived_from: []\n    label: 埋まらない問い\n");

        error.Diagnostics.Should().ContainSingle(d => d.Field == "facts[0].field" && d.File.EndsWith("区の事実.yaml", StringComparison.Ordinal)
            && d.Message.Contains("「ward.unfilled」を埋める申出の項目がありません"));
    }

    [Fact]
    public void Load_FieldOfTheModelDeclaredForAnotherFact_IsRefused()
    {
        var error = LoadWith("  - name: ward.approved\n    type: bool\n    source: intake\n    field: subcontracting_approved\n    derived_from: []\n    label: 承認\n");

        error.Diagnostics.Should().ContainSingle(d => d.Field == "facts[0].field"
            && d.Message.Contains("申出の C# モデルで事実「outsourcing.subcontracting_approved」"));
    }

    [Theory]
    [InlineData("  - name: ward.derived\n    type: bool\n    source: derived\n    field: ward_derived\n    label: 導く事実\n")]
    [InlineData("  - name: ward.set\n    type: set\n    source: intake\n    field: ward_set\n    derived_from: []\n    label: 集合\n")]
    [InlineData("  - name: ward.nested\n    type: bool\n    source: intake\n    field: recipient.ward_nested\n    derived_from: []\n    label: 入れ子\n")]
    [InlineData("  - name: ward.purpose\n    type: text\n    source: intake\n    field: purpose\n    derived_from: []\n    label: 目的\n")]
    [InlineData("  - name: ward.task_field\n    type: bool\n    source: intake\n    field: ward_task_field\n    scope: task\n    derived_from: []\n    label: 作業\n")]
    public void Load_FieldThatCannotBeOne_IsRefused(string fact)
    {
        LoadWith(fact).Diagnostics.Should().Contain(d => d.Field == "facts[0].field");
    }

    [Fact]
    public void Load_Refused_LeavesTheIntakeFormatAsItWas()
    {
        LoadWith("  - name: ward.orphan\n    type: bool\n    source: intake\n    field: ward_orphan\n    derived_from: []\n    label: 孤立\n"
            + "  - name: ward.unfilled_too\n    type: bool\n    source: intake\n    derived_from: []\n    label: 埋まらない問い\n");

        Domain.Intake.IntakeFields.OfPath("ward_orphan").Should().BeNull("only a rule set that loads makes its fields readable");
    }

    public void Dispose() => _rules.Dispose();
}
