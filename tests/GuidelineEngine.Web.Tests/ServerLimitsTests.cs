using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using GuidelineEngine.Web.Api;
using GuidelineEngine.Web.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace GuidelineEngine.Web.Tests;

/// <summary>The service on Kestrel with short timeouts, so that slow clients are cut off within the test's few seconds.</summary>
public sealed class LimitsWebFactory() : LoopbackWebFactory(Settings)
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        [RequestLimits.Section + ":RequestHeadersTimeout"] = "00:00:02",
        [RequestLimits.Section + ":MinRequestBodyGracePeriod"] = "00:00:02",
    };
}

/// <summary>
/// Kestrel's limits as configured (Guideline:Limits), on a real loopback port: an oversized body is refused with 413
/// and a problem detail before it is read, a body or headers sent byte by byte are cut off.
/// </summary>
[Collection(LoopbackCollection.Name)]
public sealed class ServerLimitsTests(LimitsWebFactory factory, ITestOutputHelper output)
{
    // Far longer than any limit: a cut-off that has not come by then has failed. Only a hang guard: the tests assert that the
    // server cut the connection (it closed or reset it), never that it did so within a wall-clock time.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private RequestLimits Limits => factory.Services.GetRequiredService<RequestLimits>();

    [Fact]
    public void Kestrel_RunsWithTheConfiguredLimits()
    {
        // Act
        var kestrel = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        // Assert
        Limits.RequestHeadersTimeout.Should().Be(TimeSpan.FromSeconds(2), "the test host configures it");
        kestrel.Limits.MaxRequestBodySize.Should().Be(Limits.MaxRequestBodyBytes);
        kestrel.Limits.RequestHeadersTimeout.Should().Be(Limits.RequestHeadersTimeout);
        kestrel.Limits.MinRequestBodyDataRate!.BytesPerSecond.Should().Be(Limits.MinRequestBodyBytesPerSecond);
        kestrel.Limits.MinRequestBodyDataRate.GracePeriod.Should().Be(TimeSpan.FromSeconds(2));
        kestrel.Limits.KeepAliveTimeout.Should().Be(Limits.KeepAliveTimeout);
        kestrel.Limits.MaxConcurrentConnections.Should().Be(Limits.MaxConcurrentConnections);
        kestrel.AddServerHeader.Should().BeFalse();
    }

    [Fact]
    public void AppSettings_StateTheDefaults()
    {
        // Arrange: the appsettings.json shipped with the service, which the documentation points to.
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();

        // Act
        var limits = RequestLimits.From(shipped);
        var signIn = SignInThrottleOptions.From(shipped);

        // Assert
        shipped.GetSection(RequestLimits.Section).GetChildren().Should().HaveCount(6, "every limit is written out");
        limits.Should().Be(new RequestLimits());
        signIn.Should().Be(new SignInThrottleOptions());
    }

    [Fact]
    public async Task ApiBody_OverTheLimit_Is413ProblemDetails_AndRecordsNothing()
    {
        // Arrange
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/records")
        {
            Content = new ByteArrayContent(new byte[Limits.MaxRequestBodyBytes + 1]),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-CSRF-TOKEN", await fukushi.ApiTokenAsync());
        // The server answers before the body is sent.
        request.Headers.ExpectContinue = true;

        // Act
        var response = await fukushi.Client.SendAsync(request);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        WebSession.ContentType(response)!.MediaType.Should().Be("application/problem+json");
        var problem = await WebSession.JsonAsync(response);
        problem.GetProperty("status").GetInt32().Should().Be(413);
        problem.GetProperty("title").GetString().Should().Be("送られた内容が大きすぎます。");
        problem.GetProperty("detail").GetString().Should().Contain($"{Limits.MaxRequestBodyBytes:N0} バイト");
        using var after = await factory.Session().SignedInAsync(WebSession.Fukushi);
        (await WebSession.JsonAsync(await after.Client.GetAsync("/api/records"))).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Intake_OverItsOwnLimitButWithinTheBodyLimit_Is413ProblemDetails()
    {
        // Arrange: valid YAML, a comment longer than an intake may be.
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var intake = "# " + new string('x', ApiServices.MaxIntakeBytes) + "\n" + Intakes.WelfareUse();

        // Act
        var response = await fukushi.PostApiAsync("/api/records", intake, contentType: "application/yaml");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await WebSession.JsonAsync(response)).GetProperty("title").GetString().Should().Be("申出が大きすぎます。");
    }

    [Theory]
    [InlineData("/signin", false)]
    [InlineData("/records", true)]
    public async Task Form_OverTheLimit_Is413Page(string path, bool signedIn)
    {
        // Arrange
        using var session = signedIn ? await factory.Session().SignedInAsync(WebSession.Fukushi) : factory.Session();
        var page = await session.GetPageAsync(signedIn ? "/" : "/signin");
        var body = $"__RequestVerificationToken={Uri.EscapeDataString(WebSession.FormToken(page))}&intake=" + new string('a', (int)Limits.MaxRequestBodyBytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.ExpectContinue = true;

        // Act
        var response = await session.Client.SendAsync(request);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        WebSession.ContentType(response)!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("送られた内容が大きすぎます");
    }

    [Fact]
    public async Task BodySentByteByByte_IsCutOffWith408()
    {
        // Arrange: a form that would take over an hour at four bytes a second (the limit is configured much higher).
        const int length = 16_000;
        var head = $"POST /signin HTTP/1.1\r\nHost: {factory.Address.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n\r\n";

        // Act
        var (response, elapsed, sent, cutOff) = await TrickleAsync(head, length);
        output.WriteLine($"cut off after {elapsed.TotalSeconds:F1} s and {sent} bytes of {length}: {response.Split('\r')[0]}");

        // Assert
        cutOff.Should().BeTrue("the server closes the connection of a client that sends too slowly");
        response.Should().StartWith("HTTP/1.1 408 ", "Kestrel gives up on the body; the page says why");
        response.Should().Contain("送信が遅すぎます");
        sent.Should().BeLessThan(length);
    }

    [Fact]
    public async Task HeadersSentByteByByte_AreCutOff()
    {
        // Arrange
        var head = $"GET /signin HTTP/1.1\r\nHost: {factory.Address.Authority}\r\n";

        // Act: one more header byte every quarter second, never the blank line that ends them.
        var (response, elapsed, sent, cutOff) = await TrickleAsync(head, int.MaxValue, "X-Slow: ");
        output.WriteLine($"cut off after {elapsed.TotalSeconds:F1} s and {sent} header bytes: {response.Split('\r')[0]}");

        // Assert: cut off, and not before the configured timeout (a lower bound, which a slow machine cannot pass trivially).
        cutOff.Should().BeTrue("the server closes the connection of a client whose headers never end");
        response.Should().NotContain("200 OK");
        elapsed.Should().BeGreaterThanOrEqualTo(Limits.RequestHeadersTimeout - TimeSpan.FromMilliseconds(500));
    }

    // Sends head (and then prefix), then one byte every 250 ms until the server closes the connection; what it answered,
    // and whether it was the server that ended the connection (false: the hang guard did).
    private async Task<(string Response, TimeSpan Elapsed, int Sent, bool CutOff)> TrickleAsync(string head, int length, string prefix = "")
    {
        using var client = new TcpClient();
        await client.ConnectAsync(factory.Address.Host, factory.Address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + prefix));
        using var stop = new CancellationTokenSource(Patience);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var writer = Task.Run(async () =>
        {
            try
            {
                while (sent < length)
                {
                    await Task.Delay(250, stop.Token);
                    await stream.WriteAsync("a"u8.ToArray(), stop.Token);
                    sent++;
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // Cut off, or the test is over.
            }
        });
        var received = new MemoryStream();
        var buffer = new byte[4096];
        var cutOff = false;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, stop.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
            cutOff = true;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // Reset by the server: cut off all the same (unless the hang guard's cancellation surfaced as an IOException).
            cutOff = !stop.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            // Never cut off.
        }
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await writer;
        return (Encoding.UTF8.GetString(received.ToArray()), elapsed, sent, cutOff);
    }
}
