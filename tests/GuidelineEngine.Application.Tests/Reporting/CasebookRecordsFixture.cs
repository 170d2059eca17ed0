using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Casebook;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Application.Tests.Reporting;

/// <summary>A fresh SQLite ledger in a temporary folder, with the shipped rules; deleted when disposed.</summary>
public sealed class ReportLedger : IDisposable
{
    private static readonly Lazy<RuleSetCatalog> Catalog = new(() => RuleSetCatalog.Load(TestPaths.Rules));
    private static readonly Lazy<CaseScreener> SharedScreener = new(() => new CaseScreener(Catalog.Value.Versions));

    private readonly string _folder = Directory.CreateTempSubdirectory("report-tests-").FullName;

    public ReportLedger()
    {
        Store = new SqliteRecordStore(Path.Combine(_folder, "records.db"));
        Ledger = new ConsultationLedger(Store, SharedScreener.Value, TimeProvider.System);
    }

    public SqliteRecordStore Store { get; }
    public ConsultationLedger Ledger { get; }

    /// <summary>Loads the historical casebook (synthetic cases aside) as decided records.</summary>
    public IReadOnlyList<ConsultationRecord> LoadCasebook() =>
        CasebookLoader.Load(Ledger, CasebookReader.ReadAll(TestPaths.Casebook, Catalog.Value.Versions));

    public static byte[] Example(string name) => File.ReadAllBytes(Path.Combine(TestPaths.Casebook, "examples", name));

    public void Dispose()
    {
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The casebook loaded once as records, read back from the store, for every report test that needs it.</summary>
public sealed class CasebookRecordsFixture : IDisposable
{
    private readonly ReportLedger _ledger = new();

    public CasebookRecordsFixture()
    {
        _ledger.LoadCasebook();
        // Read back from the store, as the report command does: nothing in memory from the loading is used.
        Records = _ledger.Ledger.All().ToList();
    }

    public IReadOnlyList<ConsultationRecord> Records { get; }

    public void Dispose() => _ledger.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CasebookRecordsCollection : ICollectionFixture<CasebookRecordsFixture>
{
    public const string Name = "Reporting: casebook as records";
}
