using System.Globalization;
using System.Text;
using System.Text.Json;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;

// StressWriter: appends N new records (fiscal year 2025), each with its derived row, through IRecordStore.Append and, after each Append has
// returned, writes one line "ACK <record id> <sequence> <Stopwatch timestamp>" to stdout and flushes it (the timestamp
// is the machine's monotonic clock, the same in the test process). An entry whose ACK line was
// written is acknowledged: the durability tests check that every acknowledged entry survives a hard kill.
//
//   dotnet GuidelineEngine.Records.StressWriter.dll --store sqlite:<path>|postgres:<connection string>
//       --count N --writer <name> [--start-at <unix milliseconds> | --wait open|append]
//
// --start-at makes several writers open the store and start appending at the same moment.
// --wait prints "READY" once the process is up (with "append": once it has opened the store) and waits for a line on
// stdin before it goes on: the crash tests start writers ahead and time their kills from the moment they let one go.
// Exit codes: 0 all appended, 1 the store failed, 2 wrong arguments.

const int StoreFailed = 1;
const int Usage = 2;

string? storeSpec = null;
string? writer = null;
int count = -1;
long? startAt = null;
string? waitBefore = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--store" when value is not null:
            storeSpec = value;
            i++;
            break;
        case "--count" when value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
            count = n;
            i++;
            break;
        case "--writer" when value is not null:
            writer = value;
            i++;
            break;
        case "--start-at" when value is not null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms):
            startAt = ms;
            i++;
            break;
        case "--wait" when value is "open" or "append":
            waitBefore = value;
            i++;
            break;
        default:
            return Fail(Usage, $"unknown or incomplete argument: {args[i]}");
    }
}
if (storeSpec is null || writer is null || count < 0 || (waitBefore is not null && startAt is not null))
{
    return Fail(Usage, "usage: --store sqlite:<path>|postgres:<connection string> --count N --writer <name> [--start-at <unix ms> | --wait open|append]");
}

if (startAt is { } start)
{
    var wait = DateTimeOffset.FromUnixTimeMilliseconds(start) - DateTimeOffset.UtcNow;
    if (wait > TimeSpan.Zero)
    {
        Thread.Sleep(wait);
    }
}

using var stdout = Console.OpenStandardOutput();
if (waitBefore == "open" && !Ready())
{
    return Fail(Usage, "stdin closed before the writer was let go");
}
try
{
    using var store = Open(storeSpec);
    if (waitBefore == "append" && !Ready())
    {
        return Fail(Usage, "stdin closed before the writer was let go");
    }
    for (var counter = 1; counter <= count; counter++)
    {
        var payload = JsonSerializer.Serialize(new { writer, counter });
        // Its derived row holds the payload as its intake, so that the checks can tell it belongs to this entry.
        var entry = store.Append(new PendingEntry(null, 2025, EntryKind.Submitted, writer, payload, DateTimeOffset.UtcNow,
            Derived: new DerivedSubmission("stress", "covered", "[]", payload)));
        WriteLine(string.Create(CultureInfo.InvariantCulture, $"ACK {entry.RecordId} {entry.Sequence} {System.Diagnostics.Stopwatch.GetTimestamp()}"));
    }
    return 0;
}
catch (RecordStoreException e)
{
    return Fail(StoreFailed, e.ToString());
}

bool Ready()
{
    WriteLine("READY");
    return Console.In.ReadLine() is not null;
}

// One write per line, so a kill never leaves half a line that could be misread as an acknowledgement.
void WriteLine(string line)
{
    stdout.Write(Encoding.UTF8.GetBytes(line + "\n"));
    stdout.Flush();
}

static IRecordStore Open(string spec)
{
    if (spec.StartsWith("sqlite:", StringComparison.Ordinal))
    {
        return new SqliteRecordStore(spec["sqlite:".Length..]);
    }
    if (spec.StartsWith("postgres:", StringComparison.Ordinal))
    {
        return new PostgresRecordStore(spec["postgres:".Length..]);
    }
    throw new RecordStoreException($"unknown store '{spec}' (sqlite:<path> or postgres:<connection string>)");
}

static int Fail(int code, string message)
{
    Console.Error.WriteLine(message);
    return code;
}
