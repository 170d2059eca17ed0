using System.Globalization;
using System.Text.RegularExpressions;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Cli.Tests.Corpus;

/// <summary>
/// The bad-input corpus (tests/corpus/manifest.yaml) through the command line: <c>screen</c>, <c>screen --record</c> and
/// <c>rules validate</c> give the manifest's exit code and exactly its error lines, and a bad case records nothing.
/// </summary>
public sealed partial class CliCorpusTests(CliCorpusTests.RecordStore store) : IClassFixture<CliCorpusTests.RecordStore>
{
    /// <summary>Far above any run here: only a hang trips it.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    public static TheoryData<string> Intakes => [.. BadInputCorpus.Ids("intake", BadInputCorpus.Cli)];

    public static TheoryData<string> RuleSets => [.. BadInputCorpus.Ids("rules", BadInputCorpus.Cli)];

    [Fact]
    public async Task Screen_EveryCorpusIntakeInOneRun_ReportsEachFilesErrorsAndExitsWithTheStrictest()
    {
        // Arrange: each input in a folder of its own, all screened by one command (one start instead of one per input).
        var entries = BadInputCorpus.Entries.Where(e => e.Kind == "intake" && e.FrontEnds.Contains(BadInputCorpus.Cli)).ToList();
        using var folder = new TempFolder();
        var inputs = entries.Select(e => (Entry: e, Folder: Directory.CreateDirectory(Path.Combine(folder.Path, e.Id)).FullName)).ToList();
        var paths = inputs.Select(i => i.Entry.WriteIntake(i.Folder)).ToList();

        // Act
        var (exit, _, error) = await RunAsync(["screen", .. paths, .. Options]);

        // Assert: every file's lines exactly, nothing else, and the strictest exit code among them.
        var lines = Lines(error);
        foreach (var (entry, input) in inputs)
        {
            var expected = entry.ExpectedErrors(BadInputCorpus.Cli, input).Select(e => e.ToString()).ToList();
            var prefix = DisplayPath.Of(Path.Combine(input, entry.FileName)) + ":";
            lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Should().Equal(expected, "{0} ({1})", entry.Id, entry.What);
        }
        lines.Should().HaveCount(inputs.Sum(i => i.Entry.ExpectedErrors(BadInputCorpus.Cli, i.Folder).Count));
        exit.Should().Be(entries.Max(e => e.For(BadInputCorpus.Cli).Exit));
    }

    [Theory]
    [MemberData(nameof(Intakes))]
    public async Task ScreenWithRecord_CorpusIntake_RecordsOnlyWhatIsAccepted(string id)
    {
        // Arrange
        var entry = BadInputCorpus.Get(id);
        using var folder = new TempFolder();
        var path = entry.WriteIntake(folder.Path);
        var expected = entry.For(BadInputCorpus.Cli);
        var before = store.Entries;

        // Act
        var (exit, _, error) = await RunAsync(["screen", path, "--record", "--data", store.DataPath, .. Options]);

        // Assert: the same answer as without --record; a bad case leaves the store as it was, and its chain intact.
        exit.Should().Be(expected.Exit, "{0} ({1}); it printed:{2}{3}", id, entry.What, Environment.NewLine, error);
        if (entry.Accepted(BadInputCorpus.Cli))
        {
            Lines(error).Should().ContainSingle().Which.Should().StartWith("協議記録 R");
            (await store.VerifiedEntriesAsync()).Should().Be(before + 1);
        }
        else
        {
            Lines(error).Should().Equal(entry.ExpectedErrors(BadInputCorpus.Cli, folder.Path).Select(e => e.ToString()));
            (await store.VerifiedEntriesAsync()).Should().Be(before, "a refused case writes nothing, not even part of a record");
        }
    }

    [Theory]
    [MemberData(nameof(RuleSets))]
    public async Task RulesValidate_CorpusRuleSet_ExitsAndReportsAsTheManifestSays(string id)
    {
        // Arrange
        var entry = BadInputCorpus.Get(id);
        using var folder = new TempFolder();
        var version = entry.WriteRules(folder.Path);
        var expected = entry.For(BadInputCorpus.Cli);

        // Act
        var (exit, output, error) = await RunAsync("rules", "validate", folder.Path);

        // Assert
        exit.Should().Be(expected.Exit, "{0} ({1}); it printed:{2}{3}", id, entry.What, Environment.NewLine, error);
        Lines(error).Should().Equal(entry.ExpectedErrors(BadInputCorpus.Cli, version).Select(e => e.ToString()));
        if (entry.Accepted(BadInputCorpus.Cli))
        {
            output.Should().StartWith($"OK {entry.Base} sha256:");
        }
    }

    // The shipped rules; no casebook: precedents are beside the point here, and loading them is most of a run.
    private static string[] Options => ["--rules", TestPaths.Rules, "--casebook", Path.Combine(AppContext.BaseDirectory, "no-casebook")];

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) =>
        await Task.Run(() => CliRunner.Run(args)).WaitAsync(HangGuard);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One record store for the class, holding one accepted case from the start, so "nothing added" is seen on a store with content.</summary>
    public sealed partial class RecordStore : IDisposable
    {
        private readonly TempFolder _data = new();

        public RecordStore()
        {
            var control = BadInputCorpus.Get("valid-use");
            using var folder = new TempFolder();
            var (exit, _, error) = CliRunner.Run(["screen", control.WriteIntake(folder.Path), "--record", "--data", DataPath, .. Options]);
            exit.Should().Be(ExitCodes.Proceed, error);
            Entries = 1;
        }

        public string DataPath => _data.Path;

        /// <summary>The number of entries when last verified (the tests of a class run one at a time).</summary>
        public long Entries { get; private set; }

        /// <summary>The number of entries, after <c>records verify</c> has found the chain intact.</summary>
        public async Task<long> VerifiedEntriesAsync()
        {
            var (exit, output, error) = await RunAsync("records", "verify", "--data", DataPath);
            exit.Should().Be(ExitCodes.Proceed, error);
            return Entries = long.Parse(VerifiedCount().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _data.Dispose();
        }

        [GeneratedRegex(@"^OK: (\d+) 件")]
        private static partial Regex VerifiedCount();
    }
}
