using System.Text.RegularExpressions;
using GuidelineEngine.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// Password guessing through the sign-in page: after the configured number of wrong passwords a name (or an address) is
/// refused with 429 and Retry-After, the right password included, until the lockout is over; unknown names are answered
/// exactly like known ones. The clock is moved, never waited for.
/// </summary>
public sealed partial class SignInThrottleTests(SignInWebFactory factory) : IClassFixture<SignInWebFactory>
{
    private const string Locked = "サインインの失敗が続いたため、しばらくサインインできません。";
    private const string Wrong = "ユーザー名またはパスワードが違います。";

    private SignInThrottleOptions Options => factory.Services.GetRequiredService<SignInThrottleOptions>();

    [Fact]
    public async Task WrongPasswords_UpToTheLimit_LockTheName_EvenAgainstTheRightPassword()
    {
        // Arrange
        var user = (SignInWebFactory.Users[0], SignInWebFactory.Password);
        using var session = factory.Session("192.0.2.1");
        var limit = Options.MaxFailuresPerName;
        limit.Should().BeGreaterThan(1, "appsettings.json allows a few mistakes");
        for (var i = 1; i < limit; i++)
        {
            var attempt = await Attempt(session, user.Item1, "wrong-" + i);
            (attempt.Status, attempt.Message).Should().Be((HttpStatusCode.OK, Wrong), "attempt {0} of {1} is still checked", i, limit);
        }

        // Act
        var last = await Attempt(session, user.Item1, "wrong-last");
        var right = await session.SignInAsync(user);
        factory.Clock.Advance(Options.Lockout - TimeSpan.FromSeconds(1));
        var almost = await Attempt(session, user.Item1, user.Password);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await session.SignInAsync(user);

        // Assert
        last.Status.Should().Be(HttpStatusCode.TooManyRequests);
        last.RetryAfter.Should().Be(Options.Lockout);
        last.Message.Should().StartWith(Locked).And.Contain($"{Math.Ceiling(Options.Lockout.TotalMinutes)} 分ほど");
        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a locked name is refused whatever the password");
        right.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).Should().NotContain(c => c.StartsWith(SecurityServices.AuthCookie + "=", StringComparison.Ordinal));
        almost.Should().Be((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1), Locked + "1 分ほどたってから、もう一度お試しください。"));
        after.StatusCode.Should().Be(HttpStatusCode.Redirect, "the lockout is over");
        (await session.Client.GetAsync("/api/records")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownName_IsAnsweredExactlyLikeAKnownOne()
    {
        // Arrange
        using var known = factory.Session("192.0.2.2");
        using var unknown = factory.Session("192.0.2.3");
        var attempts = Options.MaxFailuresPerName + 2;

        // Act
        var forKnown = new List<(HttpStatusCode, TimeSpan?, string?)>();
        var forUnknown = new List<(HttpStatusCode, TimeSpan?, string?)>();
        for (var i = 0; i < attempts; i++)
        {
            forKnown.Add(await Attempt(known, SignInWebFactory.Users[1], "wrong"));
            forUnknown.Add(await Attempt(unknown, "no-such-user", "wrong"));
        }

        // Assert
        forUnknown.Should().Equal(forKnown);
        forKnown.Select(a => a.Item1).Should().Contain(HttpStatusCode.TooManyRequests, "the unknown name was locked as the known one was");
    }

    [Fact]
    public async Task RightPassword_StartsTheCountAfresh()
    {
        // Arrange
        var name = SignInWebFactory.Users[2];
        using var session = factory.Session("192.0.2.4");
        var limit = Options.MaxFailuresPerName;
        for (var i = 1; i < limit; i++)
        {
            await Attempt(session, name, "wrong");
        }
        (await session.SignInAsync((name, SignInWebFactory.Password))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // Act
        using var again = factory.Session("192.0.2.4");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < limit; i++)
        {
            answers.Add((await Attempt(again, name, "wrong")).Status);
        }

        // Assert: only consecutive failures count, so the lock comes at the limit-th failure after the success.
        answers.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.OK, limit - 1), HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task FailuresOlderThanTheWindow_AreForgotten()
    {
        // Arrange
        var name = SignInWebFactory.Users[3];
        using var session = factory.Session("192.0.2.5");
        var limit = Options.MaxFailuresPerName;
        for (var i = 1; i < limit; i++)
        {
            await Attempt(session, name, "wrong");
        }

        // Act
        factory.Clock.Advance(Options.Window);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < limit; i++)
        {
            answers.Add((await Attempt(session, name, "wrong")).Status);
        }

        // Assert
        answers.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.OK, limit - 1), HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public async Task ManyNamesFromOneAddress_LockTheAddress_NotOthers()
    {
        // Arrange: each name stays below its own limit; together they reach the address's.
        using var guesser = factory.Session("198.51.100.7");
        var limit = Options.MaxFailuresPerAddress;
        limit.Should().BeGreaterThan(Options.MaxFailuresPerName);
        var answers = new List<HttpStatusCode>();

        // Act
        for (var i = 0; i < limit; i++)
        {
            answers.Add((await Attempt(guesser, $"sprayed-{i}", "wrong")).Status);
        }
        var rightFromThere = await Attempt(guesser, SignInWebFactory.Users[4], SignInWebFactory.Password);
        using var colleague = factory.Session("198.51.100.8");
        var rightFromElsewhere = await colleague.SignInAsync((SignInWebFactory.Users[4], SignInWebFactory.Password));

        // Assert
        answers.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.OK, limit - 1), HttpStatusCode.TooManyRequests]);
        rightFromThere.Status.Should().Be(HttpStatusCode.TooManyRequests);
        rightFromThere.Message.Should().StartWith(Locked);
        rightFromElsewhere.StatusCode.Should().Be(HttpStatusCode.Redirect, "another address is not locked, nor the name");
    }

    // The status, Retry-After and the message on the sign-in page.
    private static async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, string? Message)> Attempt(WebSession session, string name, string password)
    {
        var response = await session.SignInAsync((name, password));
        var page = await response.Content.ReadAsStringAsync();
        var message = SignInError().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
        return (response.StatusCode, response.Headers.RetryAfter?.Delta, message);
    }

    [GeneratedRegex("<p id=\"signin-error\"[^>]*>([^<]*)</p>")]
    private static partial Regex SignInError();
}
