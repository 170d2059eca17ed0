using GuidelineEngine.Records.Model;
using Microsoft.AspNetCore.Identity;

namespace GuidelineEngine.Application.Users;

/// <summary>A password too short to be made into a hash.</summary>
public sealed class PasswordPolicyException(string message) : Exception(message);

/// <summary>
/// Password hashes as the web service keeps them (ASP.NET Core Identity's PasswordHasher, PBKDF2), made and checked in one
/// place for the CLI and the service alike; the minimum length is enforced where a hash is made.
/// </summary>
public static class Passwords
{
    public const int MinimumLength = 12;

    private static readonly PasswordHasher<StoredUser> Hasher = new();

    // The hasher does not read the user; one placeholder serves every call.
    private static readonly StoredUser Nobody = new("", null, "", "", "", false, "");

    public static string Hash(string password)
    {
        if (password.Length < MinimumLength)
        {
            throw new PasswordPolicyException($"パスワードは {MinimumLength} 文字以上にしてください（{password.Length} 文字でした）。");
        }
        return Hasher.HashPassword(Nobody, password);
    }

    /// <summary>
    /// Reads a password, one line, from <paramref name="input"/>; null, with the reason written to <paramref name="error"/>,
    /// when it is empty. Prompts only at a terminal.
    /// </summary>
    public static string? ReadFrom(TextReader input, TextWriter error)
    {
        if (input == Console.In && !Console.IsInputRedirected)
        {
            error.WriteLine($"パスワード（{MinimumLength} 文字以上）を入力して Enter を押してください:");
        }
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("パスワードが空です。");
            return null;
        }
        return password;
    }

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(Nobody, hash, password) != PasswordVerificationResult.Failed;
}
