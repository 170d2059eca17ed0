using GuidelineEngine.Web.Security;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>Users added to the three of appsettings.json, as settings for a test host.</summary>
public static class TestUsers
{
    // Far after appsettings.json's entries, so none of them is replaced.
    private const int FirstIndex = 100;

    /// <summary>Department users, all with <paramref name="password"/> (hashed once: a hash is costly by design).</summary>
    public static Dictionary<string, string?> Departments(IEnumerable<(string Name, string Section)> users, string password)
    {
        var hash = UserDirectory.Hash(password);
        var settings = new Dictionary<string, string?>();
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
