using System.Diagnostics;
using GuidelineEngine.Benchmarks;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Core;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Rules.Loading;

if (args.Contains("--micro"))
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<MicroBenchmarks>();
    return 0;
}

// Records: --fill-records N --store PATH fills a new SQLite store; --impact --store PATH times impact analysis over it.
string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
if (args.Contains("--impact") || args.Contains("--fill-records"))
{
    var store = Value("--store") ?? throw new ArgumentException("--store PATH names the SQLite file to fill or analyse.");
    if (Value("--fill-records") is { } fill)
    {
        var count = int.Parse(fill, System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"Filling {store} with {count:N0} records, {Environment.ProcessorCount} cores …");
        var filled = RecordStoreFill.Fill(store, count, progress: n =>
        {
            if (n % 100_000 == 0)
            {
                Console.WriteLine($"  {n:N0}");
            }
        });
        Console.WriteLine($"Filled {filled.Records:N0} records ({filled.Refused:N0} generated intakes refused by the checker, as records submit would) " +
            $"in {filled.Elapsed.TotalSeconds:F1} s ({filled.Records / filled.Elapsed.TotalSeconds:N0} records/s), {filled.Bytes / (1024.0 * 1024 * 1024):F2} GiB; last hash {filled.LastHash}");
    }
    if (args.Contains("--impact"))
    {
        ImpactBenchmark.Run(store, Value("--rules-version") ?? "nerima/pre-2023");
    }
    return 0;
}

// Golden decisions: --golden OUT [--casebook DIR] [--generated N] (see GoldenRun).
if (Value("--golden") is { } golden)
{
    GoldenRun.Run(golden, Value("--casebook") ?? "casebook", int.Parse(Value("--generated") ?? "3000", System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

var cases = 1_000_000;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--cases" && i + 1 < args.Length)
    {
        cases = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    }
}
const int Seed = 20260101;
const int Chunk = 1000;
var warmUp = TimeSpan.FromSeconds(3);

Console.WriteLine($"GuidelineEngine benchmark — {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, server GC: {System.Runtime.GCSettings.IsServerGC}, cases: {cases:N0}");
Console.WriteLine();

// 1. Rule-set load + validation + compilation, per version.
Console.WriteLine("Rule-set load + validate + compile (first run; then median of 10)");
foreach (var directory in Directory.GetDirectories(Path.Combine(RuleSets.Root, "nerima")).Order(StringComparer.Ordinal))
{
    var times = new List<(double Load, double Compile)>();
    for (var run = 0; run < 11; run++)
    {
        var sw = Stopwatch.StartNew();
        var definition = RuleSetLoader.Load(directory);
        var load = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        _ = new CaseScreener([definition]);
        times.Add((load, sw.Elapsed.TotalMilliseconds));
    }
    var warm = times.Skip(1).OrderBy(t => t.Load + t.Compile).ElementAt(5);
    Console.WriteLine($"  {Path.GetFileName(directory),-10} first: load+validate {times[0].Load,8:F1} ms, compile {times[0].Compile,8:F1} ms | warm: load+validate {warm.Load,6:F2} ms, compile {warm.Compile,6:F2} ms");
}
Console.WriteLine();

var rules = RuleSets.Current;
var screener = new CaseScreener([rules]);
var sample = new CaseGenerator(Seed).Take(20_000).ToList();

// 2. One case at a time, one thread.
var noRationale = PerCase("engine, without rationale", c => screener.Screen(c, withRationale: false));
var withRationale = PerCase("engine, with rationale", c => screener.Screen(c, withRationale: true));
var hand = PerCase("hand-written function", c => HandWrittenGuideline.Decide(c, rules));
// Where the engine's time goes: building the fact frames and running the sessions alone, without reading the decision off them.
var compiled = screener.Versions[0];
PerCase("  of which facts + session", c =>
{
    foreach (var item in c.Items)
    {
        var (frame, tasks) = IntakeFacts.Build(compiled, item);
        compiled.OpenSession(frame, tasks, trace: false, PlanMode.Compiled).Run();
    }
    return c;
});
Console.WriteLine();
Console.WriteLine($"HEADLINE engine/hand-written per case (no rationale): {noRationale / hand:F1}x  (target ≤ 3x); with rationale: {withRationale / hand:F1}x");
Console.WriteLine();

// 3. Batch throughput, all cores, with rationale; generation timed apart and subtracted.
var chunks = (cases + Chunk - 1) / Chunk;
IEnumerable<CaseIntake> ChunkCases(int k) => new CaseGenerator(Seed + 1 + k).Take(Math.Min(Chunk, cases - (k * Chunk)));
GC.Collect();
var genWatch = Stopwatch.StartNew();
long generated = 0;
Parallel.For(0, chunks, k => Interlocked.Add(ref generated, ChunkCases(k).Sum(c => c.Items.Count)));
var genSeconds = genWatch.Elapsed.TotalSeconds;
var batchWatch = Stopwatch.StartNew();
long screenedItems = 0;
Parallel.For(0, chunks, k =>
{
    long n = 0;
    foreach (var c in ChunkCases(k))
    {
        n += screener.Screen(c, withRationale: true).Items.Count;
    }
    Interlocked.Add(ref screenedItems, n);
});
var batchSeconds = batchWatch.Elapsed.TotalSeconds;
using var process = Process.GetCurrentProcess();
process.Refresh();
Console.WriteLine($"Batch, {Environment.ProcessorCount} cores, with rationale: {cases:N0} cases ({screenedItems:N0} items) in {batchSeconds:F2} s including generation ({genSeconds:F2} s alone)");
Console.WriteLine($"  {cases / batchSeconds:N0} cases/s with generation, {cases / Math.Max(1e-9, batchSeconds - genSeconds):N0} cases/s screening only (target ≥ 100,000)");
Console.WriteLine($"  peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):N0} MiB");
Console.WriteLine();

// 4. Agreement over the N cases.
long agree = 0, disagree = 0;
var firstDisagreements = new System.Collections.Concurrent.ConcurrentQueue<string>();
var outcomeCounts = new long[Enum.GetValues<Outcome>().Length];
Parallel.For(0, chunks, k =>
{
    foreach (var c in ChunkCases(k))
    {
        var engine = screener.Screen(c, withRationale: false);
        var difference = Agreement.Compare(c, engine, HandWrittenGuideline.Decide(c, rules));
        Interlocked.Increment(ref outcomeCounts[(int)engine.Outcome]);
        if (difference is null)
        {
            Interlocked.Increment(ref agree);
        }
        else if (Interlocked.Increment(ref disagree) <= 20)
        {
            firstDisagreements.Enqueue(difference);
        }
    }
});
Console.WriteLine($"Agreement engine vs hand-written (case and item outcomes, fit sets): {agree:N0} / {cases:N0} agree, {disagree:N0} disagree");
Console.WriteLine("  case outcomes: " + string.Join(", ", Enum.GetValues<Outcome>().Select(o => $"{o} {outcomeCounts[(int)o]:N0}")));
foreach (var d in firstDisagreements)
{
    Console.WriteLine("  " + d);
}
return disagree == 0 ? 0 : 3;

double PerCase(string label, Func<CaseIntake, object> screen)
{
    // Steady state, as a long batch or a running service sees it: the runtime recompiles hot methods with full
    // optimisation only after they have run a while (tiered compilation, in the background), and the engine compiles
    // a condition after 16 evaluations. A short warm-up times part of the sample in unoptimised code. Cold start is
    // measured apart (bench/run, hyperfine).
    var warming = Stopwatch.StartNew();
    do
    {
        foreach (var c in sample)
        {
            screen(c);
        }
    }
    while (warming.Elapsed < warmUp);
    var ticks = new long[sample.Count];
    GC.Collect();
    var before = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < sample.Count; i++)
    {
        var start = Stopwatch.GetTimestamp();
        screen(sample[i]);
        ticks[i] = Stopwatch.GetTimestamp() - start;
    }
    var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)sample.Count;
    Array.Sort(ticks);
    double Us(long t) => t * 1e6 / Stopwatch.Frequency;
    var mean = ticks.Average(t => Us(t));
    Console.WriteLine($"{label,-28} mean {mean,8:F2} µs  p50 {Us(ticks[ticks.Length / 2]),8:F2} µs  p99 {Us(ticks[(int)(ticks.Length * 0.99)]),8:F2} µs  alloc {allocated,9:N0} B/case");
    return mean;
}
