using System.Globalization;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;

namespace GuidelineEngine.Application.Users;

/// <summary>A user step that cannot be done (an unknown or taken name, an unknown role). The message is for staff.</summary>
public sealed class UserAccountException(string message) : Exception(message);

/// <summary>The users kept in the record store: add, disable, reset a password, list (<c>guideline users</c>).</summary>
public sealed class UserAccounts(IRecordStore store, TimeProvider clock)
{
    public const string Department = "department";
    public const string Office = "office";

    public IReadOnlyList<StoredUser> List() => store.ReadUsers();

    public StoredUser Add(string name, string section, string role, string password, string? displayName = null)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(section))
        {
            throw new UserAccountException("ユーザー名と部課（--section）が必要です。");
        }
        if (role is not (Department or Office))
        {
            throw new UserAccountException($"役割「{role}」は使えません（{Department} または {Office}）。");
        }
        var user = new StoredUser(Key(name), string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(), section.Trim(), role,
            Passwords.Hash(password), false, Now());
        return store.AddUser(user) ? user : throw new UserAccountException($"ユーザー「{user.Name}」はすでにあります。");
    }

    public StoredUser Disable(string name) => Change(name, user => user with { Disabled = true });

    /// <summary>A new password; a disabled user stays disabled.</summary>
    public StoredUser ResetPassword(string name, string password)
    {
        var hash = Passwords.Hash(password);
        return Change(name, user => user with { PasswordHash = hash });
    }

    /// <summary>The user of that name, disabled or not; null when the store has none.</summary>
    public StoredUser? Find(string name) => store.FindUser(Key(name));

    private StoredUser Change(string name, Func<StoredUser, StoredUser> change)
    {
        var user = Find(name) ?? throw new UserAccountException($"ユーザー「{name}」は記録簿にありません。");
        var changed = change(user) with { ChangedAt = Now() };
        return store.UpdateUser(changed) ? changed : throw new UserAccountException($"ユーザー「{name}」は記録簿にありません。");
    }

    // Names are matched without regard to case, as for the users of configuration.
    private static string Key(string name) => name.Trim().ToLowerInvariant();

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
