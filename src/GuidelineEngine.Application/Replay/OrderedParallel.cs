using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace GuidelineEngine.Application.Replay;

/// <summary>
/// Maps a stream on several threads and hands the results back in the order of the source, with only a bounded number
/// of items in flight: one thread reads the source (e.g. a store's forward-only reader), the workers map batches of it,
/// and the caller takes the batches in order. Memory stays flat however long the stream is.
/// </summary>
public static class OrderedParallel
{
    /// <param name="source">Enumerated once, on a thread of its own (a store reader opens and closes its connection there).</param>
    /// <param name="map">Called on the worker threads; an exception stops the stream and is rethrown to the caller, in order.</param>
    /// <param name="workers">Mapping threads; 0 for one per core.</param>
    /// <param name="batchSize">Items handed to a worker at a time.</param>
    public static IEnumerable<TResult> Map<TSource, TResult>(IEnumerable<TSource> source, Func<TSource, TResult> map, int workers = 0, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        workers = workers > 0 ? workers : Environment.ProcessorCount;
        return Run(source, map, workers, batchSize);
    }

    private static IEnumerable<TResult> Run<TSource, TResult>(IEnumerable<TSource> source, Func<TSource, TResult> map, int workers, int batchSize)
    {
        // Batches in flight: enough to keep every worker busy while the caller is slow for a moment, and no more.
        var inFlight = workers * 4;
        using var stop = new CancellationTokenSource();
        using var ordered = new BlockingCollection<Batch<TSource, TResult>>(inFlight);
        using var work = new BlockingCollection<Batch<TSource, TResult>>(inFlight);
        var threads = new List<Thread>
        {
            Start("ordered-parallel reader", () => Read(source, batchSize, ordered, work, stop.Token)),
        };
        for (var i = 0; i < workers; i++)
        {
            threads.Add(Start("ordered-parallel worker", () => Work(map, work, stop.Token)));
        }
        try
        {
            foreach (var batch in ordered.GetConsumingEnumerable())
            {
                batch.Done.Wait();
                for (var i = 0; i < batch.Mapped; i++)
                {
                    yield return batch.Results[i];
                }
                batch.Error?.Throw();
            }
        }
        finally
        {
            // The caller stopped early or a batch failed: stop reading and mapping, and wait until the source is closed.
            stop.Cancel();
            foreach (var thread in threads)
            {
                thread.Join();
            }
        }
    }

    private static Thread Start(string name, Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    private static void Read<TSource, TResult>(IEnumerable<TSource> source, int batchSize,
        BlockingCollection<Batch<TSource, TResult>> ordered, BlockingCollection<Batch<TSource, TResult>> work, CancellationToken stop)
    {
        var batch = new Batch<TSource, TResult>(batchSize);
        try
        {
            foreach (var item in source)
            {
                batch.Items[batch.Count++] = item;
                if (batch.Count == batchSize)
                {
                    Hand(batch, ordered, work, stop);
                    batch = new Batch<TSource, TResult>(batchSize);
                }
            }
            if (batch.Count > 0)
            {
                Hand(batch, ordered, work, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The caller has gone; nothing more to read.
        }
        catch (Exception e)
        {
            // A read error takes its place in the stream, after everything read before it.
            var failed = new Batch<TSource, TResult>(0) { Error = ExceptionDispatchInfo.Capture(e) };
            failed.Done.Set();
            try
            {
                if (batch.Count > 0)
                {
                    Hand(batch, ordered, work, stop);
                }
                ordered.Add(failed, stop);
            }
            catch (OperationCanceledException)
            {
                // The caller has gone and will not see it.
            }
        }
        finally
        {
            ordered.CompleteAdding();
            work.CompleteAdding();
        }
    }

    private static void Hand<TSource, TResult>(Batch<TSource, TResult> batch,
        BlockingCollection<Batch<TSource, TResult>> ordered, BlockingCollection<Batch<TSource, TResult>> work, CancellationToken stop)
    {
        // First in the caller's queue (which bounds what is in flight), then to the workers.
        ordered.Add(batch, stop);
        work.Add(batch, stop);
    }

    private static void Work<TSource, TResult>(Func<TSource, TResult> map, BlockingCollection<Batch<TSource, TResult>> work, CancellationToken stop)
    {
        try
        {
            foreach (var batch in work.GetConsumingEnumerable(stop))
            {
                try
                {
                    for (; batch.Mapped < batch.Count && !stop.IsCancellationRequested; batch.Mapped++)
                    {
                        batch.Results[batch.Mapped] = map(batch.Items[batch.Mapped]);
                    }
                }
                catch (Exception e)
                {
                    batch.Error = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    Array.Clear(batch.Items);
                    batch.Done.Set();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The caller has gone.
        }
    }

    private sealed class Batch<TSource, TResult>(int size)
    {
        public TSource[] Items { get; } = new TSource[size];
        public TResult[] Results { get; } = new TResult[size];
        public int Count { get; set; }

        /// <summary>How many items were mapped: all of them, unless <see cref="Error"/> stopped the batch.</summary>
        public int Mapped { get; set; }

        public ExceptionDispatchInfo? Error { get; set; }
        public ManualResetEventSlim Done { get; } = new();
    }
}
