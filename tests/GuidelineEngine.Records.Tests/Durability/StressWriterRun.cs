using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GuidelineEngine.Records.Tests.Durability;

/// <summary>One acknowledgement printed by the stress writer: the entry was appended and <c>Append</c> returned.</summary>
/// <param name="Writer">The writer that printed it.</param>
/// <param name="Counter">Its position among that writer's acknowledgements, from 1 (the counter in the payload).</param>
internal sealed record Ack(string Writer, int Counter, string RecordId, long Sequence);

/// <summary>
/// The stress writer (tests/GuidelineEngine.Records.StressWriter) running as a child process: its acknowledgements are
/// collected as they arrive, and it can be killed hard at any moment.
/// </summary>
internal sealed class StressWriterRun : IDisposable
{
    private const string AssemblyName = "GuidelineEngine.Records.StressWriter";

    private readonly Process _process;
    private readonly List<Ack> _acks = [];
    private readonly List<string> _unexpected = [];
    private readonly StringBuilder _error = new();
    private readonly List<long> _ackTimes = [];
    private readonly Task _reading;
    private long _go;
    private bool _ready;
    private bool _ended;

    private StressWriterRun(Process process, string writer)
    {
        _process = process;
        Writer = writer;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_error)
                {
                    _error.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _reading = Task.Run(ReadAcknowledgements);
    }

    public string Writer { get; }

    /// <summary>The writer's dll, built beside this test assembly's project with the same configuration and framework.</summary>
    public static string DllPath { get; } = Locate();

    /// <summary>Starts a writer: <paramref name="count"/> new records into the store named by <paramref name="store"/>.</summary>
    /// <param name="startAt">Unix milliseconds at which the writer opens the store and starts (several writers at once).</param>
    /// <param name="waitForGo">The writer starts up, then waits for <see cref="Go"/>: <c>open</c> before it opens the store,
    /// <c>append</c> after it opened the store, before its first append.</param>
    public static StressWriterRun Start(string store, int count, string writer, long? startAt = null, string? waitForGo = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = waitForGo is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        start.ArgumentList.Add("--store");
        start.ArgumentList.Add(store);
        start.ArgumentList.Add("--count");
        start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--writer");
        start.ArgumentList.Add(writer);
        if (startAt is { } at)
        {
            start.ArgumentList.Add("--start-at");
            start.ArgumentList.Add(at.ToString(CultureInfo.InvariantCulture));
        }
        if (waitForGo is not null)
        {
            start.ArgumentList.Add("--wait");
            start.ArgumentList.Add(waitForGo);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The stress writer did not start.");
        return new StressWriterRun(process, writer);
    }

    /// <summary>How many acknowledgements have arrived so far.</summary>
    public int AckCount
    {
        get
        {
            lock (_acks)
            {
                return _acks.Count;
            }
        }
    }

    /// <summary>Every acknowledgement, once <see cref="WaitForEndAsync"/> has returned.</summary>
    public IReadOnlyList<Ack> Acks
    {
        get
        {
            lock (_acks)
            {
                return [.. _acks];
            }
        }
    }

    /// <summary>
    /// When the writer acknowledged each entry, as it printed it: <see cref="Stopwatch.GetTimestamp"/>, the monotonic clock
    /// that this process shares with the writer. It tells how long appends take even when the acknowledgements are read late.
    /// </summary>
    public IReadOnlyList<long> AckTimes
    {
        get
        {
            lock (_acks)
            {
                return [.. _ackTimes];
            }
        }
    }

    /// <summary>When <see cref="Go"/> let the writer go (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long GoneAt => _go;

    /// <summary>Lines on stdout that are not acknowledgements (there should be none).</summary>
    public IReadOnlyList<string> Unexpected => _unexpected;

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits until at least <paramref name="count"/> acknowledgements arrived; false when the writer ended first or time ran out.</summary>
    public bool WaitForAcks(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        lock (_acks)
        {
            while (_acks.Count < count)
            {
                var left = timeout - clock.Elapsed;
                if (_ended || left <= TimeSpan.Zero)
                {
                    return false;
                }
                // Woken by each acknowledgement and by the end of the output.
                Monitor.Wait(_acks, left);
            }
            return true;
        }
    }

    /// <summary>For a writer started with <c>waitForGo</c>: waits until it is up and waiting; false when it ended first or time ran out.</summary>
    public bool WaitUntilReady(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        lock (_acks)
        {
            while (!_ready)
            {
                var left = timeout - clock.Elapsed;
                if (_ended || left <= TimeSpan.Zero)
                {
                    return false;
                }
                Monitor.Wait(_acks, left);
            }
            return true;
        }
    }

    /// <summary>Lets a ready writer open the store and append.</summary>
    public void Go()
    {
        _go = Stopwatch.GetTimestamp();
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Flush();
    }

    /// <summary>
    /// Kills the writer at once (SIGKILL on Linux): no clean-up runs in it. Only the writer: `dotnet` runs it in its own
    /// process, which starts no other, and looking for children first would delay the kill by milliseconds.
    /// </summary>
    public void KillHard() => _process.Kill();

    /// <summary>
    /// Kills the writer hard at <paramref name="timestamp"/> (<see cref="Stopwatch.GetTimestamp"/>), or at once when that has
    /// passed; returns how late that was (zero when on time).
    /// </summary>
    public TimeSpan KillAt(long timestamp)
    {
        var late = Stopwatch.GetElapsedTime(timestamp);
        while (Stopwatch.GetTimestamp() < timestamp)
        {
            Thread.SpinWait(20);
        }
        KillHard();
        return late > TimeSpan.Zero ? late : TimeSpan.Zero;
    }

    /// <summary>Waits for the writer to end and for its last output to be read; false on timeout.</summary>
    public async Task<bool> WaitForEndAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await _reading.WaitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    // Reads stdout as bytes and takes only complete lines: a line is an acknowledgement once its newline was written.
    private async Task ReadAcknowledgements()
    {
        try
        {
            await ReadLines(_process.StandardOutput.BaseStream);
        }
        finally
        {
            lock (_acks)
            {
                _ended = true;
                Monitor.PulseAll(_acks);
            }
        }
    }

    private async Task ReadLines(Stream stream)
    {
        var buffer = new byte[4096];
        var pending = new List<byte>();
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    pending.Add(buffer[i]);
                    continue;
                }
                Take(Encoding.UTF8.GetString([.. pending]));
                pending.Clear();
            }
        }
        if (pending.Count > 0)
        {
            // Cut off by the kill: not an acknowledgement (the writer prints each line in one write, so this should not happen).
            _unexpected.Add("(incomplete) " + Encoding.UTF8.GetString([.. pending]));
        }
    }

    private void Take(string line)
    {
        if (line == "READY")
        {
            lock (_acks)
            {
                _ready = true;
                Monitor.PulseAll(_acks);
            }
            return;
        }
        var parts = line.Split(' ');
        if (parts.Length == 4 && parts[0] == "ACK"
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var at))
        {
            lock (_acks)
            {
                _acks.Add(new Ack(Writer, _acks.Count + 1, parts[1], sequence));
                _ackTimes.Add(at);
                Monitor.PulseAll(_acks);
            }
        }
        else
        {
            _unexpected.Add(line);
        }
    }

    // `dotnet test` tells its children which host runs it; otherwise the dotnet on the PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // The test project references the writer (ReferenceOutputAssembly="false"), so building the tests builds it, into
    // tests/GuidelineEngine.Records.StressWriter/bin/<configuration>/<framework>/ — the same layout as this assembly's.
    // GUIDELINE_STRESS_WRITER may name the dll for other layouts.
    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("GUIDELINE_STRESS_WRITER") is { Length: > 0 } given)
        {
            return File.Exists(given) ? Path.GetFullPath(given)
                : throw new FileNotFoundException($"GUIDELINE_STRESS_WRITER names {given}, which does not exist.");
        }
        var output = AppContext.BaseDirectory;
        var project = new DirectoryInfo(output);
        while (project is not null && !File.Exists(Path.Combine(project.FullName, "GuidelineEngine.Records.Tests.csproj")))
        {
            project = project.Parent;
        }
        if (project?.Parent is null)
        {
            throw new FileNotFoundException(
                $"The test assembly ({output}) is not under its project folder, so the stress writer cannot be found; set GUIDELINE_STRESS_WRITER to its dll.");
        }
        var layout = Path.GetRelativePath(project.FullName, output);
        var dll = Path.Combine(project.Parent.FullName, AssemblyName, layout, AssemblyName + ".dll");
        return File.Exists(dll) ? dll
            : throw new FileNotFoundException($"The stress writer was not built at {dll}; build the solution (or set GUIDELINE_STRESS_WRITER).");
    }
}

/// <summary>
/// Writers numbered 1..<c>total</c>, each started (with <c>waitForGo</c>) <c>ahead</c> turns before it is needed, so that
/// one process starts up while the ones before append and are killed.
/// </summary>
internal sealed class ReadyWriters : IDisposable
{
    private readonly Queue<StressWriterRun> _started = new();
    private readonly int _total;
    private readonly Func<int, StressWriterRun> _start;
    private int _next = 1;

    /// <param name="start">Starts writer i (with <c>waitForGo</c>).</param>
    public ReadyWriters(int total, int ahead, Func<int, StressWriterRun> start)
    {
        _total = total;
        _start = start;
        while (_started.Count < ahead && _next <= total)
        {
            _started.Enqueue(start(_next++));
        }
    }

    /// <summary>The next writer, up and waiting for <see cref="StressWriterRun.Go"/>; the caller disposes it.</summary>
    public StressWriterRun Next()
    {
        var writer = _started.Dequeue();
        if (_next <= _total)
        {
            _started.Enqueue(_start(_next++));
        }
        if (!writer.WaitUntilReady(TimeSpan.FromSeconds(60)))
        {
            writer.Dispose();
            throw new InvalidOperationException($"The stress writer {writer.Writer} did not start. Its errors:\n{writer.Error}");
        }
        return writer;
    }

    public void Dispose()
    {
        while (_started.TryDequeue(out var writer))
        {
            writer.Dispose();
        }
    }
}
