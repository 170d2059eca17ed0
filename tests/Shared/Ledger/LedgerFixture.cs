using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Casebook;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Tests.Shared;

/// <summary>
/// A ledger over a fresh SQLite store in a temporary folder, with the shipped rules; deleted when disposed. Linked into the
/// application layer's tests and the store tests (which fill stores through the ledger).
/// </summary>
internal sealed class LedgerFixture : IDisposable
{
    private static readonly Lazy<CaseScreener> SharedScreener = new(() => new CaseScreener(RuleSetCatalog.Load(TestPaths.Rules).Versions));

    private static readonly Lazy<IReadOnlyList<Domain.Casebook.CasebookCase>> SharedCases = new(() =>
        CasebookReader.ReadAll(TestPaths.Casebook, RuleSetCatalog.Load(TestPaths.Rules).Versions));

    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-tests-").FullName;

    public LedgerFixture()
    {
        Store = new SqliteRecordStore(Path.Combine(_folder, "records.db"));
        Ledger = new ConsultationLedger(Store, Screener, Clock);
    }

    public static CaseScreener Screener => SharedScreener.Value;

    /// <summary>The repository's casebook, read once.</summary>
    public static IReadOnlyList<Domain.Casebook.CasebookCase> Cases => SharedCases.Value;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(9)));
    public SqliteRecordStore Store { get; }
    public ConsultationLedger Ledger { get; }

    public static byte[] Example(string name) => File.ReadAllBytes(Path.Combine(TestPaths.Casebook, "examples", name));

    public void Dispose()
    {
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;
}
