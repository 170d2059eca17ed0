using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>The service on a real Kestrel at a free loopback port: TestServer enforces none of Kestrel's limits.</summary>
public class LoopbackWebFactory : GuidelineWebFactory
{
    public LoopbackWebFactory(IReadOnlyDictionary<string, string?>? settings = null)
        : base(settings ?? new Dictionary<string, string?>())
    {
        UseKestrel(0);
    }

    /// <summary>http://127.0.0.1:port/ (starts the service).</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.Single());
        }
    }

    /// <summary>A browser-like client over the loopback port: keeps cookies, follows no redirect.</summary>
    public override WebSession Session() =>
        new(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = Address });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
    }
}
