using GuidelineEngine.Application.Replay;

namespace GuidelineEngine.Application.Tests.Ledger;

/// <summary>The ordered, bounded parallel map that impact streams the store through.</summary>
public sealed class OrderedParallelTests
{
    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public void Results_come_back_in_the_order_of_the_source_whatever_order_the_workers_finish_in()
    {
        const int seed = 4711;
        var work = new Random(seed);
        // Uneven work per item, so that batches finish out of order.
        var spins = Enumerable.Range(0, 5_000).Select(_ => work.Next(0, 20_000)).ToArray();

        var results = OrderedParallel.Map(Enumerable.Range(0, spins.Length), i =>
        {
            Thread.SpinWait(spins[i]);
            return i * 2;
        }, workers: 3, batchSize: 7).ToList();

        results.Should().Equal(Enumerable.Range(0, spins.Length).Select(i => i * 2), $"seed {seed}");
    }

    [Fact]
    public void A_failing_item_ends_the_stream_after_every_result_before_it()
    {
        var seen = new List<int>();

        var run = () =>
        {
            foreach (var result in OrderedParallel.Map(Enumerable.Range(0, 1_000), i => i == 500 ? throw new FormatException("item 500") : i, workers: 2, batchSize: 16))
            {
                seen.Add(result);
            }
        };

        run.Should().Throw<FormatException>().WithMessage("item 500");
        seen.Should().Equal(Enumerable.Range(0, 500));
    }

    [Fact]
    public void A_failing_source_ends_the_stream_after_everything_it_gave_before_and_is_closed()
    {
        var source = new CountingSource(failAt: 300);
        var seen = new List<int>();

        var run = () =>
        {
            foreach (var result in OrderedParallel.Map(source, i => i, workers: 2, batchSize: 16))
            {
                seen.Add(result);
            }
        };

        run.Should().Throw<IOException>().WithMessage("source failed at 300");
        seen.Should().Equal(Enumerable.Range(0, 300));
        source.Closed.Should().BeTrue();
    }

    [Fact]
    public void Stopping_early_stops_reading_and_closes_the_source()
    {
        var source = new CountingSource();

        var first = OrderedParallel.Map(source, i => i, workers: 2, batchSize: 8).Take(20).ToList();

        first.Should().Equal(Enumerable.Range(0, 20));
        // Map waits for its reader before returning: the endless source is closed and reads no further. Counted, not slept
        // on: the source was enumerated once and that enumeration has ended, so nothing can read from it any more.
        source.Closed.Should().BeTrue();
        source.Enumerations.Should().Be(1);
    }

    [Fact]
    public void A_slow_caller_holds_back_the_reader_so_only_a_few_batches_are_in_flight()
    {
        const int workers = 2, batchSize = 8;
        var source = new CountingSource();
        using var results = OrderedParallel.Map(source, i => i, workers, batchSize).GetEnumerator();

        // The batch the caller is reading, workers × 4 queued behind it, and one full batch waiting to be queued.
        const int bound = ((workers * 4) + 2) * batchSize;

        results.MoveNext().Should().BeTrue();

        // Not a sleep (which passes whenever the reader has not run yet): wait until the reader has run ahead of the caller
        // and is blocked, holding still, or until it has read past the bound. An unbounded reader never blocks on an endless
        // source, so only the bound ends the wait; there is no upper bound on how long the reader may take to get there.
        var settled = 0;
        var last = -1;
        while (source.Produced <= bound && settled < 20)
        {
            var produced = source.Produced;
            settled = produced > 2 * batchSize && produced == last && source.ReaderBlocked ? settled + 1 : 0;
            last = produced;
            Thread.Sleep(5);
        }

        source.Produced.Should().BeLessThanOrEqualTo(bound, "the reader stops when the batches in flight are not taken");
        source.Produced.Should().BeGreaterThan(2 * batchSize, "the reader ran ahead of the caller before it was held back");
    }

    [Fact]
    public void An_empty_source_gives_nothing()
    {
        OrderedParallel.Map(Array.Empty<int>(), i => i).Should().BeEmpty();
    }

    /// <summary>0, 1, 2, … endlessly (or failing at one item), counting what was read and whether it was closed.</summary>
    private sealed class CountingSource(int? failAt = null) : IEnumerable<int>
    {
        private int _produced;
        private int _enumerations;
        private volatile bool _closed;
        private volatile Thread? _reader;

        public int Produced => Volatile.Read(ref _produced);
        public bool Closed => _closed;

        /// <summary>How many times the source was enumerated.</summary>
        public int Enumerations => Volatile.Read(ref _enumerations);

        /// <summary>Whether the thread that reads the source is blocked (waiting, not running or ready to run).</summary>
        public bool ReaderBlocked => _reader is { } reader && (reader.ThreadState & ThreadState.WaitSleepJoin) != 0;

        public IEnumerator<int> GetEnumerator()
        {
            Interlocked.Increment(ref _enumerations);
            return Enumerate();
        }

        private IEnumerator<int> Enumerate()
        {
            _reader = Thread.CurrentThread;
            try
            {
                for (var i = 0; ; i++)
                {
                    if (i == failAt)
                    {
                        throw new IOException($"source failed at {i}");
                    }
                    Interlocked.Increment(ref _produced);
                    yield return i;
                }
            }
            finally
            {
                _closed = true;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
