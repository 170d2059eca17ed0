using GuidelineEngine.Domain.Model;
using System.Text;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Engine.Interview;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Application.Replay;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Application.Tests.Ledger;

/// <summary>
/// A new intake fact is one declaration in a version's fact catalogue (with <c>field:</c>), plus the rule that reads it: with no
/// other edit, a case file giving it is read, a wrong value is refused at its line, a missing one is asked with the declared
/// wording, the answer is stored and read back, and the engine decides by it.
/// </summary>
public sealed class CatalogueFieldTests : IDisposable
{
    private const string Question = "委託先は、個人情報をクラウドサービスに保存しますか。保存するときは、そのサービスのある場所を選んでください。";

    private readonly TempFolder _root = new();
    private readonly CaseScreener _screener;

    public CatalogueFieldTests()
    {
        TempFolder.CopyDirectory(TestPaths.Rules, _root.Path);
        var version = Path.Combine(_root.Path, "nerima", "2023-04");
        File.WriteAllText(Path.Combine(version, "クラウド.yaml"), $$"""
            facts:
              - name: outsourcing.cloud_storage
                type: enum
                source: intake
                field: cloud_storage
                items: [outsourcing]
                derived_from: []
                label: クラウドサービスへの保存
                question: {{Question}}
                help: 委託先が契約するクラウドサービス（サーバを持たずに使う保存サービス）に個人情報を置くかどうかです。
                values:
                  - { value: none, label: 保存しない }
                  - { value: domestic, label: 国内のクラウドサービス }
                  - { value: overseas, label: 国外のクラウドサービス }
              - name: outsourcing.subcontractor_named
                type: bool
                source: intake
                field: subcontractor_named
                items: [outsourcing]
                derived_from: []
                follows: { fact: outsourcing.subcontracting, eq: true }
                label: 再委託先が決まっているか
                question: 再委託先の事業者は決まっていますか。
            outcomes:
              - id: 方針-国外のクラウドに保存する委託
                article: この版の方針（法第66条第2項）
                description: 国外のクラウドサービスに保存する委託は運営委員会に付議する。
                outcome: needs_review
                priority: 45
                when:
                  all:
                    - { fact: item.kind, eq: outsourcing }
                    - { fact: outsourcing.cloud_storage, eq: overseas }
                explain: 委託先が個人情報を国外のクラウドサービスに保存する。この版の方針により運営委員会に付議する。
            """);
        var conclusions = Path.Combine(version, "ガイドラインの結論.yaml");
        File.WriteAllText(conclusions, TextEdit.ReplaceOnce(File.ReadAllText(conclusions),
            "unless: [方針-特記事項を付けない委託, 方針-国外で取り扱う委託, 方針-承認のない再委託]",
            "unless: [方針-特記事項を付けない委託, 方針-国外で取り扱う委託, 方針-承認のない再委託, 方針-国外のクラウドに保存する委託]"));
        _screener = new CaseScreener(RuleSetCatalog.Load(_root.Path).Versions);
    }

    private static string Intake(string? cloud) => $"""
        case:
          date: 2023-10-01
          proposing_section: 福祉部
          title: 避難行動要支援者名簿の印刷
        items:
          - kind: outsourcing
            files: [避難行動要支援者名簿・個別避難計画ファイル]
            contractor_kind: private_company
            tasks:
              - kind: printing_mailing
                description: 名簿の印刷
            subcontracting: false
            outside_japan: false
            standard_clauses: true
        {(cloud is null ? "" : $"    cloud_storage: {cloud}\n")}
        """;

    private static IntakeDocument Read(string text) => IntakeReader.ReadBytes(Encoding.UTF8.GetBytes(text), "cloud.yaml");

    [Fact]
    public void An_intake_giving_the_new_field_is_read_and_the_engine_decides_by_it()
    {
        var document = Read(Intake("overseas"));

        document.Intake.Items[0].Answers.Get("cloud_storage").Should().Be("overseas");
        IntakeAdmission.Check(document, _screener).Problems.Should().BeEmpty();
        var decision = _screener.Screen(document.Intake);
        decision.Items[0].Outcome.Should().Be(Outcome.NeedsReview);
        decision.Items[0].DecidingRule.Should().Be("方針-国外のクラウドに保存する委託");
        _screener.Screen(Read(Intake("domestic")).Intake).Outcome.Should().Be(Outcome.Covered);
    }

    [Fact]
    public void A_wrong_value_is_refused_with_file_line_and_field()
    {
        var problems = IntakeAdmission.Check(Read(Intake("abroad")), _screener).Problems;

        problems.Should().ContainSingle().Which.Should().Match<Diagnostic>(d =>
            d.File == "cloud.yaml" && d.Line == 15 && d.Field == "items[0].cloud_storage" && d.Message.Contains("「abroad」は使えません"));
        var wrongType = FluentActions.Invoking(() => Read(Intake("[overseas]"))).Should().Throw<InputException>().Which.Diagnostics;
        wrongType.Should().ContainSingle().Which.Should().Match<Diagnostic>(d => d.Line == 15 && d.Field == "items[0].cloud_storage");
    }

    [Fact]
    public void A_declared_follow_up_is_refused_after_the_other_answer_and_dropped_when_that_answer_is_given()
    {
        var written = Intake("domestic") + "    subcontractor_named: true\n";

        var problems = IntakeAdmission.Check(Read(written), _screener).Problems;

        problems.Should().ContainSingle().Which.Should().Match<Diagnostic>(d => d.Line == 16 && d.Field == "items[0].subcontractor_named");
        var item = Read(written.Replace("subcontracting: false", "subcontracting: true", StringComparison.Ordinal)).Intake.Items[0];
        item.Answers.Get("subcontractor_named").Should().Be(true);
        IntakeFacts.With(item, "outsourcing.subcontracting", false).Answers.Get("subcontractor_named").Should().BeNull();
    }

    [Fact]
    public void A_version_that_does_not_declare_the_field_refuses_it()
    {
        var problems = IntakeAdmission.Check(Read(Intake("overseas")), _screener, "template/2023-04").Problems;

        problems.Should().Contain(d => d.Line == 15 && d.Field == "items[0].cloud_storage" && d.Message.Contains("template/2023-04"));
    }

    [Fact]
    public void A_missing_value_is_asked_with_the_declared_question_and_the_answer_is_written_and_read_back()
    {
        var intake = Read(Intake(null)).Intake;

        var step = new Interviewer(_screener).Next(intake);

        step.Decision.Outcome.Should().Be(Outcome.MoreInformationNeeded);
        var question = step.Questions.Should().ContainSingle(q => q.Fact == "outsourcing.cloud_storage").Which;
        question.Text.Should().Be(Question);
        question.Choices.Select(c => c.Value).Should().Equal("none", "domestic", "overseas");
        var answered = Interviewer.Answer(intake, question, "overseas");
        var written = IntakeWriter.ToYaml(answered);
        written.Should().Contain("cloud_storage: \"overseas\"");
        IntakeWriter.ToYaml(Read(written).Intake).Should().Be(written);
        _screener.Screen(answered).Outcome.Should().Be(Outcome.NeedsReview);
    }

    [Fact]
    public void The_answer_is_stored_and_read_back_from_the_ledger_and_the_compact_row()
    {
        using var store = new SqliteRecordStore(Path.Combine(_root.Path, "records.db"));
        var ledger = new ConsultationLedger(store, _screener, TimeProvider.System);

        var record = ledger.Submit(Encoding.UTF8.GetBytes(Intake("overseas")), "cloud.yaml");

        record.EngineOutcome.Should().Be(Outcome.NeedsReview);
        var row = store.ReadSubmissions().Should().ContainSingle().Subject;
        var stored = DerivedSubmissions.Read(row).Intake;
        stored.Items[0].Answers.Get("cloud_storage").Should().Be("overseas");
        // Records compare their lists by reference: compared through the case-file writer, as the other compact-form tests do.
        IntakeWriter.ToYaml(CompactIntake.Decode(Encoding.UTF8.GetBytes(CompactIntake.Encode(stored)))).Should().Be(IntakeWriter.ToYaml(stored));
        store.ReadAllWithSubmissions().SelectMany(DerivedSubmissions.Check).Should().BeEmpty();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void Dispose() => _root.Dispose();
}
