using System.Diagnostics;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Replay;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Benchmarks;

/// <summary>
/// Times <c>records impact</c> over a SQLite store (see <see cref="RecordStoreFill"/>) and splits the time: reading the
/// log alone, reading and decoding (payload JSON and intake YAML, no screening), the whole impact analysis, and the
/// engine alone on a sample of the decoded intakes. Each phase reports its own peak working set.
/// </summary>
public static class ImpactBenchmark
{
    private const int EngineSample = 20_000;

    public static void Run(string path, string versionId)
    {
        var screener = new CaseScreener(RuleSetCatalog.Load(RuleSets.Root).Versions);
        using var store = new SqliteRecordStore(path, readOnly: true);
        Console.WriteLine($"Impact over {store.Description} ({new FileInfo(path).Length / (1024.0 * 1024 * 1024):F2} GiB) under {versionId}, {Environment.ProcessorCount} cores");

        long entries = 0, submitted = 0, payloadChars = 0;
        var read = Phase("read only: one connection, forward-only reader, one thread", () =>
        {
            foreach (var entry in store.ReadAll())
            {
                entries++;
                payloadChars += entry.Payload.Length;
                submitted += entry.Kind == EntryKind.Submitted ? 1 : 0;
            }
            return $"{entries:N0} entries, {submitted:N0} submitted, payload {payloadChars / Math.Max(1, entries):N0} chars on average";
        });

        var decode = Phase("read + decode (payload JSON, intake YAML), no screening, all cores", () =>
        {
            long items = 0;
            foreach (var count in OrderedParallel.Map(Submitted(store), e => SubmittedCase.From(e).ReadIntake().Items.Count))
            {
                items += count;
            }
            return $"{items:N0} items";
        });

        var impact = Phase($"records impact --rules-version {versionId} (RecordReplay.Impact, no casebook)", () =>
        {
            long changes = 0;
            foreach (var _ in new RecordReplay(screener).Impact(store, [], versionId))
            {
                changes++;
            }
            return $"{changes:N0} records would change";
        });

        // The engine alone: a sample decoded into memory first, then screened on all cores as impact screens it.
        var sample = Submitted(store).Take(EngineSample).Select(e => SubmittedCase.From(e).ReadIntake()).ToList();
        var engineWatch = Stopwatch.StartNew();
        Parallel.ForEach(sample, intake => screener.Screen(intake, versionId, withRationale: false));
        var enginePerCase = engineWatch.Elapsed.TotalSeconds / Math.Max(1, sample.Count);
        var engine = enginePerCase * submitted;

        Console.WriteLine();
        Console.WriteLine($"HEADLINE impact of {submitted:N0} records: {impact.Seconds:F1} s, {submitted / impact.Seconds:N0} records/s, peak working set {impact.PeakMiB:N0} MiB (target < 30 s)");
        Console.WriteLine($"  split: read {read.Seconds:F1} s (one thread) | read + decode {decode.Seconds:F1} s (all cores) | engine alone ~{engine:F1} s " +
            $"({sample.Count:N0}-case sample on all cores: {enginePerCase * 1e6:F1} µs per case of wall time) | impact − decode {impact.Seconds - decode.Seconds:F1} s");
    }

    private static IEnumerable<RecordEntry> Submitted(IRecordStore store) => store.ReadAll().Where(e => e.Kind == EntryKind.Submitted);

    private static (double Seconds, double PeakMiB) Phase(string label, Func<string> body)
    {
        GC.Collect();
        ResetPeak();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var what = body();
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var peak = process.PeakWorkingSet64 / (1024.0 * 1024);
        // CPU time as well as wall time: on a shared machine the wall time says as much about the neighbours.
        Console.WriteLine($"  {label}: {seconds:F1} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F1} s CPU, peak working set {peak:N0} MiB — {what}");
        return (seconds, peak);
    }

    /// <summary>Resets the process's peak resident set (Linux), so each phase reports its own peak.</summary>
    private static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Elsewhere the peak is the process's so far.
        }
    }
}
