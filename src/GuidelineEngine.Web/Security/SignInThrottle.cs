using System.Net;

namespace GuidelineEngine.Web.Security;

/// <summary>How many wrong passwords are tolerated (configuration section <c>Guideline:SignIn</c>).</summary>
public sealed record SignInThrottleOptions
{
    public const string Section = "Guideline:SignIn";

    /// <summary>Attempts for one user name (known or not) within <see cref="Window"/> before the name is locked; 0 turns this off.</summary>
    public int MaxFailuresPerName { get; init; } = 5;

    /// <summary>
    /// Failed attempts from one client address within <see cref="Window"/> before the address is locked; 0 turns this off.
    /// Behind a reverse proxy every request comes from the proxy's address.
    /// </summary>
    public int MaxFailuresPerAddress { get; init; } = 20;

    /// <summary>How long failures are counted: a run that started longer ago starts again.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked name or address is refused, even with the right password.</summary>
    public TimeSpan Lockout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Names and addresses remembered at most (each); beyond it, expired ones are forgotten, then new ones go uncounted.</summary>
    public int MaxTracked { get; init; } = 10_000;

    public static SignInThrottleOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<SignInThrottleOptions>() ?? new SignInThrottleOptions();
        if (options.MaxFailuresPerName < 0 || options.MaxFailuresPerAddress < 0 || options.MaxTracked <= 0
            || options.Window <= TimeSpan.Zero || options.Lockout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}: 回数は 0 以上（MaxTracked は 1 以上）、Window と Lockout は正の時間にしてください。");
        }
        return options;
    }
}

/// <summary>
/// Slows down password guessing. An attempt counts against its user name before the password is checked (so attempts
/// sent at once cannot overtake the count), and a success clears the name; a wrong password counts against the client
/// address too (only failures: staff signing in at once behind one proxy lock nothing). A name or address that reaches
/// its limit is refused for <see cref="SignInThrottleOptions.Lockout"/> without its password being checked. Unknown names
/// are counted exactly like known ones, so the answers never tell whether a user exists. The counts live in memory: a
/// restart forgets them, and several instances count apart.
/// </summary>
public sealed class SignInThrottle(SignInThrottleOptions options, TimeProvider clock)
{
    // A name is counted by its first characters only, so an enormous one cannot take memory.
    private const int MaxKeyLength = 128;

    private readonly Counter _names = new(options, StringComparer.OrdinalIgnoreCase);
    private readonly Counter _addresses = new(options, StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Counts an attempt for <paramref name="name"/> from <paramref name="address"/>. Null when its password may be
    /// checked; else how long until sign-in opens again.
    /// </summary>
    public TimeSpan? Begin(string name, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var nameKey = NameKey(name);
            var wait = Max(_names.LockedFor(nameKey, now), _addresses.LockedFor(AddressKey(address), now));
            // Attempts up to the limit are checked; one beyond it (sent before the others failed) locks the name.
            return wait ?? (options.MaxFailuresPerName > 0 ? _names.Count(nameKey, now, lockAt: options.MaxFailuresPerName + 1) : null);
        }
    }

    /// <summary>The password was wrong: null while attempts remain, else how long the name or address is now locked.</summary>
    public TimeSpan? Failed(string name, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var byName = options.MaxFailuresPerName > 0 ? _names.LockIfReached(NameKey(name), options.MaxFailuresPerName, now) : null;
            var byAddress = options.MaxFailuresPerAddress > 0 ? _addresses.Count(AddressKey(address), now, lockAt: options.MaxFailuresPerAddress) : null;
            return Max(byName, byAddress);
        }
    }

    /// <summary>The password was right: the name starts afresh.</summary>
    public void Succeeded(string name)
    {
        lock (_gate)
        {
            _names.Forget(NameKey(name));
        }
    }

    private static string NameKey(string name) => name.Length > MaxKeyLength ? name[..MaxKeyLength] : name;

    private static string AddressKey(IPAddress? address) =>
        (address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address)?.ToString() ?? "";

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>Counts per key in the current window, and the key's lock. Not thread-safe: the throttle locks around it.</summary>
    private sealed class Counter(SignInThrottleOptions options, StringComparer comparer)
    {
        private sealed class Run
        {
            public int Count;
            public DateTimeOffset Started;
            public DateTimeOffset? LockedUntil;
        }

        private readonly Dictionary<string, Run> _runs = new(comparer);

        public TimeSpan? LockedFor(string key, DateTimeOffset now) =>
            _runs.TryGetValue(key, out var run) && run.LockedUntil is { } until && until > now ? until - now : null;

        /// <summary>Counts one; locks and answers the lockout when the count reaches <paramref name="lockAt"/>.</summary>
        public TimeSpan? Count(string key, DateTimeOffset now, int lockAt)
        {
            if (Current(key, now) is not { } run)
            {
                return null;
            }
            run.Count++;
            return run.Count >= lockAt ? Lock(run, now) : null;
        }

        /// <summary>Locks the key when its count has reached <paramref name="limit"/> (and it is not locked already).</summary>
        public TimeSpan? LockIfReached(string key, int limit, DateTimeOffset now) =>
            _runs.TryGetValue(key, out var run) && run.LockedUntil is null && run.Count >= limit ? Lock(run, now) : null;

        public void Forget(string key) => _runs.Remove(key);

        private TimeSpan Lock(Run run, DateTimeOffset now)
        {
            run.LockedUntil = now + options.Lockout;
            return options.Lockout;
        }

        private bool Expired(Run run, DateTimeOffset now) => run.LockedUntil is { } until ? until <= now : now - run.Started >= options.Window;

        // The key's run, started afresh when its window or lock is over; null when no more keys can be remembered.
        private Run? Current(string key, DateTimeOffset now)
        {
            if (_runs.TryGetValue(key, out var run))
            {
                if (Expired(run, now))
                {
                    (run.Count, run.Started, run.LockedUntil) = (0, now, null);
                }
                return run;
            }
            if (_runs.Count >= options.MaxTracked)
            {
                foreach (var stale in _runs.Where(r => Expired(r.Value, now)).Select(r => r.Key).ToList())
                {
                    _runs.Remove(stale);
                }
                if (_runs.Count >= options.MaxTracked)
                {
                    return null;
                }
            }
            run = new Run { Started = now };
            _runs.Add(key, run);
            return run;
        }
    }
}
