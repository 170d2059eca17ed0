using GuidelineEngine.Tests.Shared.Faults;

namespace GuidelineEngine.Cli.Tests;

/// <summary>
/// A record store that cannot be written — read-only, or on a full disk — through the command line: exit code 5 and one
/// Japanese line saying why and that nothing was written; what was stored before stays, verifies and lists.
/// </summary>
public sealed class StoreFaultTests : IDisposable
{
    private readonly string _data = StoreFaults.NewStoreFolder();

    public StoreFaultTests()
    {
        // One record before the fault.
        var first = Records("submit", CliRunner.Example("fy2023-school-lunch.yaml"));
        first.Exit.Should().Be(ExitCodes.Proceed, first.Error);
    }

    private string Database => Path.Combine(_data, "records.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private (int Exit, string Output, string Error) Records(params string[] args) =>
        CliRunner.Run(["records", .. args, "--data", _data, "--rules", TestPaths.Rules]);

    [Fact]
    public void ReadOnlyStore_SubmitAndScreenRecord_ExitFiveWithTheReasonAndKeepWhatWasStored()
    {
        using (StoreFaults.ReadOnly(Database))
        {
            var submit = Records("submit", CliRunner.Example("fy2023-welfare-uses-school-file.yaml"));
            var screen = CliRunner.Screen(CliRunner.Example("fy2023-welfare-uses-school-file.yaml"), "--record", "--data", _data);
            var verify = Records("verify");
            var list = Records("list");

            submit.Exit.Should().Be(ExitCodes.StoreError);
            submit.Error.Should().Be($"記録簿に書き込めません: 読み取り専用です（{Database}）。何も書き込まれていません。{Environment.NewLine}");
            submit.Output.Should().BeEmpty("no record id is printed for a record that was not made");
            screen.Exit.Should().Be(ExitCodes.StoreError);
            screen.Error.Should().Contain("読み取り専用").And.NotContain("協議記録 R5-").And.NotContain(" at ");
            verify.Exit.Should().Be(ExitCodes.Proceed, "a read-only store can still be verified: {0}", verify.Error);
            verify.Output.Should().Contain("OK: 1 件").And.Contain("提出 1 件のうち 1 件が記録と一致しました");
            list.Output.Should().StartWith("R5-0001\t受付\t教育振興部\tcovered");
        }

        var after = Records("submit", CliRunner.Example("fy2023-welfare-uses-school-file.yaml"));
        after.Exit.Should().NotBe(ExitCodes.StoreError, after.Error);
        after.Output.Should().StartWith("R5-0002\t", "the refused submissions took no number");
        Records("verify").Output.Should().Contain("OK: 2 件").And.Contain("提出 2 件のうち 2 件が記録と一致しました");
    }

    [RootFact]
    public void FullDisk_Submit_ExitsFiveWithTheReasonAndKeepsWhatWasStored()
    {
        using (StoreFaults.FullDisk(Database))
        {
            var submit = Records("submit", CliRunner.Example("fy2023-welfare-uses-school-file.yaml"));

            submit.Exit.Should().Be(ExitCodes.StoreError);
            submit.Error.Should().Be($"記録簿に書き込めません: ディスクの空きがありません（{Database}）。何も書き込まれていません。{Environment.NewLine}");
            submit.Output.Should().BeEmpty();
        }

        var verify = Records("verify");
        verify.Exit.Should().Be(ExitCodes.Proceed, verify.Error);
        verify.Output.Should().Contain("OK: 1 件").And.Contain("提出 1 件のうち 1 件が記録と一致しました", "the refused submission left no derived row either");
        Records("list").Output.Should().StartWith("R5-0001\t受付\t教育振興部\tcovered");
        Records("submit", CliRunner.Example("fy2023-welfare-uses-school-file.yaml")).Output.Should().StartWith("R5-0002\t");
    }
}
