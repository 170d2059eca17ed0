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
        Records("verify").Exit.Should().Be(ExitCodes.Proceed);
        var replay = Records("replay", "R5-0001");
        replay.Exit.Should().Be(ExitCodes.Proceed);
        replay.Output.Should().Contain("同じ結論です");
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
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_data.Path, "records.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE entries SET actor = '改ざん' WHERE sequence = 1";
            command.ExecuteNonQuery();
        }

        var (exit, _, error) = Records("verify");

        exit.Should().Be(ExitCodes.RecordsProblem);
        error.Should().Contain("changed").And.Contain("通番 1");
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
        verified.Output.Should().Contain("OK: 2 件");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
