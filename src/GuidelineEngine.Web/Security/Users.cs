using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace GuidelineEngine.Web.Security;

/// <summary>The two roles of the service.</summary>
public static class Roles
{
    /// <summary>A department or section (部課): screens its own proposals and submits them as consultations.</summary>
    public const string Department = "department";

    /// <summary>情報公開課: sees every consultation and decides it.</summary>
    public const string Office = "office";
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

/// <summary>The users of the service, read once from configuration, and the check of a password against its hash.</summary>
public sealed class UserDirectory
{
    private readonly Dictionary<string, ConfiguredUser> _users;
    private readonly PasswordHasher<ConfiguredUser> _hasher = new();

    // Checked when a name is unknown, so that a wrong name takes as long as a wrong password.
    private readonly string _decoyHash;

    public UserDirectory(IEnumerable<ConfiguredUser> users)
    {
        _users = new Dictionary<string, ConfiguredUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in users)
        {
            Check(user);
            if (!_users.TryAdd(user.Name, user))
            {
                throw new InvalidOperationException($"Guideline:Users: ユーザー「{user.Name}」が重複しています。");
            }
        }
        _decoyHash = _hasher.HashPassword(new ConfiguredUser(), Guid.NewGuid().ToString());
    }

    public IReadOnlyCollection<ConfiguredUser> Users => _users.Values;

    /// <summary>The user whose name and password match, else null.</summary>
    public SignedInUser? Verify(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password) || !_users.TryGetValue(name, out var user))
        {
            _hasher.VerifyHashedPassword(new ConfiguredUser(), _decoyHash, password ?? "");
            return null;
        }
        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed
            ? null
            : new SignedInUser(user.Name, user.DisplayName ?? user.Name, user.Section, user.Role);
    }

    public static string Hash(string password) => new PasswordHasher<ConfiguredUser>().HashPassword(new ConfiguredUser(), password);

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

/// <summary><c>hash-password</c>: reads a password from standard input and prints its hash for <c>Guideline:Users</c>.</summary>
public static class PasswordTool
{
    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        if (!Console.IsInputRedirected)
        {
            error.WriteLine("パスワードを入力して Enter を押してください:");
        }
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("パスワードが空です。");
            return 2;
        }
        output.WriteLine(UserDirectory.Hash(password));
        return 0;
    }
}
