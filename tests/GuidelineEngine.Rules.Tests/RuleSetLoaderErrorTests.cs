using System.Text;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Tests.Support;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Tests;

/// <summary>
/// A copy of nerima/2023-04 broken in one place per test: the load is refused with diagnostics that
/// name the file, the line and the field, never silently accepted.
/// </summary>
public sealed class RuleSetLoaderErrorTests : IDisposable
{
    private const string Notes = "留意事項.yaml";
    private const string Flags = "注意喚起.yaml";
    private const string Outcomes = "法69条.yaml";
    private const string Derivations = "区分.yaml";
    private const string Table1 = "別表1.yaml";
    private const string Facts = "facts.yaml";
    private const string Files = "registry/files.yaml";

    private readonly TempRules _rules = TempRules.Copy(TempRules.Current);

    public void Dispose() => _rules.Dispose();

    [Fact]
    public void Load_UnmodifiedCopy_Succeeds()
    {
        // Arrange: nothing broken (the baseline every other test departs from).

        // Act
        var ruleSet = _rules.Load();

        // Assert
        ruleSet.Version.Id.Should().Be("nerima/2023-04");
    }

    [Fact]
    public void Load_RuleFileWithBadIndentation_FailsNamingFileAndLine()
    {
        // Arrange: one key of the second note is indented a column short.
        _rules.Replace(Notes, "    wording: 利用目的以外の目的のための利用および提供する場合には",
            "   wording: 利用目的以外の目的のための利用および提供する場合には");
        var brokenLine = _rules.LineOf(Notes, "   wording: 利用目的以外の目的のための利用および提供する場合には");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Notes), "");
        diagnostic.Line.Should().Be(brokenLine);
        diagnostic.Message.Should().Contain("YAML の書式");
    }

    [Fact]
    public void Load_RuleWithAKeyWrittenTwice_FailsNamingTheSecondKeysLineAndField()
    {
        // Arrange: a second id would silently replace the first if it were accepted.
        _rules.Replace(Notes, "  - id: 留意-必要最小限\n", "  - id: 留意-必要最小限\n    id: 留意-別名\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Notes), "notes[1].id");
        diagnostic.Line.Should().Be(_rules.LineOf(Notes, "id: 留意-別名"));
        diagnostic.Message.Should().Contain("キー「id」が2回");
    }

    [Fact]
    public void Load_RuleWithUnknownKey_FailsNamingFileLineAndField()
    {
        // Arrange: a misspelt or invented key must be rejected, not ignored.
        _rules.Replace(Notes, "  - id: 留意-必要最小限\n", "  - id: 留意-必要最小限\n    severity: high\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Notes), "notes[1].severity");
        diagnostic.Line.Should().Be(_rules.LineOf(Notes, "severity: high"));
        diagnostic.Message.Should().Contain("未知のキー");
    }

    [Fact]
    public void Load_ConditionOverUnknownFact_FailsNamingFileLineAndField()
    {
        // Arrange
        _rules.Replace(Flags, "{ fact: subjects.children, eq: true }", "{ fact: subjects.kids, eq: true }");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.Diagnostics.Should().ContainSingle().Subject;
        diagnostic.File.Should().Be(DisplayPath.Of(_rules.PathOf(Flags)));
        diagnostic.Line.Should().Be(_rules.LineOf(Flags, "subjects.kids"));
        diagnostic.Field.Should().EndWith("flags[1].when");
        diagnostic.Message.Should().Contain("subjects.kids");
    }

    [Fact]
    public void Load_EqValueNotAmongTheFactsDeclaredValues_FailsNamingFileLineAndField()
    {
        // Arrange: frequency is one_off or continuing.
        _rules.Replace(Flags, "{ fact: frequency, eq: continuing }", "{ fact: frequency, eq: sometimes }");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.Diagnostics.Should().ContainSingle().Subject;
        diagnostic.File.Should().Be(DisplayPath.Of(_rules.PathOf(Flags)));
        diagnostic.Line.Should().Be(_rules.LineOf(Flags, "eq: sometimes"));
        diagnostic.Field.Should().EndWith("flags[6].when");
        diagnostic.Message.Should().Contain("sometimes").And.Contain("one_off");
    }

    [Theory]
    [InlineData("{ fact: subjects.children, eq: true }", "{ fact: subjects.kids, eq: true }", "flags[1].when")]
    [InlineData("{ fact: frequency, eq: continuing }", "{ fact: frequency, eq: sometimes }", "flags[6].when")]
    public void Load_BadFactTest_FieldPathIsTheConditionsPathWithoutLeadingDot(string oldText, string newText, string field)
    {
        // Arrange
        _rules.Replace(Flags, oldText, newText);

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(_rules.PathOf(Flags), field);
    }

    [Fact]
    public void Load_DuplicateRuleId_FailsNamingTheSecondDefinition()
    {
        // Arrange
        _rules.Replace(Notes, "  - id: 留意-必要最小限", "  - id: 留意-事前協議");
        var secondLine = _rules.LineOf(Notes, "wording: 利用目的以外の目的のための利用および提供する場合には") - 2;

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Notes), "notes[1]");
        diagnostic.Line.Should().Be(secondLine);
        diagnostic.Message.Should().Contain("留意-事前協議").And.Contain("重複");
    }

    [Fact]
    public void Load_DuplicateCategoryNo_FailsNamingTheTable()
    {
        // Arrange: the second category of 別表1 also claims No 1.
        _rules.Replace(Table1, "- id: 別表1-2\n      no: 2", "- id: 別表1-1\n      no: 1");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Table1), "table.categories");
        diagnostic.Line.Should().BeGreaterThan(0);
        diagnostic.Message.Should().Contain("No");
    }

    [Fact]
    public void Load_DuplicateCategoryId_NamesTheCategorysFieldPath()
    {
        // Arrange
        _rules.Replace(Table1, "- id: 別表1-2\n      no: 2", "- id: 別表1-1\n      no: 1");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.Diagnostics.Should().ContainSingle(d => d.Message.Contains("別表1-1") && d.Message.Contains("重複")).Subject;
        diagnostic.Field.Should().Be("table.categories[1]");
        diagnostic.Line.Should().Be(_rules.LineOf(Table1, "wording: 業務間の事務") - 2);
    }

    [Fact]
    public void Load_UnlessNamingNoRule_FailsNamingFileLineAndField()
    {
        // Arrange
        _rules.Replace(Outcomes, "unless: [目的内利用]\n", "unless: [目的内使用]\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Outcomes), "outcomes[1].unless");
        diagnostic.Line.Should().BeInRange(_rules.LineOf(Outcomes, "- id: 法69条1項-法令に基づく場合"), _rules.LineOf(Outcomes, "目的内使用"));
        diagnostic.Message.Should().Contain("目的内使用");
    }

    [Fact]
    public void Load_CycleInUnless_FailsNamingTheCycle()
    {
        // Arrange: 法69条1項 is already "unless 目的内利用"; make 目的内利用 "unless 法69条1項".
        _rules.Replace(Outcomes, "    outcome: not_out_of_purpose\n", "    outcome: not_out_of_purpose\n    unless: [法69条1項-法令に基づく場合]\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Outcomes), "outcomes[0].unless");
        diagnostic.Line.Should().BeInRange(_rules.LineOf(Outcomes, "- id: 目的内利用"), _rules.LineOf(Outcomes, "unless: [法69条1項-法令に基づく場合]"));
        diagnostic.Message.Should().Contain("循環").And.Contain("目的内利用").And.Contain("法69条1項-法令に基づく場合");
    }

    [Fact]
    public void Load_CategoryWhoseConditionCanNeverBeMet_FailsNamingFileLineAndField()
    {
        // Arrange
        _rules.Replace(Table1, "when: { fact: purpose.kind, eq: eligibility_check }",
            "when: { all: [{fact: purpose.kind, eq: eligibility_check}, {fact: purpose.kind, eq: planning_reference}] }");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Table1), "table.categories[0].when");
        diagnostic.Line.Should().BeInRange(_rules.LineOf(Table1, "- id: 別表1-1"), _rules.LineOf(Table1, "planning_reference}]"));
        diagnostic.Message.Should().Contain("別表1-1");
    }

    [Fact]
    public void Load_DerivedFactThatNoRuleDerives_FailsNamingFileLineAndField()
    {
        // Arrange
        var index = _rules.Read(Facts).Split("\n  - name: ").Length - 1;
        File.AppendAllText(_rules.PathOf(Facts),
            "\n  - name: review.required\n    type: bool\n    source: derived\n    label: 審議が必要か\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Facts), $"facts[{index}].name");
        diagnostic.Line.Should().Be(_rules.LineOf(Facts, "name: review.required"));
        diagnostic.Message.Should().Contain("review.required");
    }

    [Fact]
    public void Load_FollowUpOfAFactThatIsNoYesNoQuestion_FailsNamingFileLineAndField()
    {
        // Arrange: a follow-up is asked after a yes or a no; 目的の種類 has neither.
        _rules.Replace(Facts, "follows: { fact: consent, eq: true }", "follows: { fact: purpose.kind, eq: true }");
        var index = _rules.Read(Facts).Split("\n  - name: ").TakeWhile(f => !f.StartsWith("consent.foreign_provision", StringComparison.Ordinal)).Count() - 1;

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Facts), $"facts[{index}].follows");
        diagnostic.Line.Should().Be(_rules.LineOf(Facts, "name: consent.foreign_provision"));
        diagnostic.Message.Should().Contain("purpose.kind");
    }

    [Fact]
    public void Load_ThenAssertingAnIntakeFact_FailsNamingFileLineAndField()
    {
        // Arrange: consent comes from the intake; no rule may conclude it.
        _rules.Replace(Derivations, "then: { transfer: outsourcing }", "then: { consent: true }");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Derivations), "derivations[0].then");
        diagnostic.Line.Should().BeInRange(_rules.LineOf(Derivations, "- id: 区分-委託"), _rules.LineOf(Derivations, "then: { consent: true }"));
        diagnostic.Message.Should().Contain("consent");
    }

    [Fact]
    public void Load_FileHolderNotInOrganRegistry_FailsNamingFileLineAndField()
    {
        // Arrange
        _rules.Replace(Files, "  - name: 心身障害者援護事務ファイル\n    aliases: []\n    holder: 福祉部総合福祉事務所",
            "  - name: 心身障害者援護事務ファイル\n    aliases: []\n    holder: 福祉部架空課");

        // Act
        var error = _rules.LoadFails();

        // Assert
        var diagnostic = error.ShouldReport(_rules.PathOf(Files), "files[0].holder");
        diagnostic.Line.Should().BeInRange(_rules.LineOf(Files, "- name: 心身障害者援護事務ファイル"), _rules.LineOf(Files, "holder: 福祉部架空課"));
        diagnostic.Message.Should().Contain("福祉部架空課");
    }

    [Fact]
    public void Load_EmptyRuleFile_FailsNamingTheFile()
    {
        // Arrange
        _rules.Write(Notes, "");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(_rules.PathOf(Notes), "").Message.Should().Contain("空");
    }

    [Fact]
    public void Load_RuleFileWithYamlAlias_IsRefusedNamingTheAliasLine()
    {
        // Arrange: an anchor on one note's article, an alias on the next.
        _rules.Replace(Notes, "article: ガイドライン<留意事項>・3(2)", "article: &clause ガイドライン<留意事項>・3(2)");
        _rules.Replace(Notes, "    article: ガイドライン<留意事項>\n", "    article: *clause\n");

        // Act
        var error = _rules.LoadFails();

        // Assert: the alias is the second note's article.
        var diagnostic = error.ShouldReport(_rules.PathOf(Notes), "notes[1].article");
        diagnostic.Line.Should().Be(_rules.LineOf(Notes, "*clause"));
        diagnostic.Message.Should().Contain("エイリアス");
    }

    [Fact]
    public void Load_RuleFileWithUtf8ByteOrderMark_IsAccepted()
    {
        // Arrange
        var bytes = File.ReadAllBytes(_rules.PathOf(Notes));
        _rules.WriteBytes(Notes, [0xEF, 0xBB, 0xBF, .. bytes]);

        // Act
        var ruleSet = _rules.Load();

        // Assert
        ruleSet.Rules.Should().Contain(r => r.Id == "留意-事前協議");
    }

    [Fact]
    public void Load_RuleFileInShiftJis_FailsSayingSaveAsUtf8()
    {
        // Arrange: 0x82 0xA0 is「あ」in Shift_JIS and not valid UTF-8.
        _rules.WriteBytes(Notes, [.. Encoding.ASCII.GetBytes("notes: []\n# "), 0x82, 0xA0, (byte)'\n']);

        // Act
        var error = _rules.LoadFails();

        // Assert
        var message = error.ShouldReport(_rules.PathOf(Notes), "").Message;
        message.Should().Contain("Shift_JIS").And.Contain("UTF-8");
    }

    [Fact]
    public void Load_RuleFileOverOneMebibyte_IsRefused()
    {
        // Arrange: a valid file padded with a comment past the limit.
        _rules.Write(Notes, _rules.Read(Notes) + "#" + new string('x', YamlDocumentLoader.MaxBytes) + "\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(_rules.PathOf(Notes), "").Message.Should().Contain("大きすぎます");
    }

    [Fact]
    public void Load_RuleFileOfExactlyOneMebibyte_IsAccepted()
    {
        // Arrange: the same padding, one byte short of refusal.
        var text = _rules.Read(Notes);
        var padding = YamlDocumentLoader.MaxBytes - Encoding.UTF8.GetByteCount(text) - 2;
        _rules.Write(Notes, text + "#" + new string('x', padding) + "\n");

        // Act
        var ruleSet = _rules.Load();

        // Assert
        new FileInfo(_rules.PathOf(Notes)).Length.Should().Be(YamlDocumentLoader.MaxBytes);
        ruleSet.Rules.Should().Contain(r => r.Id == "留意-事前協議");
    }

    [Fact]
    public void Load_RuleFileNestedDeeperThan64Levels_IsRefusedNamingTheLine()
    {
        // Arrange: the root mapping plus 70 flow sequences, on the file's second line.
        const int depth = 70;
        _rules.Write(Notes, "# too deep\nnotes: " + new string('[', depth) + new string(']', depth) + "\n");

        // Act
        var error = _rules.LoadFails();

        // Assert: the 65th level is the 64th sequence inside notes.
        var diagnostic = error.ShouldReport(_rules.PathOf(Notes), "notes" + string.Concat(Enumerable.Repeat("[0]", YamlDocumentLoader.MaxDepth - 1)));
        diagnostic.Line.Should().Be(2);
        diagnostic.Message.Should().Contain("64");
    }

    [Fact]
    public void Load_Nesting64LevelsDeep_IsNotRefusedForDepth()
    {
        // Arrange: exactly at the limit (root mapping + 63 sequences); the rule reader then rejects the shape, not the depth.
        const int sequences = YamlDocumentLoader.MaxDepth - 1;
        _rules.Write(Notes, "notes: " + new string('[', sequences) + new string(']', sequences) + "\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.Diagnostics.Should().NotContain(d => d.Message.Contains("入れ子"));
    }

    [Fact]
    public void Load_VersionFolderWithoutVersionYaml_FailsNamingTheVersionField()
    {
        // Arrange
        File.Delete(_rules.PathOf("version.yaml"));

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.ShouldReport(_rules.VersionDirectory(), "version").Message.Should().Contain("version");
    }

    [Fact]
    public void Load_TwoBrokenFiles_ReportsBothErrorsTogether()
    {
        // Arrange
        _rules.Replace(Notes, "  - id: 留意-必要最小限\n", "  - id: 留意-必要最小限\n    severity: high\n");
        _rules.Replace(Table1, "      priority: 30\n", "      priority: 30\n      colour: red\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.Diagnostics.Should().HaveCount(2);
        error.ShouldReport(_rules.PathOf(Notes), "notes[1].severity");
        error.ShouldReport(_rules.PathOf(Table1), "table.categories[0].colour");
    }

    [Fact]
    public void Load_TwoSemanticErrorsInDifferentFiles_ReportsBothTogether()
    {
        // Arrange
        _rules.Replace(Flags, "{ fact: frequency, eq: continuing }", "{ fact: frequency, eq: sometimes }");
        _rules.Replace(Outcomes, "unless: [目的内利用]\n", "unless: [目的内使用]\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.Diagnostics.Should().HaveCount(2);
        error.Diagnostics.Select(d => Path.GetFileName(d.File)).Should().BeEquivalentTo(Flags, Outcomes);
    }

    [Fact]
    public void Load_AnyError_ExceptionMessageListsEveryDiagnostic()
    {
        // Arrange
        _rules.Replace(Notes, "  - id: 留意-必要最小限\n", "  - id: 留意-必要最小限\n    severity: high\n");
        _rules.Replace(Table1, "      priority: 30\n", "      priority: 30\n      colour: red\n");

        // Act
        var error = _rules.LoadFails();

        // Assert
        error.Message.Split(Environment.NewLine).Should().Equal(error.Diagnostics.Select(d => d.ToString()));
    }
}
