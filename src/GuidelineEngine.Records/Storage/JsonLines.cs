using System.Text.Json;
using System.Text.Json.Serialization;
using GuidelineEngine.Records.Model;

namespace GuidelineEngine.Records.Storage;

/// <summary>
/// Export and import of the log as JSON lines, one entry per line with its sequence and hashes, so that a store
/// can move between SQLite and PostgreSQL with the chain intact.
/// </summary>
public static class JsonLines
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<EntryKind>() },
    };

    public static long Export(IRecordStore store, TextWriter output)
    {
        long count = 0;
        foreach (var entry in store.ReadAll())
        {
            output.WriteLine(JsonSerializer.Serialize(entry, Options));
            count++;
        }
        return count;
    }

    /// <summary>Reads entries; a line that is not an entry stops the import with its line number.</summary>
    public static IEnumerable<RecordEntry> Read(TextReader input, string name)
    {
        var lineNumber = 0;
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            RecordEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<RecordEntry>(line, Options);
            }
            catch (JsonException e)
            {
                throw new RecordStoreException($"{name}:{lineNumber}: 記録の行として読めません: {e.Message}");
            }
            yield return entry ?? throw new RecordStoreException($"{name}:{lineNumber}: 空の記録です。");
        }
    }
}
