using System.Security.Claims;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Application.Users;

namespace GuidelineEngine.Web.Security;

/// <summary>The two roles of the service.</summary>
public static class Roles
{
    /// <summary>A department or section (部課): screens its own proposals and submits them as consultations.</summary>
    public const string Department = UserAccounts.Department;

    /// <summary>情報公開課: sees every consultation and decides it.</summary>
    public const string Office = UserAccounts.Office;
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Office = "office";
}

/// <summary>A user as configured under <c>Guideline:Users</c>. Only the password's hash is kept, never the password.</summary>
public sealed record ConfiguredUser
{
    public string Name { get; init; } = "";
    public string? DisplayName { get; init; }

    /// <summary>The user's department or section (部課), e.g. 福祉部生活福祉課.</summary>
    public string Section { get; init; } = "";
    public string Role { get; init; } = Roles.Department;

    /// <summary>An ASP.NET Core Identity password hash (PBKDF2), as <c>hash-password</c> prints it.</summary>
    public string PasswordHash { get; init; } = "";

    /// <summary>Refused when set: a password in plain text must never be configured.</summary>
    public string? Password { get; init; }
}

/// <summary>The signed-in user as the claims of the authentication cookie carry it.</summary>
public sealed record SignedInUser(string Name, string DisplayName, string Section, string Role)
{
    public const string SectionClaim = "guideline:section";
    public const string DisplayNameClaim = "guideline:display_name";

    public bool IsOffice => Role == Roles.Office;

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, Name),
            new Claim(ClaimTypes.Role, Role),
            new Claim(SectionClaim, Section),
            new Claim(DisplayNameClaim, DisplayName),
        ],
        scheme));

    public static SignedInUser From(ClaimsPrincipal principal) =>
        new(principal.Identity?.Name ?? throw new InvalidOperationException("Not signed in."),
            principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity.Name,
            principal.FindFirstValue(SectionClaim) ?? "",
            principal.FindFirstValue(ClaimTypes.Role) ?? Roles.Department);

    /// <summary>How the user appears in the log of a record, e.g. <c>koukai（総務部情報公開課）</c>.</summary>
    public string Actor => $"{Name}（{Section}）";
}

/// <summary>
/// The users of the service and the check of a password against its hash. A user kept in the record store
/// (<c>guideline users</c>) comes first: where the store has the name, it alone decides, so a disabled store user cannot sign
/// in even when configuration has the same name. The users of configuration, read once, serve the names the store lacks.
/// The store is read at each sign-in, so a change there needs no restart.
/// </summary>
public sealed class UserDirectory
{
    private readonly Dictionary<string, ConfiguredUser> _users;
    private readonly IRecordStore? _store;

    // Checked when a name is unknown or disabled, so that a wrong name takes as long as a wrong password.
    private readonly string _decoyHash = Passwords.Hash(Guid.NewGuid().ToString());

    public UserDirectory(IEnumerable<ConfiguredUser> users, IRecordStore? store = null)
    {
        _store = store;
        _users = new Dictionary<string, ConfiguredUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in users)
        {
            Check(user);
            if (!_users.TryAdd(user.Name, user))
            {
                throw new InvalidOperationException($"Guideline:Users: ユーザー「{user.Name}」が重複しています。");
            }
        }
    }

    public IReadOnlyCollection<ConfiguredUser> Users => _users.Values;

    /// <summary>The user whose name and password match, else null.</summary>
    public SignedInUser? Verify(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
        {
            return Decoy(password);
        }
        if (_store?.FindUser(name.ToLowerInvariant()) is { } stored)
        {
            if (stored.Disabled)
            {
                return Decoy(password);
            }
            return Passwords.Verify(stored.PasswordHash, password)
                ? new SignedInUser(stored.Name, stored.DisplayName ?? stored.Name, stored.Section, stored.Role)
                : null;
        }
        if (!_users.TryGetValue(name, out var user))
        {
            return Decoy(password);
        }
        return Passwords.Verify(user.PasswordHash, password)
            ? new SignedInUser(user.Name, user.DisplayName ?? user.Name, user.Section, user.Role)
            : null;
    }

    // A refusal that takes as long as the check of a real password.
    private SignedInUser? Decoy(string? password)
    {
        Passwords.Verify(_decoyHash, password ?? "");
        return null;
    }

    private static void Check(ConfiguredUser user)
    {
        var name = string.IsNullOrWhiteSpace(user.Name) ? "(名前なし)" : user.Name;
        if (user.Password is not null)
        {
            throw new InvalidOperationException(
                $"Guideline:Users: ユーザー「{name}」にパスワードが平文で書かれています。hash-password で作ったハッシュを PasswordHash に書いてください。");
        }
        if (string.IsNullOrWhiteSpace(user.Name) || string.IsNullOrWhiteSpace(user.Section) || string.IsNullOrWhiteSpace(user.PasswordHash))
        {
            throw new InvalidOperationException($"Guideline:Users: ユーザー「{name}」には Name, Section, PasswordHash が必要です。");
        }
        if (user.Role is not (Roles.Department or Roles.Office))
        {
            throw new InvalidOperationException($"Guideline:Users: ユーザー「{name}」の Role「{user.Role}」は使えません（department または office）。");
        }
    }
}

/// <summary>
/// <c>hash-password</c>: reads a password from standard input and prints its hash for <c>Guideline:Users</c>; a password
/// shorter than <see cref="Passwords.MinimumLength"/> is refused.
/// </summary>
public static class PasswordTool
{
    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        if (Passwords.ReadFrom(input, error) is not { } password)
        {
            return 2;
        }
        try
        {
            output.WriteLine(Passwords.Hash(password));
            return 0;
        }
        catch (PasswordPolicyException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }
}
