using System.Net;
using GuidelineEngine.Web.Security;
using Microsoft.Extensions.Configuration;

namespace GuidelineEngine.Web.Tests;

/// <summary>The throttle's counting on its own: concurrent attempts, addresses, memory bound.</summary>
public sealed class SignInThrottleUnitTests
{
    private static readonly IPAddress Here = IPAddress.Parse("192.0.2.10");

    [Fact]
    public void ConcurrentAttempts_BeyondTheLimit_AreRefusedBeforeAnyPasswordIsChecked()
    {
        // Arrange: attempts begun but not finished, as many requests at once would be.
        var options = new SignInThrottleOptions { MaxFailuresPerName = 3, MaxFailuresPerAddress = 0 };
        var throttle = new SignInThrottle(options, new ManualClock());

        // Act
        var answers = Enumerable.Range(0, 5).Select(_ => throttle.Begin("fukushi", Here)).ToList();

        // Assert
        answers.Should().Equal(null, null, null, options.Lockout, options.Lockout);
    }

    [Fact]
    public void Names_AreCountedWithoutRegardToCase()
    {
        // Arrange
        var options = new SignInThrottleOptions { MaxFailuresPerName = 2, MaxFailuresPerAddress = 0 };
        var throttle = new SignInThrottle(options, new ManualClock());

        // Act
        throttle.Begin("Fukushi", Here);
        var first = throttle.Failed("Fukushi", Here);
        throttle.Begin("FUKUSHI", Here);
        var second = throttle.Failed("FUKUSHI", Here);

        // Assert (the user directory finds names without regard to case, so the count must too)
        first.Should().BeNull();
        second.Should().Be(options.Lockout);
        throttle.Begin("fukushi", Here).Should().Be(options.Lockout);
    }

    [Fact]
    public void AnIPv4AddressMappedToIPv6_IsTheSameAddress()
    {
        // Arrange
        var options = new SignInThrottleOptions { MaxFailuresPerName = 0, MaxFailuresPerAddress = 2 };
        var throttle = new SignInThrottle(options, new ManualClock());

        // Act
        throttle.Begin("a", Here);
        throttle.Failed("a", Here);
        throttle.Begin("b", Here.MapToIPv6());
        var locked = throttle.Failed("b", Here.MapToIPv6());

        // Assert
        locked.Should().Be(options.Lockout);
        throttle.Begin("c", Here).Should().NotBeNull();
        throttle.Begin("c", IPAddress.Parse("192.0.2.11")).Should().BeNull();
    }

    [Fact]
    public void ManyAttemptsFromOneAddressAtOnce_AreAllChecked_OnlyFailuresCount()
    {
        // Arrange: a reverse proxy, one address for every member of staff signing in at nine.
        var options = new SignInThrottleOptions { MaxFailuresPerAddress = 3 };
        var throttle = new SignInThrottle(options, new ManualClock());

        // Act
        var begun = Enumerable.Range(0, 10).Select(i => throttle.Begin($"user-{i}", Here)).ToList();
        for (var i = 0; i < 8; i++)
        {
            throttle.Succeeded($"user-{i}");
        }
        var failures = new[] { throttle.Failed("user-8", Here), throttle.Failed("user-9", Here) };

        // Assert
        begun.Should().OnlyContain(wait => wait == null);
        failures.Should().OnlyContain(wait => wait == null);
        throttle.Begin("user-10", Here).Should().BeNull("two failures are below the address's limit of three");
        throttle.Failed("user-10", Here).Should().Be(options.Lockout);
    }

    [Fact]
    public void WhenFullOfNames_ExpiredOnesAreForgotten_ThenNewOnesGoUncounted()
    {
        // Arrange
        var clock = new ManualClock();
        var options = new SignInThrottleOptions { MaxFailuresPerName = 1, MaxFailuresPerAddress = 0, MaxTracked = 2 };
        var throttle = new SignInThrottle(options, clock);
        foreach (var name in new[] { "a", "b" })
        {
            throttle.Begin(name, Here);
            throttle.Failed(name, Here).Should().Be(options.Lockout);
        }

        // Act
        throttle.Begin("c", Here);
        var uncounted = throttle.Failed("c", Here);
        clock.Advance(options.Lockout);
        throttle.Begin("d", Here);
        var counted = throttle.Failed("d", Here);

        // Assert
        uncounted.Should().BeNull("no room while a and b are locked");
        counted.Should().Be(options.Lockout, "a and b expired and made room");
        throttle.Begin("a", Here).Should().BeNull("a's lock is over");
    }

    [Theory]
    [InlineData(-1, 20, "00:15:00", "00:15:00")]
    [InlineData(5, -1, "00:15:00", "00:15:00")]
    [InlineData(5, 20, "00:00:00", "00:15:00")]
    [InlineData(5, 20, "00:15:00", "-00:00:01")]
    public void Configuration_OutOfRange_StopsTheService(int perName, int perAddress, string window, string lockout)
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Guideline:SignIn:MaxFailuresPerName"] = perName.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Guideline:SignIn:MaxFailuresPerAddress"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Guideline:SignIn:Window"] = window,
            ["Guideline:SignIn:Lockout"] = lockout,
        }).Build();

        // Act
        var read = () => SignInThrottleOptions.From(configuration);

        // Assert
        read.Should().Throw<InvalidOperationException>().WithMessage("Guideline:SignIn:*");
    }
}
