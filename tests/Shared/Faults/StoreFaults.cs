using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Xunit;

namespace GuidelineEngine.Tests.Shared.Faults;

/// <summary>
/// Faults of the file system under an SQLite record store, made by a test and undone when disposed. The store should live
/// beside the test assembly (<see cref="NewStoreFolder"/>) rather than in /tmp, which may be mounted nodev (no device
/// nodes) or on a file system without the immutable attribute.
/// </summary>
public static class StoreFaults
{
    /// <summary>Where a test's store goes: a new folder beside the test assembly (see above); the caller removes it.</summary>
    public static string NewStoreFolder() => Path.Combine(AppContext.BaseDirectory, "stores", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// A full disk under the store at <paramref name="databasePath"/>, which must exist and be closed; needs root
    /// (<see cref="RootFactAttribute"/>). The store's write-ahead log
    /// becomes /dev/full, where every write fails with ENOSPC (SQLite's max_page_count cannot do it: it holds for one
    /// connection only, and the store opens one per call). A connection held open meanwhile keeps the store's own
    /// connections, each the last to close, from removing that log.
    /// </summary>
    public static IDisposable FullDisk(string databasePath)
    {
        var log = databasePath + "-wal";
        if (File.Exists(log))
        {
            throw new InvalidOperationException($"{log} exists: the store is still open, or was not closed cleanly.");
        }
        Run("mknod", log, "c", "1", "7");
        var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        holder.Open();
        // Opening alone reads nothing: a first statement opens the file and its log for good.
        using (var read = holder.CreateCommand())
        {
            read.CommandText = "SELECT COUNT(*) FROM sqlite_master";
            read.ExecuteScalar();
        }
        return new Undo(() =>
        {
            holder.Dispose();
            File.Delete(log);
        });
    }

    /// <summary>
    /// The database file at <paramref name="databasePath"/> made read-only, as on a read-only mount or without write
    /// permission: for root, whom file modes do not stop, immutable (chattr +i); for others, without write permission.
    /// </summary>
    public static IDisposable ReadOnly(string databasePath)
    {
        var (make, undo) = Environment.UserName == "root" ? (new[] { "chattr", "+i" }, new[] { "chattr", "-i" }) : (["chmod", "a-w"], ["chmod", "u+w"]);
        Run(make[0], make[1], databasePath);
        return new Undo(() => Run(undo[0], undo[1], databasePath));
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}

/// <summary>A test that makes a device node (<see cref="StoreFaults.FullDisk"/>), which needs root: skipped for other users, except under CI.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "Needs root (mknod).";
        }
    }
}
