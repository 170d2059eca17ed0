using GuidelineEngine.Application.Users;
using GuidelineEngine.Web.Security;
using Microsoft.Extensions.Configuration;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>
/// Users added to the three examples of appsettings.Development.json, as settings for a test host. A list in a later source
/// replaces the earlier one whole (<see cref="UserSettings.Read"/>), so these settings repeat the examples first.
/// </summary>
public static class TestUsers
{
    // Far after the examples' entries.
    private const int FirstIndex = 100;

    /// <summary>The example users' settings, read from the service's appsettings.Development.json as built.</summary>
    public static Dictionary<string, string?> Examples() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"))
        .Build()
        .AsEnumerable()
        .Where(pair => pair.Key.StartsWith(UserSettings.Key + ":", StringComparison.OrdinalIgnoreCase))
        .ToDictionary(pair => pair.Key, pair => pair.Value);

    /// <summary>Department users, all with <paramref name="password"/> (hashed once: a hash is costly by design).</summary>
    public static Dictionary<string, string?> Departments(IEnumerable<(string Name, string Section)> users, string password)
    {
        var hash = Passwords.Hash(password);
        var settings = Examples();
        foreach (var (user, index) in users.Select((u, i) => (u, FirstIndex + i)))
        {
            var key = $"Guideline:Users:{index}:";
            settings[key + "Name"] = user.Name;
            settings[key + "Section"] = user.Section;
            settings[key + "Role"] = Roles.Department;
            settings[key + "PasswordHash"] = hash;
        }
        return settings;
    }
}
