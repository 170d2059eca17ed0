namespace GuidelineEngine.Cli.Tests;

/// <summary>The records commands on a fresh SQLite store in a temporary folder.</summary>
public sealed class RecordsCommandTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private (int Exit, string Output, string Error) Records(params string[] args) =>
        CliRunner.Run(["records", .. args, "--data", _data.Path, "--rules", TestPaths.Rules]);

    [Fact]
    public void ScreenWithRecord_SchoolLunchCase_StoresARecordThatVerifiesAndReplays()
    {
        var (exit, output, error) = CliRunner.Run("screen", CliRunner.Example("fy2023-school-lunch.yaml"), "--record", "--data", _data.Path, "--rules", TestPaths.Rules);

        exit.Should().Be(ExitCodes.Proceed, error);
        output.Should().StartWith("# 判定結果: ガイドライン該当");
        error.Should().Contain("協議記録 R5-0001 として記録しました");
        Records("list").Output.Should().Contain("R5-0001\t受付\t教育振興部\tcovered");
        var verify = Records("verify");
        verify.Exit.Should().Be(ExitCodes.Proceed, verify.Error);
        verify.Output.Should().Contain("OK: 1 件").And.Contain("派生データ: 提出 1 件のうち 1 件が記録と一致しました。");
        var replay = Records("replay", "R5-0001");
        replay.Exit.Should().Be(ExitCodes.Proceed);
        replay.Output.Should().Contain("同じ結論です");
    }

    [Fact]
    public void Committee_FromTheCommandLine_TakesACodeOfTheSetAndPrintsItsLabel()
    {
        // Arrange
        Records("submit", CliRunner.Example("fy2023-welfare-uses-school-file.yaml"), "--actor", "fukushi（福祉部生活福祉課）");
        Records("start", "R5-0001");
        Records("decide", "R5-0001", "--result", "referred", "--reason", "委員会の意見を聴く");

        // Act
        var unknown = Records("committee", "R5-0001", "--result", "承認済み", "--reason", "理由");
        var recorded = Records("committee", "R5-0001", "--result", "approved_with_conditions", "--reason", "保存期間を3年とする");

        // Assert
        unknown.Exit.Should().Be(ExitCodes.InputError);
        unknown.Error.Should().Contain("承認済み");
        recorded.Exit.Should().Be(ExitCodes.Proceed, recorded.Error);
        recorded.Output.Should().Contain("運営委員会: 条件付き承認").And.Contain("保存期間を3年とする");
        Records("verify").Exit.Should().Be(ExitCodes.Proceed);
    }

    [Fact]
    public void Lifecycle_FromTheCommandLine_SubmitStartDecide()
    {
        var submitted = Records("submit", CliRunner.Example("fy2023-welfare-uses-school-file.yaml"));
        submitted.Exit.Should().Be(ExitCodes.Proceed, submitted.Error);
        submitted.Output.Should().StartWith("R5-0001\t");

        Records("start", "R5-0001").Output.Should().Contain("協議中");
        var refused = Records("decide", "R5-0001", "--result", "not_permitted");
        refused.Exit.Should().Be(ExitCodes.InputError);
        refused.Error.Should().Contain("理由");
        var decided = Records("decide", "R5-0001", "--result", "not_permitted", "--reason", "提供先での管理体制が確認できない");
        decided.Exit.Should().Be(ExitCodes.Proceed, decided.Error);
        decided.Output.Should().Contain("確定: 不可").And.Contain("提供先での管理体制が確認できない");
    }

    [Fact]
    public void Verify_EditedRow_ReportsTheFirstEntryThatDoesNotMatch()
    {
        Records("submit", CliRunner.Example("fy2023-school-lunch.yaml"));
        Records("submit", CliRunner.Example("my-number.yaml"));
        Sql("UPDATE entries SET actor = '改ざん' WHERE sequence = 1");

        var (exit, _, error) = Records("verify");

        exit.Should().Be(ExitCodes.RecordsProblem);
        error.Should().Contain("changed").And.Contain("通番 1");
    }

    [Fact]
    public void Verify_EditedDerivedRow_NamesTheRecordAndTheFieldWhileTheChainIsIntact()
    {
        Records("submit", CliRunner.Example("fy2023-school-lunch.yaml"));
        Records("submit", CliRunner.Example("my-number.yaml"));
        // my-number.yaml is dated in FY2024: R6-0001, with one item.
        Sql("UPDATE submissions SET categories = '[\"別表2-8\"]' WHERE record_id = 'R6-0001'");

        var (exit, output, error) = Records("verify");

        exit.Should().Be(ExitCodes.RecordsProblem);
        output.Should().Contain("OK: 2 件の記録の鎖が一致しました", "the derived table is not in the chain");
        error.Should().StartWith("派生データの不一致（categories）: R6-0001（通番 2）の派生データの categories が記録と異なります（派生データ: [\"別表2-8\"]、記録: [");
    }

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void Impact_StoreMadeBeforeTheDerivedTable_MakesTheMissingRowsFirstSaysSoAndListsTheSameChanges()
    {
        Records("load-casebook", TestPaths.Casebook).Exit.Should().Be(ExitCodes.Proceed);
        var complete = Records("impact", "--rules-version", "nerima/pre-2023", "--casebook", TestPaths.Casebook);
        Sql("DROP TABLE users");
        Sql("DROP TABLE submissions");
        Sql("UPDATE schema_version SET version = 1");

        var upgraded = Records("impact", "--rules-version", "nerima/pre-2023", "--casebook", TestPaths.Casebook);
        var again = Records("impact", "--rules-version", "nerima/pre-2023", "--casebook", TestPaths.Casebook);

        complete.Error.Should().BeEmpty();
        upgraded.Exit.Should().Be(ExitCodes.Proceed, upgraded.Error);
        upgraded.Error.Should().Contain("派生データのない提出が 41 件あります").And.Contain("提出 41 件の派生データを記録から作りました。");
        upgraded.Output.Should().Be(complete.Output).And.Contain("変わるもの: ");
        again.Error.Should().BeEmpty("nothing is missing any more");
        again.Output.Should().Be(complete.Output);
        Records("verify").Output.Should().Contain("派生データ: 提出 41 件のうち 41 件が記録と一致しました。");
    }

    [Fact]
    public void ExportThenImport_IntoAnotherStore_KeepsTheChain()
    {
        Records("submit", CliRunner.Example("fy2023-school-lunch.yaml"));
        Records("start", "R5-0001");
        var file = Path.Combine(_data.Path, "export.jsonl");
        Records("export", "--output", file).Exit.Should().Be(ExitCodes.Proceed);
        using var other = new TempFolder();

        var imported = CliRunner.Run("records", "import", file, "--data", other.Path);
        var verified = CliRunner.Run("records", "verify", "--data", other.Path);

        imported.Exit.Should().Be(ExitCodes.Proceed, imported.Error);
        imported.Error.Should().Contain("提出 1 件の派生データを記録から作りました。", "an import writes the entries; the derived rows are made from them");
        verified.Output.Should().Contain("OK: 2 件").And.Contain("派生データ: 提出 1 件のうち 1 件が記録と一致しました。");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Runs SQL on the store's file, as someone editing it behind the application's back.</summary>
    private void Sql(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_data.Path, "records.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Submit_UnknownFile_IsAnInputErrorAndStoresNothing()
    {
        var (exit, _, error) = Records("submit", Path.Combine(_data.Path, "none.yaml"));

        exit.Should().Be(ExitCodes.InputError);
        error.Should().Contain("見つかりません");
        Records("verify").Output.Should().Contain("OK: 0 件");
    }

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void Report_Fy2024FromTheCasebookLoadedAsRecords_ReproducesThePublishedFileCountsInEveryFormat()
    {
        // Seed 001: 「② … ５５ファイル【内訳】目的外利用 ２７ファイル 目的外提供 １６ファイル 業務委託 １２ファイル」
        Records("load-casebook", TestPaths.Casebook).Exit.Should().Be(ExitCodes.Proceed);

        var markdown = CliRunner.Run("report", "--fiscal-year", "2024", "--data", _data.Path, "--rules", TestPaths.Rules);
        var csv = CliRunner.Run("report", "--fiscal-year", "2024", "--format", "csv", "--data", _data.Path, "--rules", TestPaths.Rules);
        var xlsx = Path.Combine(_data.Path, "report.xlsx");
        var workbook = CliRunner.Run("report", "--fiscal-year", "2024", "--format", "xlsx", "--output", xlsx, "--data", _data.Path, "--rules", TestPaths.Rules);

        markdown.Exit.Should().Be(ExitCodes.Proceed, markdown.Error);
        markdown.Output.Should().Contain("| 目的外利用 | 27 |").And.Contain("| 目的外提供 | 16 |").And.Contain("| 業務委託 | 12 |").And.Contain("| 合計 | 55 |");
        csv.Output.Should().Contain("目的外利用,27").And.Contain("業務委託,12");
        workbook.Exit.Should().Be(ExitCodes.Proceed, workbook.Error);
        new FileInfo(xlsx).Length.Should().BeGreaterThan(0);
    }

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void Impact_CasebookRecordsUnderTheOldRegime_ListsEachChangeThenTheCount()
    {
        Records("load-casebook", TestPaths.Casebook).Exit.Should().Be(ExitCodes.Proceed);

        var (exit, output, error) = Records("impact", "--rules-version", "nerima/pre-2023", "--casebook", TestPaths.Casebook);

        exit.Should().Be(ExitCodes.Proceed, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[^1].Should().Be($"変わるもの: {lines.Length - 1} 件");
        var changes = lines[..^1].Select(l => l.Split('\t')).ToList();
        changes.Should().OnlyContain(c => c.Length == 3 && c[2].Contains(" → ", StringComparison.Ordinal));
        // Records first, in order of submission, then the casebook.
        var sources = changes.Select(c => c[1] == "事例集" ? 1 : 0).ToList();
        sources.Should().BeInAscendingOrder().And.Contain(0).And.Contain(1);
        // Under the 旧条例 every outsourcing went to the council: the 12 FY2024 outsourcing consultations (seed 001, rows 44–55).
        changes.Count(c => c[0].StartsWith("R6-", StringComparison.Ordinal) && c[2].StartsWith("covered", StringComparison.Ordinal) && c[2].Contains("→ needs_review", StringComparison.Ordinal))
            .Should().BeGreaterThanOrEqualTo(12);
    }
}
