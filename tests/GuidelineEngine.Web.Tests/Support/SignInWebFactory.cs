using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>
/// The service on a <see cref="ManualClock"/>, with a user of its own for each test, where a client names its own address
/// in <see cref="AddressHeader"/> (TestServer has no connections): so the counts of one test do not reach another.
/// </summary>
public sealed class SignInWebFactory() : GuidelineWebFactory(TestUsers.Departments(Users.Select(u => (u, "福祉部生活福祉課")), Password))
{
    public const string AddressHeader = "X-Test-Client-Address";

    public const string Password = "throttle-pass";

    /// <summary>The users added for the tests (department users of 福祉部生活福祉課, password <see cref="Password"/>).</summary>
    public static readonly string[] Users = ["throttle-a", "throttle-b", "throttle-c", "throttle-d", "throttle-e"];

    public ManualClock Clock { get; } = new();

    /// <summary>A session whose requests come from <paramref name="address"/>.</summary>
    public WebSession Session(string address)
    {
        var session = Session();
        session.Client.DefaultRequestHeaders.Add(AddressHeader, address);
        return session;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (System.Net.IPAddress.TryParse(context.Request.Headers[AddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return following(context);
            });
            next(app);
        };
    }
}
