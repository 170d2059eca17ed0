namespace GuidelineEngine.Records.Model;

/// <summary>
/// A user of the web service kept in the record store (<c>guideline users</c>), beside those of configuration.
/// Not part of the chain: accounts change in place, the consultation log never does.
/// </summary>
/// <param name="Name">The sign-in name, in lower case (names are matched without regard to case).</param>
/// <param name="Section">The user's department or section (部課).</param>
/// <param name="Role"><c>department</c> or <c>office</c>.</param>
/// <param name="PasswordHash">An ASP.NET Core Identity password hash, never the password.</param>
/// <param name="Disabled">A disabled user cannot sign in; the account stays, so its name is not taken again.</param>
/// <param name="ChangedAt">When it was last changed, UTC, ISO 8601.</param>
public sealed record StoredUser(string Name, string? DisplayName, string Section, string Role, string PasswordHash, bool Disabled, string ChangedAt);
