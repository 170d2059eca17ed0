using System.Net;

namespace GuidelineEngine.Web.Security;

/// <summary>What a sign-in attempt came to: the user, or how long sign-in is closed, or neither (wrong name or password).</summary>
public sealed record SignInAttempt(SignedInUser? User, TimeSpan? Wait);

/// <summary>
/// The one check of a name and password, for the sign-in page and the API's token alike, so both count against the same
/// throttle and log the same way.
/// </summary>
public sealed class SignInGate(UserDirectory users, SignInThrottle throttle, ILogger<SignInGate> log)
{
    public SignInAttempt Attempt(string name, string? password, IPAddress? address)
    {
        if (throttle.Begin(name, address) is { } refused)
        {
            log.LogWarning("サインインを受け付けませんでした（失敗が続いたため停止中）: {User}（{Address}）", name, address);
            return new SignInAttempt(null, refused);
        }
        if (users.Verify(name, password) is not { } user)
        {
            log.LogWarning("サインインに失敗しました: {User}（{Address}）", name, address);
            var locked = throttle.Failed(name, address);
            if (locked is not null)
            {
                log.LogWarning("サインインの失敗が続いたため、{Minutes} 分停止します: {User}（{Address}）", Math.Ceiling(locked.Value.TotalMinutes), name, address);
            }
            return new SignInAttempt(null, locked);
        }
        throttle.Succeeded(name);
        log.LogInformation("サインインしました: {User}（{Section}）", user.Name, user.Section);
        return new SignInAttempt(user, null);
    }
}
