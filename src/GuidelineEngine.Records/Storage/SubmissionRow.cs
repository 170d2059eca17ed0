using GuidelineEngine.Records.Model;

namespace GuidelineEngine.Records.Storage;

/// <summary>
/// A submission's derived row as read back (<see cref="IRecordStore.ReadSubmissions"/>): where its entry is, and the
/// columns of its <see cref="DerivedSubmission"/>, the intake as the UTF-8 bytes the store holds.
/// </summary>
public sealed record SubmissionRow(long Sequence, string RecordId, string VersionId, string Outcome, string Categories, byte[] Intake);

/// <summary>
/// An entry with the derived row kept under its sequence (<see cref="IRecordStore.ReadAllWithSubmissions"/>): for a
/// submission its row, or null when it has none yet; for any other entry null, unless a row was put there. A row whose
/// sequence is no entry at all comes with <see cref="Entry"/> null.
/// </summary>
public sealed record StoredEntry(RecordEntry? Entry, SubmissionRow? Derived);

/// <summary>What the SQL of both stores shares about the derived rows of submissions.</summary>
internal static class Submissions
{
    /// <summary>The columns of a derived row, in the order <see cref="Read"/> reads them.</summary>
    public const string Columns = "sequence, record_id, version_id, outcome, categories, intake";

    /// <summary>Rows written per transaction when derived rows are added for existing submissions.</summary>
    public const int PerTransaction = 1_000;

    /// <summary>The derived row whose columns start at <paramref name="first"/> (the intake read as bytes); null when they are null (no row).</summary>
    public static SubmissionRow? Read(System.Data.Common.DbDataReader reader, int first) => reader.IsDBNull(first)
        ? null
        : new SubmissionRow(reader.GetInt64(first), reader.GetString(first + 1), reader.GetString(first + 2), reader.GetString(first + 3),
            reader.GetString(first + 4), reader.GetFieldValue<byte[]>(first + 5));

    /// <summary>The entry columns (<see cref="ChainedEntry.Columns"/>) qualified by a table alias, for a join.</summary>
    public static string Qualified(string columns, string alias) =>
        string.Join(", ", columns.Split(", ").Select(column => $"{alias}.{column}"));
}
