using BenchmarkDotNet.Attributes;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Benchmarks;

/// <summary>BenchmarkDotNet micro figures over 1,000 generated cases (per operation = one batch of 1,000 cases).</summary>
[MemoryDiagnoser]
public class MicroBenchmarks
{
    private RuleSetDefinition _rules = null!;
    private CaseScreener _screener = null!;
    private List<CaseIntake> _cases = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rules = RuleSets.Current;
        _screener = new CaseScreener([_rules]);
        _cases = new CaseGenerator(20260101).Take(1000).ToList();
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public int EngineWithoutRationale()
    {
        var n = 0;
        foreach (var c in _cases)
        {
            n += (int)_screener.Screen(c, withRationale: false).Outcome;
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public int EngineWithRationale()
    {
        var n = 0;
        foreach (var c in _cases)
        {
            n += (int)_screener.Screen(c, withRationale: true).Outcome;
        }
        return n;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1000)]
    public int HandWritten()
    {
        var n = 0;
        foreach (var c in _cases)
        {
            n += (int)HandWrittenGuideline.Decide(c, _rules).Outcome;
        }
        return n;
    }
}
