using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GuidelineEngine.Web.Security;

/// <summary>
/// What one connection and one request may take of the server (configuration section <c>Guideline:Limits</c>), so that a
/// large, slow or numerous client cannot hold it. Kestrel enforces them; the defaults are set here, not left to Kestrel's.
/// </summary>
public sealed record RequestLimits
{
    public const string Section = "Guideline:Limits";

    /// <summary>
    /// The largest request body, in bytes. An intake is at most 1 MiB (<c>YamlDocumentLoader.MaxBytes</c>); a form
    /// percent-encodes it, which can triple Japanese text, so the whole request may be larger than the intake.
    /// </summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How long a client may take to send the request line and headers.</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The slowest a request body may arrive, after <see cref="MinRequestBodyGracePeriod"/>.</summary>
    public double MinRequestBodyBytesPerSecond { get; init; } = 240;

    /// <summary>How long a body may arrive more slowly than <see cref="MinRequestBodyBytesPerSecond"/> before the request is cut off.</summary>
    public TimeSpan MinRequestBodyGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle connection is kept open.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Connections open at once; more are refused until one closes. A ward's staff need far fewer.</summary>
    public long MaxConcurrentConnections { get; init; } = 200;

    /// <summary>The limits of <see cref="Section"/> in <paramref name="configuration"/>, checked; the defaults where it says nothing.</summary>
    public static RequestLimits From(IConfiguration configuration)
    {
        var limits = configuration.GetSection(Section).Get<RequestLimits>() ?? new RequestLimits();
        // Kestrel checks data rates once a second, and takes no grace period of a second or less.
        if (limits.MaxRequestBodyBytes <= 0 || limits.MinRequestBodyBytesPerSecond <= 0 || limits.MaxConcurrentConnections <= 0
            || limits.RequestHeadersTimeout <= TimeSpan.Zero || limits.KeepAliveTimeout <= TimeSpan.Zero
            || limits.MinRequestBodyGracePeriod <= TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException(
                $"{Section}: 上限はすべて正の値にしてください（MinRequestBodyGracePeriod は 1 秒より長く）。");
        }
        return limits;
    }

    /// <summary>Sets these limits on Kestrel.</summary>
    public void ApplyTo(KestrelServerLimits kestrel)
    {
        kestrel.MaxRequestBodySize = MaxRequestBodyBytes;
        kestrel.RequestHeadersTimeout = RequestHeadersTimeout;
        kestrel.MinRequestBodyDataRate = new MinDataRate(MinRequestBodyBytesPerSecond, MinRequestBodyGracePeriod);
        kestrel.KeepAliveTimeout = KeepAliveTimeout;
        kestrel.MaxConcurrentConnections = MaxConcurrentConnections;
    }
}
