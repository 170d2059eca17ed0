using GuidelineEngine.Records.Replay;

namespace GuidelineEngine.Records.Tests.Ledger;

/// <summary>The ordered, bounded parallel map that impact streams the store through.</summary>
public sealed class OrderedParallelTests
{
    [Fact]
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
        // Map waits for its reader before returning: the endless source is closed and reads no further.
        source.Closed.Should().BeTrue();
        var read = source.Produced;
        Thread.Sleep(100);
        source.Produced.Should().Be(read);
    }

    [Fact]
    public void A_slow_caller_holds_back_the_reader_so_only_a_few_batches_are_in_flight()
    {
        const int workers = 2, batchSize = 8;
        var source = new CountingSource();
        using var results = OrderedParallel.Map(source, i => i, workers, batchSize).GetEnumerator();

        results.MoveNext().Should().BeTrue();
        Thread.Sleep(500);

        // The batch the caller is reading, workers × 4 queued behind it, and one full batch waiting to be queued.
        source.Produced.Should().BeLessThanOrEqualTo(((workers * 4) + 2) * batchSize);
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
        private volatile bool _closed;

        public int Produced => Volatile.Read(ref _produced);
        public bool Closed => _closed;

        public IEnumerator<int> GetEnumerator()
        {
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
