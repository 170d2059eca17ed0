namespace GuidelineEngine.Domain.Model;

/// <summary>Reading back the code an enum value is stored as (outcomes, the office's and the committee's results).</summary>
public static class Codes
{
    public static bool TryParse<T>(string code, Func<T, string> codeOf, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (codeOf(candidate) == code)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
