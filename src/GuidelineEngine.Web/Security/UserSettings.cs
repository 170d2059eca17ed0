namespace GuidelineEngine.Web.Security;

/// <summary>
/// The users of configuration (<c>Guideline:Users</c>) as one list, and the refusal to run in production with an example
/// user whose password is published.
/// </summary>
public static class UserSettings
{
    public const string Key = "Guideline:Users";

    /// <summary>
    /// The hashes of the example users of <c>appsettings.Development.json</c>, whose passwords the README gives: a test keeps
    /// this list and that file in step.
    /// </summary>
    public static readonly IReadOnlySet<string> ExampleHashes = new HashSet<string>(StringComparer.Ordinal)
    {
        "AQAAAAIAAYagAAAAEBYyRqAUWLjMtRbg7PoujBf5u8zPKGZwGxgORPVRb/GnT3M4NmO9ekYDKoQZ3FdzuA==",
        "AQAAAAIAAYagAAAAEKVuTn6SOfUI/LvjyZH0DY4gSyiggH9rMh8IRn0KrGNY186iSt1vj7vyd9zMKH1JFg==",
        "AQAAAAIAAYagAAAAEM4VbGbP1dpRkdRSbJadlH/r/8uAIz7GE8J1IRH/hZh2whVDNId6ErG7DWObHl13ZQ==",
    };

    /// <summary>
    /// The list of the last configuration source that gives one (an environment's settings file, environment variables, the
    /// command line): it replaces the earlier lists whole. Bound as usual, arrays would merge by position, so an example
    /// account would stay live beside a shorter new list.
    /// </summary>
    public static List<ConfiguredUser> Read(IConfiguration configuration)
    {
        if (configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.Reverse())
            {
                var keys = Keys(provider, Key).ToList();
                if (keys.Count > 0)
                {
                    var only = new ConfigurationBuilder()
                        .AddInMemoryCollection(keys.Select(k => KeyValuePair.Create(k, provider.TryGet(k, out var value) ? value : null)))
                        .Build();
                    return Bind(only);
                }
            }
        }
        return Bind(configuration);
    }

    /// <summary>
    /// Outside Development, the one-line reason to refuse to start when a configured user has an example password; else null.
    /// </summary>
    public static string? Refusal(IEnumerable<ConfiguredUser> users, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return null;
        }
        var known = users.Where(u => ExampleHashes.Contains(u.PasswordHash)).Select(u => u.Name).ToList();
        return known.Count == 0
            ? null
            : $"起動しません: 利用者 {string.Join(", ", known)} のパスワードは例として公開されているものです（環境 {environment.EnvironmentName}）。"
              + "Guideline:Users を自分の利用者に置き換えるか、guideline users で記録簿に利用者を作ってください。";
    }

    private static List<ConfiguredUser> Bind(IConfiguration configuration) =>
        configuration.GetSection(Key).Get<List<ConfiguredUser>>() ?? [];

    // Every key the provider itself holds under the path, at any depth.
    private static IEnumerable<string> Keys(IConfigurationProvider provider, string path)
    {
        foreach (var child in provider.GetChildKeys([], path).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var key = ConfigurationPath.Combine(path, child);
            yield return key;
            foreach (var deeper in Keys(provider, key))
            {
                yield return deeper;
            }
        }
    }
}
