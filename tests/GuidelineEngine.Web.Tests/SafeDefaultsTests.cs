using System.Diagnostics;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Application.Users;
using GuidelineEngine.Web.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// Safe by default: the example users only in Development, a refusal to start elsewhere while one is configured, a later
/// user list replacing the earlier one, a minimum password length, and the users of the record store signing in.
/// </summary>
public sealed class SafeDefaultsTests
{
    private static readonly string ExampleHash = UserSettings.ExampleHashes.First();

    [Fact]
    public void ShippedSettings_ExampleUsersOnlyInDevelopment_AndEveryExampleHashIsKnown()
    {
        // Arrange
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        var development = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json")).Build();

        // Act
        var shippedUsers = UserSettings.Read(shipped);
        var examples = UserSettings.Read(development);

        // Assert
        shippedUsers.Should().BeEmpty();
        examples.Select(u => u.Name).Should().Equal("fukushi", "kyoiku", "koukai");
        examples.Select(u => u.PasswordHash).Should().BeEquivalentTo(UserSettings.ExampleHashes);
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    public void Refusal_AnExampleHashConfigured_RefusesOutsideDevelopmentInOneLine(string environment, bool refused)
    {
        // Arrange
        ConfiguredUser[] users =
        [
            new() { Name = "koukai", Section = "総務部情報公開課", Role = Roles.Office, PasswordHash = ExampleHash },
            new() { Name = "mine", Section = "総務部情報公開課", Role = Roles.Office, PasswordHash = Passwords.Hash("my-own-password") },
        ];

        // Act
        var refusal = UserSettings.Refusal(users, new HostEnvironment(environment));

        // Assert
        if (refused)
        {
            refusal.Should().Contain("koukai").And.Contain(environment).And.NotContain("mine").And.NotContain("\n");
        }
        else
        {
            refusal.Should().BeNull();
        }
    }

    [Fact]
    public void Refusal_OnlyOwnHashes_StartsInProduction()
    {
        // Arrange
        ConfiguredUser[] users = [new() { Name = "mine", Section = "総務部情報公開課", Role = Roles.Office, PasswordHash = Passwords.Hash("my-own-password") }];

        // Act
        var refusal = UserSettings.Refusal(users, new HostEnvironment("Production"));

        // Assert
        refusal.Should().BeNull();
    }

    [Fact]
    public void Read_ALaterSourceWithAShorterList_ReplacesTheEarlierListWhole()
    {
        // Arrange: three users in the first source, one in a later one (another settings file, environment variables …).
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Guideline:Users:0:Name"] = "tanaka",
                ["Guideline:Users:0:Section"] = "福祉部生活福祉課",
                ["Guideline:Users:0:PasswordHash"] = "hash",
            })
            .Build();

        // Act
        var users = UserSettings.Read(configuration);
        var mergedByPosition = configuration.GetSection(UserSettings.Key).Get<List<ConfiguredUser>>()!;

        // Assert
        users.Select(u => (u.Name, u.PasswordHash, u.DisplayName)).Should().Equal(("tanaka", "hash", (string?)null));
        mergedByPosition.Select(u => u.Name).Should().Equal(["tanaka", "kyoiku", "koukai"], "what plain binding would have left live");
    }

    [Fact]
    public void Read_NoLaterList_KeepsTheFirstSourcesList()
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Guideline:SignIn:MaxFailuresPerName"] = "3" })
            .Build();

        // Act
        var users = UserSettings.Read(configuration);

        // Assert
        users.Select(u => u.Name).Should().Equal("fukushi", "kyoiku", "koukai");
    }

    [Fact]
    public void HashPassword_ShorterThanTheMinimum_IsRefused()
    {
        // Arrange
        var output = new StringWriter();
        var error = new StringWriter();

        // Act
        var tooShort = PasswordTool.Run(new StringReader("elevenchars\n"), output, error);
        var longEnough = PasswordTool.Run(new StringReader("twelve-chars\n"), output, new StringWriter());

        // Assert
        tooShort.Should().Be(2);
        error.ToString().Should().Contain($"{Passwords.MinimumLength} 文字以上");
        longEnough.Should().Be(0);
        output.ToString().Trim().Should().StartWith("AQAAAA");
    }

    [Fact]
    public async Task ServiceProcess_InProductionWithAnExampleUser_RefusesToStartInOneLine()
    {
        // Arrange: the built service as a person starts it, given the example office account on the command line.
        var folder = Directory.CreateTempSubdirectory("guideline-refusal-").FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "GuidelineEngine.Web.dll"),
            "--Guideline:Users:0:Name=koukai",
            "--Guideline:Users:0:Section=総務部情報公開課",
            "--Guideline:Users:0:Role=office",
            "--Guideline:Users:0:PasswordHash=" + ExampleHash,
            "--Guideline:Records:DataFolder=" + Path.Combine(folder, "data"),
        ])
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        try
        {
            // Act
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            // Assert
            process.ExitCode.Should().Be(3);
            (await error).TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain("koukai").And.Contain("起動しません");
            (await output).Should().BeEmpty();
            Directory.Exists(Path.Combine(folder, "data")).Should().BeFalse("it stops before opening the store");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task StoreUsers_OnSqlite_SignInUnlessDisabledAndTakePrecedenceOverConfiguration()
    {
        await using var factory = new GuidelineWebFactory();
        await StoreUsersSignInAsync(factory, new SqliteRecordStore(Path.Combine(factory.DataFolder, RecordStoreOptions.DefaultFileName)));
    }

    [PostgresFact]
    public async Task StoreUsers_OnPostgres_SignInUnlessDisabledAndTakePrecedenceOverConfiguration()
    {
        using var schema = new PostgresSchema();
        var connectionString = schema.Settings["Guideline:Records:ConnectionString"]!;
        await using var factory = new GuidelineWebFactory { PostgresConnectionString = connectionString };
        await StoreUsersSignInAsync(factory, new PostgresRecordStore(connectionString));
    }

    private static async Task StoreUsersSignInAsync(GuidelineWebFactory factory, IRecordStore store)
    {
        // Arrange: users made as `guideline users` makes them, before and while the service runs.
        using var _ = store;
        var accounts = new UserAccounts(store, TimeProvider.System);
        accounts.Add("tanaka", "福祉部生活福祉課", UserAccounts.Department, "tanaka-password-1", "田中");
        accounts.Add("yamada", "福祉部生活福祉課", UserAccounts.Department, "yamada-password-1");
        accounts.Disable("yamada");
        accounts.Add(WebSession.Koukai.Name, "総務部情報公開課", UserAccounts.Office, "store-koukai-pass");
        accounts.Disable(WebSession.Koukai.Name);

        // Act
        var tanaka = await factory.Session().SignInAsync(("TANAKA", "tanaka-password-1"));
        var disabled = await factory.Session().SignInAsync(("yamada", "yamada-password-1"));
        var configuredButDisabledInStore = await factory.Session().SignInAsync(WebSession.Koukai);
        var configuredOnly = await factory.Session().SignInAsync(WebSession.Fukushi);
        accounts.ResetPassword("tanaka", "tanaka-password-2");
        var oldPassword = await factory.Session().SignInAsync(("tanaka", "tanaka-password-1"));
        using var newPassword = await factory.Session().SignedInAsync(("tanaka", "tanaka-password-2"));

        // Assert
        tanaka.StatusCode.Should().Be(HttpStatusCode.Redirect);
        disabled.StatusCode.Should().Be(HttpStatusCode.OK, "a disabled user is shown the sign-in page again");
        configuredButDisabledInStore.StatusCode.Should().Be(HttpStatusCode.OK, "where the store has the name, the store decides");
        configuredOnly.StatusCode.Should().Be(HttpStatusCode.Redirect);
        oldPassword.StatusCode.Should().Be(HttpStatusCode.OK, "the store is read at each sign-in: no restart needed");
        (await newPassword.GetPageAsync("/")).Should().Contain("田中 さん").And.Contain("福祉部生活福祉課");
    }

    private sealed class HostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "GuidelineEngine.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
