using System.Text;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Tests.Support;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Tests;

/// <summary>
/// Reading a case intake and checking it against nerima/2023-04: every mistake is reported with the
/// field path and the line where it was written.
/// </summary>
public sealed class IntakeReaderTests(ShippedCatalog shipped) : IClassFixture<ShippedCatalog>
{
    private const string Name = "case.yaml";

    // A valid use by 福祉部 of a 教育振興部 file (after casebook/examples/fy2023-welfare-uses-school-file.yaml).
    private const string UseCase = """
        case:
          id: test-use
          date: 2023-10-01
          proposing_section: 福祉部
        items:
          - kind: use_or_provision
            file: スクールソーシャルワーク事業ケースファイル
            purpose: 関係機関との連携のため
            purpose_kind: coordinated_support
            within_registered_purpose: false
            statute: { applies: false }

        """;

    // A valid outsourcing (after casebook/examples/fy2023-evacuation-outsourcing.yaml).
    private const string OutsourcingCase = """
        case:
          id: test-outsourcing
          date: 2023-10-01
          proposing_section: 福祉部
        items:
          - kind: outsourcing
            files: [避難行動要支援者名簿・個別避難計画ファイル]
            contractor_kind: private_company
            tasks:
              - kind: data_entry
                description: 調査票のデータ入力

        """;

    // UseCase in JSON syntax.
    private const string UseCaseJson = """
        {
          "case": {
            "id": "test-use",
            "date": "2023-10-01",
            "proposing_section": "福祉部"
          },
          "items": [
            {
              "kind": "use_or_provision",
              "file": "スクールソーシャルワーク事業ケースファイル",
              "purpose": "関係機関との連携のため",
              "purpose_kind": "coordinated_support",
              "within_registered_purpose": false,
              "statute": { "applies": false }
            }
          ]
        }
        """;

    public static TheoryData<string> Examples =>
        [.. Directory.EnumerateFiles(Path.Combine(TestPaths.Casebook, "examples"), "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static IntakeDocument Read(string text) => IntakeReader.ReadBytes(Encoding.UTF8.GetBytes(text), Name);

    /// <summary>Every error of reading and checking against 2023-04, whether the reader throws or the checker returns it.</summary>
    private IReadOnlyList<Diagnostic> Diagnose(string text)
    {
        try
        {
            return IntakeChecker.Check(Read(text), shipped.Current);
        }
        catch (InputException e)
        {
            return e.Diagnostics;
        }
    }

    /// <summary>Checks that <paramref name="text"/> gives one error at <paramref name="field"/>, on the line holding <paramref name="lineText"/>.</summary>
    private Diagnostic ShouldFail(string text, string field, string lineText)
    {
        var diagnostic = Diagnose(text).ShouldReport(Name, field);
        diagnostic.Line.Should().Be(TextEdit.LineOf(text, lineText), "the error should point at where {0} is written", field);
        return diagnostic;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Read_CasebookExample_ReadsAndChecksWithoutError(string file)
    {
        // Arrange
        var document = IntakeReader.ReadFile(Path.Combine(TestPaths.Casebook, "examples", file));
        var ruleSet = shipped.InForceOn(document.Intake.Date!.Value);

        // Act
        var errors = IntakeChecker.Check(document, ruleSet);

        // Assert
        errors.Should().BeEmpty();
        document.Intake.Items.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(UseCase)]
    [InlineData(OutsourcingCase)]
    [InlineData(UseCaseJson)]
    public void Read_ValidBaseCase_HasNoErrors(string text)
    {
        // Arrange: the cases every error test below departs from.

        // Act
        var errors = Diagnose(text);

        // Assert
        errors.Should().BeEmpty();
    }

    [Fact]
    public void Read_ItemWithUnknownKey_FailsNamingFieldAndLine()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "    purpose_kind:", "    colour: red\n    purpose_kind:");

        // Act / Assert
        ShouldFail(text, "items[0].colour", "colour: red").Message.Should().Contain("未知のキー");
    }

    [Fact]
    public void Check_ItemIdEqualToThePlaceOfAnItemWithoutOne_IsRefused()
    {
        // Arrange: the first item says it is "2"; the second, without an id, goes by its place, 2.
        var item = UseCase[UseCase.IndexOf("  - kind:", StringComparison.Ordinal)..];
        var text = TextEdit.ReplaceOnce(UseCase, "  - kind: use_or_provision", "  - id: \"2\"\n    kind: use_or_provision") + item;

        // Act / Assert
        Diagnose(text).ShouldReport(Name, "items").Message.Should().Contain("id が重複");
    }

    [Fact]
    public void Read_CaseWithUnknownKey_FailsNamingFieldAndLine()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "  id: test-use", "  id: test-use\n  urgency: high");

        // Act / Assert
        ShouldFail(text, "case.urgency", "urgency: high");
    }

    [Fact]
    public void Check_UnknownProposingDepartment_FailsNamingFieldAndLine()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "proposing_section: 福祉部", "proposing_section: 宇宙開発部");

        // Act / Assert
        ShouldFail(text, "case.proposing_section", "宇宙開発部").Message.Should().Contain("宇宙開発部");
    }

    [Fact]
    public void Check_UnknownRecipientSection_FailsNamingFieldAndLine()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "    purpose_kind:", "    recipient: { section: 福祉部架空課 }\n    purpose_kind:");

        // Act / Assert
        ShouldFail(text, "items[0].recipient.section", "福祉部架空課").Message.Should().Contain("福祉部架空課");
    }

    [Fact]
    public void Check_KnownRecipientSection_HasNoErrors()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "    purpose_kind:", "    recipient: { section: 福祉部生活福祉課 }\n    purpose_kind:");

        // Act
        var errors = Diagnose(text);

        // Assert
        errors.Should().BeEmpty();
    }

    [Fact]
    public void Check_UnknownPurposeKind_FailsNamingFieldLineAndAllowedValues()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "purpose_kind: coordinated_support", "purpose_kind: curiosity");

        // Act / Assert
        ShouldFail(text, "items[0].purpose_kind", "curiosity").Message.Should().Contain("curiosity").And.Contain("eligibility_check");
    }

    [Fact]
    public void Check_UnknownTaskKind_FailsNamingFieldAndLine()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(OutsourcingCase, "kind: data_entry", "kind: fortune_telling");

        // Act / Assert
        ShouldFail(text, "items[0].tasks[0].kind", "fortune_telling").Message.Should().Contain("fortune_telling");
    }

    [Fact]
    public void Read_UnknownItemKind_FailsNamingFieldAndLine()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "kind: use_or_provision", "kind: sale");

        // Act / Assert
        ShouldFail(text, "items[0].kind", "kind: sale");
    }

    [Fact]
    public void Check_UnknownClaimedCategory_FailsNamingFieldAndLine()
    {
        // Arrange: 別表1 has three categories.
        var text = TextEdit.ReplaceOnce(UseCase, "    purpose_kind:", "    claimed_categories: [別表1-9]\n    purpose_kind:");

        // Act / Assert
        ShouldFail(text, "items[0].claimed_categories[0]", "別表1-9").Message.Should().Contain("別表1-9");
    }

    [Fact]
    public void Check_NoMyNumberButMyNumberInDataItems_FailsNamingFieldAndLine()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "    purpose_kind:", "    includes_my_number: false\n    data_items: [氏名, 個人番号]\n    purpose_kind:");

        // Act / Assert
        ShouldFail(text, "items[0].includes_my_number", "includes_my_number: false").Message.Should().Contain("個人番号");
    }

    [Fact]
    public void Check_StatuteNotApplyingButNamed_FailsNamingFieldAndLine()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "statute: { applies: false }", "statute: { applies: false, name: 生活保護法 }");

        // Act / Assert
        ShouldFail(text, "items[0].statute.name", "生活保護法");
    }

    [Fact]
    public void Check_FileNotInRegistryWithoutHoldingSection_HasNoErrors()
    {
        // Arrange: a department often does not know who holds a file; the holder is then a question, not an input error.
        var text = TextEdit.ReplaceOnce(UseCase, "file: スクールソーシャルワーク事業ケースファイル", "file: 架空の台帳ファイル");

        // Act
        var errors = Diagnose(text);

        // Assert
        errors.Should().BeEmpty();
    }

    [Theory]
    [InlineData("区議会事務局")]
    [InlineData("議会事務局")]
    public void Check_FileHeldByTheWardCouncil_IsRefusedAsOutsideTheGuideline(string holder)
    {
        // Arrange: 法第2条第11項 leaves the council out of the 行政機関等; its files are governed by its own ordinance.
        var text = TextEdit.ReplaceOnce(UseCase, "file: スクールソーシャルワーク事業ケースファイル",
            $"file: 議会傍聴者受付ファイル\n    holding_section: {holder}");

        // Act / Assert
        ShouldFail(text, "items[0].holding_section", $"holding_section: {holder}").Message.Should().Contain("このガイドラインでは判断できません");
    }

    [Fact]
    public void Check_FileHeldByTheCouncilBefore2023_IsScreenedAsTheOldOrdinanceDid()
    {
        // Arrange: under the old ordinance the council was one of the 実施機関 (seed 000, ガイドライン「<参考>」の注記).
        var text = TextEdit.ReplaceOnce(UseCase, "file: スクールソーシャルワーク事業ケースファイル",
            "file: 議会傍聴者受付ファイル\n    holding_section: 区議会事務局").Replace("date: 2023-10-01", "date: 2019-10-01", StringComparison.Ordinal)
            .Replace("proposing_section: 福祉部", "proposing_section: 区民部", StringComparison.Ordinal);
        var document = Read(text);

        // Act
        var errors = IntakeChecker.Check(document, shipped.InForceOn(document.Intake.Date!.Value));

        // Assert
        errors.Should().BeEmpty();
    }

    [Fact]
    public void Check_FileNotInRegistryWithHoldingSection_HasNoErrors()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "file: スクールソーシャルワーク事業ケースファイル", "file: 架空の台帳ファイル\n    holding_section: 教育振興部");

        // Act
        var errors = Diagnose(text);

        // Assert
        errors.Should().BeEmpty();
    }

    [Fact]
    public void Check_MissingCaseDate_FailsNamingFieldAndALineInTheCase()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "  date: 2023-10-01\n", "");

        // Act
        var diagnostic = Diagnose(text).ShouldReport(Name, "case.date");

        // Assert
        diagnostic.Line.Should().BeInRange(TextEdit.LineOf(text, "case:"), TextEdit.LineOf(text, "proposing_section:"));
        diagnostic.Message.Should().Contain("case.date");
    }

    [Fact]
    public void Check_EmptyItemsList_FailsNamingFieldAndLine()
    {
        // Arrange
        var text = UseCase[..UseCase.IndexOf("items:", StringComparison.Ordinal)] + "items: []\n";

        // Act / Assert
        ShouldFail(text, "items", "items: []");
    }

    [Fact]
    public void Check_TwoMistakes_ReportsBoth()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "    purpose_kind: coordinated_support", "    purpose_kind: curiosity\n    claimed_categories: [別表1-9]");

        // Act
        var errors = Diagnose(text);

        // Assert
        errors.Select(e => e.Field).Should().BeEquivalentTo("items[0].purpose_kind", "items[0].claimed_categories[0]");
    }

    [Fact]
    public void Read_JsonIntake_ReadsTheSameAsYaml()
    {
        // Arrange
        var yaml = Read(UseCase).Intake;

        // Act
        var json = Read(UseCaseJson).Intake;

        // Assert
        json.Should().BeEquivalentTo(yaml, o => o.RespectingRuntimeTypes());
        json.Date.Should().Be(new DateOnly(2023, 10, 1));
    }

    [Fact]
    public void Check_JsonIntakeWithUnknownPurposeKind_FailsNamingFieldAndLine()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCaseJson, "\"purpose_kind\": \"coordinated_support\"", "\"purpose_kind\": \"curiosity\"");

        // Act / Assert
        ShouldFail(text, "items[0].purpose_kind", "curiosity");
    }

    [Fact]
    public void Read_IntakeWithYamlAlias_IsRefused()
    {
        // Arrange
        var text = TextEdit.ReplaceOnce(UseCase, "purpose: 関係機関との連携のため", "purpose: &p 関係機関との連携のため\n    title_copy: *p");

        // Act
        var diagnostic = Diagnose(text).ShouldReport(Name, "items[0].title_copy");

        // Assert
        diagnostic.Line.Should().Be(TextEdit.LineOf(text, "*p"));
        diagnostic.Message.Should().Contain("エイリアス");
    }
}
