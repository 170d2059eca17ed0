using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of a test's own, which it may stop and start: made with initdb in a new temporary folder,
/// listening on a free loopback port, removed when disposed — as .ci/run makes the shared one. The binaries are Debian's
/// (/usr/lib/postgresql/&lt;version&gt;/bin, which .ci/run installs); as root, they run as the user postgres.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    private PrivatePostgres(string bin)
    {
        _bin = bin;
        _folder = Directory.CreateTempSubdirectory("guideline-private-postgres-").FullName;
        try
        {
            if (IsRoot)
            {
                Run("chown", "postgres:postgres", _folder);
            }
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(18));
            AsPostgres("initdb", "-D", Data, "-U", "postgres", "-E", "UTF8", "--no-locale", "--auth-local=trust", "--auth-host=scram-sha-256");
            Port = FreePort();
            File.AppendAllText(Data + "/postgresql.conf",
                $"listen_addresses = '127.0.0.1'\nport = {Port}\nunix_socket_directories = '{_folder}'\n");
            Start();
            AsPostgres("psql", "-h", _folder, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres",
                "-q", "-v", "ON_ERROR_STOP=1",
                "-c", $"CREATE ROLE guideline LOGIN PASSWORD '{password}'", "-c", "CREATE DATABASE guideline_records OWNER guideline");
            ConnectionString = $"Host=127.0.0.1;Port={Port};Username=guideline;Password={password};Database=guideline_records";
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The newest installed binaries with initdb and pg_ctl, or null.</summary>
    public static string? Binaries { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderBy(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
            .LastOrDefault()
        : null;

    public string ConnectionString { get; } = "";

    public int Port { get; }

    private string Data => Path.Combine(_folder, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Makes and starts a new cluster, with a role and a database for the records.</summary>
    public static PrivatePostgres Create() => new(Binaries
        ?? throw new InvalidOperationException("No PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin: install Debian's postgresql, as .ci/run does."));

    /// <summary>Starts the server and waits until it accepts connections (after crash recovery, if it was killed).</summary>
    public void Start() => AsPostgres("pg_ctl", "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start");

    /// <summary>
    /// Stops the server: <c>fast</c> ends every session and shuts down cleanly (a restart by an administrator);
    /// <c>immediate</c> kills it without a clean shutdown (as a crash), so the next start recovers from the log.
    /// </summary>
    public void Stop(string mode) => AsPostgres("pg_ctl", "-D", Data, "-m", mode, "-w", "-t", "60", "stop");

    public void Dispose()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                Stop("immediate");
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }
        Directory.Delete(_folder, recursive: true);
    }

    private void AsPostgres(string program, params string[] arguments)
    {
        var path = Path.Combine(_bin, program);
        // initdb and postgres refuse to run as root.
        if (IsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// A test that needs its own PostgreSQL cluster (<see cref="PrivatePostgres"/>): skipped where the binaries are missing,
/// except under CI (CI=true), where it runs and fails.
/// </summary>
public sealed class PrivatePostgresFactAttribute : FactAttribute
{
    public PrivatePostgresFactAttribute()
    {
        if (PrivatePostgres.Binaries is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "No PostgreSQL binaries under /usr/lib/postgresql/*/bin for a private cluster (Debian's postgresql; .ci/run installs it).";
        }
    }
}
