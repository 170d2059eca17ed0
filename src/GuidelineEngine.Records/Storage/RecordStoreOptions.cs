namespace GuidelineEngine.Records.Storage;

/// <summary>
/// Which store to use (configuration section <c>Guideline:Records</c>): <c>sqlite</c> (default, a file in
/// <see cref="DataFolder"/>) or <c>postgres</c> (<see cref="ConnectionString"/>).
/// </summary>
public sealed record RecordStoreOptions
{
    public const string DefaultFileName = "records.db";

    public string Provider { get; init; } = "sqlite";

    /// <summary>The folder of the SQLite file; relative paths are from the working folder.</summary>
    public string DataFolder { get; init; } = "data";

    /// <summary>The PostgreSQL connection string, for provider postgres.</summary>
    public string? ConnectionString { get; init; }

    public IRecordStore Open(bool readOnly = false) => Provider switch
    {
        "sqlite" => new SqliteRecordStore(Path.Combine(DataFolder, DefaultFileName), readOnly),
        "postgres" => new PostgresRecordStore(ConnectionString
            ?? throw new RecordStoreException("PostgreSQL の接続文字列（Guideline:Records:ConnectionString）がありません。"), readOnly),
        _ => throw new RecordStoreException($"記録簿の種類「{Provider}」は使えません（sqlite または postgres）。"),
    };
}
