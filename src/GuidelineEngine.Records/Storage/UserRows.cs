using System.Data.Common;
using GuidelineEngine.Records.Model;

namespace GuidelineEngine.Records.Storage;

/// <summary>The users table (schema step 3) as both stores read and write it; parameters $1 … $7 in the order of <see cref="Values"/>.</summary>
internal static class UserRows
{
    private const string Columns = "name, display_name, section, role, password_hash, disabled, changed_at";

    public const string SelectAll = $"SELECT {Columns} FROM users ORDER BY name";

    /// <summary>With one parameter, $1: the name.</summary>
    public const string SelectOne = $"SELECT {Columns} FROM users WHERE name = $1";

    public const string Insert = $"INSERT INTO users ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING";

    public const string Update =
        "UPDATE users SET display_name = $2, section = $3, role = $4, password_hash = $5, disabled = $6, changed_at = $7 WHERE name = $1";

    public static object[] Values(StoredUser user) =>
        [user.Name, (object?)user.DisplayName ?? DBNull.Value, user.Section, user.Role, user.PasswordHash, user.Disabled ? 1 : 0, user.ChangedAt];

    public static List<StoredUser> ReadAll(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var users = new List<StoredUser>();
        while (reader.Read())
        {
            users.Add(Read(reader));
        }
        return users;
    }

    private static StoredUser Read(DbDataReader reader) => new(
        reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture) != 0, reader.GetString(6));
}
