using System.Diagnostics;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Replay;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Loading;

namespace GuidelineEngine.Benchmarks;

/// <summary>
/// Times <c>records impact</c> over a SQLite store (see <see cref="RecordStoreFill"/>) and splits its cost: reading the
/// derived table alone, reading it and decoding each compact intake and recorded summary (no screening), the whole impact
/// analysis, and the engine alone on a sample of decoded intakes. A store made before the derived table is upgraded and
/// its rows made from the payloads first, timed on its own. Every phase gives wall time, CPU time and its own peak working
/// set; on a machine shared with other work the CPU time per record is the steadier figure.
/// </summary>
public static class ImpactBenchmark
{
    private const int WarmUp = 10_000;
    private const int EngineSample = 20_000;

    public static void Run(string path, string versionId)
    {
        var screener = new CaseScreener(RuleSetCatalog.Load(RuleSets.Root).Versions);
        // Opened for writing, as records impact opens it: a store made before the derived table gets it here.
        using var store = new SqliteRecordStore(path);
        Console.WriteLine($"Impact over {store.Description} ({new FileInfo(path).Length / (1024.0 * 1024 * 1024):F2} GiB) under {versionId}, " +
            $"{Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC}");
        Phase("derived rows made from the payloads where missing (once, for a store made before them)", () =>
        {
            var filled = DerivedSubmissions.Fill(store, missing => Console.WriteLine($"  {missing:N0} submissions have no derived row: making them from the payloads …"));
            return $"{filled:N0} rows made";
        });

        // Compile the code paths first, and give tiered compilation time to finish (seconds on a busy machine), so that a small
        // store does not time the JIT.
        var warming = Stopwatch.StartNew();
        for (var pass = 0; pass < 2 || warming.Elapsed < TimeSpan.FromSeconds(5); pass++)
        {
            foreach (var recorded in OrderedParallel.Map(store.ReadSubmissions().Take(WarmUp), DerivedSubmissions.Read))
            {
                screener.Screen(recorded.Intake, versionId, withRationale: false);
            }
        }

        long submitted = 0, rowBytes = 0;
        var read = Phase("derived table read only (one connection, forward-only reader, one thread)", () =>
        {
            foreach (var row in store.ReadSubmissions())
            {
                submitted++;
                rowBytes += row.Intake.Length + row.Categories.Length + row.Outcome.Length + row.VersionId.Length + row.RecordId.Length;
            }
            return $"{submitted:N0} submissions, {rowBytes / Math.Max(1, submitted):N0} bytes of columns a row on average";
        });
        var perRecord = (double)Math.Max(1, submitted);

        var decode = Phase("read + compact intake and recorded summary decoded (no screening)", () =>
        {
            long items = 0;
            foreach (var count in OrderedParallel.Map(store.ReadSubmissions(), row => DerivedSubmissions.Read(row).Intake.Items.Count))
            {
                items += count;
            }
            return $"{items:N0} items";
        });

        var impact = Phase($"records impact --rules-version {versionId} (RecordReplay.Impact, without the casebook)", () =>
        {
            long changes = 0;
            foreach (var _ in new RecordReplay(screener).Impact(store, [], versionId))
            {
                changes++;
            }
            return $"{changes:N0} records would change";
        });

        // The engine alone: a sample decoded into memory first, then screened on all cores as impact screens it.
        var sample = store.ReadSubmissions().Take(EngineSample).Select(row => DerivedSubmissions.Read(row).Intake).ToList();
        var engine = Phase($"engine alone, {sample.Count:N0} decoded intakes in memory, all cores", () =>
        {
            Parallel.ForEach(sample, intake => screener.Screen(intake, versionId, withRationale: false));
            return "";
        });
        double Us(Timing t, double n) => t.CpuSeconds * 1e6 / Math.Max(1, n);
        var engineUs = Us(engine, sample.Count);

        Console.WriteLine();
        Console.WriteLine($"HEADLINE impact of {submitted:N0} records: {impact.Seconds:F1} s, {submitted / impact.Seconds:N0} records/s, " +
            $"peak working set {impact.PeakMiB:N0} MiB (target < 10 s for 1,000,000 on 2 cores)");
        Console.WriteLine($"  CPU per record: read {Us(read, perRecord):F1} µs + compact intake decode {Us(decode, perRecord) - Us(read, perRecord):F1} µs " +
            $"+ engine {engineUs:F1} µs = {Us(decode, perRecord) + engineUs:F1} µs; impact measured {Us(impact, perRecord):F1} µs");
        Console.WriteLine($"  store/IO + decoding {Us(decode, perRecord) / Us(impact, perRecord):P0} of impact CPU, engine {engineUs / Us(impact, perRecord):P0}; " +
            $"impact CPU / {Environment.ProcessorCount} cores = {Us(impact, perRecord) * submitted / 1e6 / Environment.ProcessorCount:F1} s, what an idle machine would take");
    }

    private sealed record Timing(double Seconds, double CpuSeconds, double PeakMiB);

    private static Timing Phase(string label, Func<string> body)
    {
        GC.Collect();
        ResetPeak();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var what = body();
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var timing = new Timing(seconds, (process.TotalProcessorTime - cpu).TotalSeconds, process.PeakWorkingSet64 / (1024.0 * 1024));
        Console.WriteLine($"  {label}: {timing.Seconds:F1} s wall, {timing.CpuSeconds:F1} s CPU, peak working set {timing.PeakMiB:N0} MiB{(what.Length > 0 ? " — " + what : "")}");
        return timing;
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
