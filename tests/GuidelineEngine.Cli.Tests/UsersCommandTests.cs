using GuidelineEngine.Records.Storage;
using GuidelineEngine.Application.Users;

namespace GuidelineEngine.Cli.Tests;

/// <summary><c>users</c>: the web service's users in the record store (a fresh SQLite store), passwords from standard input.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private (int Exit, string Output, string Error) Users(string input, params string[] args) =>
        CliRunner.RunWithInput(input, ["users", .. args, "--data", _data.Path]);

    [Fact]
    public void AddListDisableReset_FromTheCommandLine_KeepOnlyTheHashAndChangeTheStore()
    {
        // Arrange
        var added = Users("a-long-password-1\n", "add", "Tanaka", "--section", "福祉部生活福祉課", "--display-name", "田中");
        var office = Users("another-password-2\n", "add", "koukai2", "--section", "総務部情報公開課", "--role", "office");

        // Act
        var disabled = Users("", "disable", "tanaka");
        var reset = Users("a-new-password-3\n", "reset-password", "koukai2");
        var list = Users("", "list");

        // Assert
        added.Exit.Should().Be(ExitCodes.Proceed, added.Error);
        added.Output.Should().StartWith("tanaka\t福祉部生活福祉課\tdepartment\t有効\t田中");
        office.Exit.Should().Be(ExitCodes.Proceed, office.Error);
        disabled.Output.Should().StartWith("tanaka\t福祉部生活福祉課\tdepartment\t無効");
        reset.Exit.Should().Be(ExitCodes.Proceed, reset.Error);
        list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]).Should().Equal("koukai2", "tanaka");
        using var store = new SqliteRecordStore(Path.Combine(_data.Path, RecordStoreOptions.DefaultFileName));
        var koukai = store.FindUser("koukai2")!;
        Passwords.Verify(koukai.PasswordHash, "a-new-password-3").Should().BeTrue();
        Passwords.Verify(koukai.PasswordHash, "another-password-2").Should().BeFalse();
        File.ReadAllText(Path.Combine(_data.Path, RecordStoreOptions.DefaultFileName)).Should().NotContain("a-long-password-1");
    }

    [Theory]
    [InlineData("short-pw\n", "12 文字以上")]
    [InlineData("\n", "パスワードが空です")]
    public void Add_ShortOrEmptyPassword_IsRefusedAndWritesNothing(string input, string message)
    {
        // Act
        var (exit, _, error) = Users(input, "add", "sato", "--section", "福祉部生活福祉課");

        // Assert
        exit.Should().Be(ExitCodes.InputError);
        error.Should().Contain(message);
        Users("", "list").Output.Should().BeEmpty();
    }

    [Fact]
    public void AddTwiceOrChangeAnUnknownUser_IsRefusedWithTheName()
    {
        // Arrange
        Users("a-long-password-1\n", "add", "sato", "--section", "福祉部生活福祉課");

        // Act
        var twice = Users("a-long-password-1\n", "add", "SATO", "--section", "福祉部生活福祉課");
        var unknown = Users("", "disable", "nobody");
        var role = Users("a-long-password-1\n", "add", "ito", "--section", "福祉部生活福祉課", "--role", "admin");

        // Assert
        twice.Exit.Should().Be(ExitCodes.InputError);
        twice.Error.Should().Contain("sato").And.Contain("すでにあります");
        unknown.Exit.Should().Be(ExitCodes.InputError);
        unknown.Error.Should().Contain("nobody");
        role.Exit.Should().Be(ExitCodes.InputError);
    }
}
