using GuidelineEngine.Records.Model;

namespace GuidelineEngine.Records.Storage;

/// <summary>The shared store on a PostgreSQL server (being written).</summary>
public sealed class PostgresRecordStore(string connectionString) : IRecordStore
{
    public string Description { get; } = connectionString;

    public RecordEntry Append(PendingEntry pending) => throw new NotImplementedException();

    public IReadOnlyList<RecordEntry> Entries(string recordId) => throw new NotImplementedException();

    public IEnumerable<RecordEntry> ReadAll() => throw new NotImplementedException();

    public void Import(IEnumerable<RecordEntry> entries) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
