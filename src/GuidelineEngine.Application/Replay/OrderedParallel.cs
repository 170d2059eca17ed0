using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Dataflow;

namespace GuidelineEngine.Application.Replay;

/// <summary>
/// Maps a stream on several threads and hands the results back in the order of the source, with only a bounded number
/// of items in flight: one thread reads the source (e.g. a store's forward-only reader) into batches, a TPL Dataflow
/// <see cref="TransformBlock{TInput, TOutput}"/> maps them in parallel and keeps their order, and the caller takes them.
/// Memory stays flat however long the stream is.
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
        using var stop = new CancellationTokenSource();
        // Batches in flight (queued, mapping or mapped and not yet taken): enough to keep every worker busy while the
        // caller is slow for a moment, and no more. The reader waits while the block is full.
        var mapping = new TransformBlock<Batch<TSource, TResult>, Batch<TSource, TResult>>(batch => batch.MapAll(map), new ExecutionDataflowBlockOptions
        {
            MaxDegreeOfParallelism = workers,
            BoundedCapacity = workers * 4,
            EnsureOrdered = true,
            CancellationToken = stop.Token,
        });
        var reader = new Thread(() => Read(source, batchSize, mapping, stop.Token)) { IsBackground = true, Name = "ordered-parallel reader" };
        reader.Start();
        try
        {
            while (mapping.OutputAvailableAsync().GetAwaiter().GetResult())
            {
                while (mapping.TryReceive(out var batch))
                {
                    for (var i = 0; i < batch.Mapped; i++)
                    {
                        yield return batch.Results[i];
                    }
                    batch.Error?.Throw();
                }
            }
        }
        finally
        {
            // The caller stopped early or a batch failed: stop reading and mapping, and wait until the source is closed.
            stop.Cancel();
            reader.Join();
        }
    }

    private static void Read<TSource, TResult>(IEnumerable<TSource> source, int batchSize, ITargetBlock<Batch<TSource, TResult>> mapping, CancellationToken stop)
    {
        var batch = new Batch<TSource, TResult>(batchSize);
        try
        {
            foreach (var item in source)
            {
                batch.Items[batch.Count++] = item;
                if (batch.Count == batchSize)
                {
                    Send(mapping, batch, stop);
                    batch = new Batch<TSource, TResult>(batchSize);
                }
            }
            if (batch.Count > 0)
            {
                Send(mapping, batch, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The caller has gone; nothing more to read.
        }
        catch (Exception e)
        {
            // A read error takes its place in the stream, after everything read before it.
            try
            {
                if (batch.Count > 0)
                {
                    Send(mapping, batch, stop);
                }
                Send(mapping, Batch<TSource, TResult>.Failed(e), stop);
            }
            catch (OperationCanceledException)
            {
                // The caller has gone and will not see it.
            }
        }
        finally
        {
            mapping.Complete();
        }
    }

    // Waits while the block is full; a block that declines (cancelled) ends the reading as the caller's going does.
    private static void Send<TSource, TResult>(ITargetBlock<Batch<TSource, TResult>> mapping, Batch<TSource, TResult> batch, CancellationToken stop)
    {
        if (!mapping.SendAsync(batch, stop).GetAwaiter().GetResult())
        {
            throw new OperationCanceledException(stop);
        }
    }

    private sealed class Batch<TSource, TResult>(int size)
    {
        public TSource[] Items { get; } = new TSource[size];
        public TResult[] Results { get; } = new TResult[size];
        public int Count { get; set; }

        /// <summary>How many items were mapped: all of them, unless <see cref="Error"/> stopped the batch.</summary>
        public int Mapped { get; private set; }

        public ExceptionDispatchInfo? Error { get; private set; }

        /// <summary>A read error, in its place in the stream.</summary>
        public static Batch<TSource, TResult> Failed(Exception e) => new(0) { Error = ExceptionDispatchInfo.Capture(e) };

        // Never throws: an item's failure is kept, so the block stays up and the results before it still reach the caller.
        public Batch<TSource, TResult> MapAll(Func<TSource, TResult> map)
        {
            try
            {
                for (; Mapped < Count; Mapped++)
                {
                    Results[Mapped] = map(Items[Mapped]);
                }
            }
            catch (Exception e)
            {
                Error = ExceptionDispatchInfo.Capture(e);
            }
            Array.Clear(Items);
            return this;
        }
    }
}
