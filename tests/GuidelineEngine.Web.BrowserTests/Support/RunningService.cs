using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GuidelineEngine.Web.BrowserTests.Support;

/// <summary>
/// The built web service as a person starts it (`dotnet GuidelineEngine.Web.dll`): its own process on a free loopback port,
/// the example users of its appsettings.Development.json (in Development), the rules and casebook beside it, and a fresh SQLite store in a temporary
/// working folder that is removed afterwards.
/// </summary>
public sealed class RunningService : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly StringBuilder output = new();

    private RunningService(Process process, string folder, Uri address)
    {
        this.process = process;
        Folder = folder;
        Address = address;
    }

    /// <summary>The service's base address, http://127.0.0.1:port/.</summary>
    public Uri Address { get; }

    /// <summary>The working folder (the store is data/records.db in it).</summary>
    public string Folder { get; }

    /// <summary>What the service wrote to standard output and error so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public Uri Url(string path) => new(Address, path);

    public static async Task<RunningService> StartAsync()
    {
        var assembly = RepositoryPaths.WebApp;
        File.Exists(assembly).Should().BeTrue("the build puts the service at {0}", assembly);
        var folder = Directory.CreateTempSubdirectory("guideline-browser-service-").FullName;
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo(DotnetHost(), [
            assembly,
            "--urls", address.GetLeftPart(UriPartial.Authority),
            // Said on the command line, which overrides anything in the environment: the embedded store in this folder.
            "--Guideline:Records:Provider=sqlite",
            "--Guideline:Records:DataFolder=" + Path.Combine(folder, "data"),
        ])
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        // The example users live only in Development's settings (appsettings.Development.json beside the binary).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_URLS");
        var process = new Process { StartInfo = start };
        var service = new RunningService(process, folder, address);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await service.WaitUntilAnsweringAsync();
            return service;
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service stopped at start (exit code {process.ExitCode}):\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync(Url("/signin"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"The service did not answer {Url("/signin")} within {StartTimeout.TotalSeconds} s:\n{Output}");
            }
            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    // The dotnet host that runs this test (the SDK says which in DOTNET_HOST_PATH), else the one on the PATH.
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder; harmless.
        }
    }
}
