using System.Text;
using System.Text.RegularExpressions;

namespace GuidelineEngine.Rules.Yaml;

/// <summary>Turns a validator's member path (<c>Items[0].PurposeKind</c>) into the YAML field path (<c>items[0].purpose_kind</c>).</summary>
public static partial class YamlField
{
    public static string FromMember(string memberPath) =>
        MemberName().Replace(memberPath, m => SnakeCase(m.Value));

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                builder.Append(name[i]);
            }
        }
        return builder.ToString();
    }

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex MemberName();
}
