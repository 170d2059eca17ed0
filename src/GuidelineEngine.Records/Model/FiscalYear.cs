using System.Globalization;

namespace GuidelineEngine.Records.Model;

/// <summary>Japanese fiscal years (年度, April to March) and the record ids numbered within them.</summary>
public static class FiscalYear
{
    /// <summary>The fiscal year a date falls in: April 2024 to March 2025 is FY2024.</summary>
    public static int Of(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>The first and last day of a fiscal year.</summary>
    public static (DateOnly From, DateOnly To) Range(int fiscalYear) => (new DateOnly(fiscalYear, 4, 1), new DateOnly(fiscalYear + 1, 3, 31));

    /// <summary>The era prefix of a fiscal year: FY2025 is 令和7年度 (R7), FY2009 平成21年度 (H21). FY2019 counts as 令和元年度.</summary>
    public static string EraPrefix(int fiscalYear) =>
        fiscalYear >= 2019 ? $"R{fiscalYear - 2018}" : $"H{fiscalYear - 1988}";

    /// <summary>The id of the n-th record of a fiscal year, e.g. R7-0001.</summary>
    public static string RecordId(int fiscalYear, int number) =>
        $"{EraPrefix(fiscalYear)}-{number.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>Reads back the fiscal year and number of a record id; false for anything else.</summary>
    public static bool TryParse(string recordId, out int fiscalYear, out int number)
    {
        fiscalYear = 0;
        number = 0;
        var dash = recordId.IndexOf('-', StringComparison.Ordinal);
        if (dash < 2 || !int.TryParse(recordId.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var era)
            || !int.TryParse(recordId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }
        fiscalYear = recordId[0] switch { 'R' => era + 2018, 'H' => era + 1988, _ => 0 };
        return fiscalYear > 0 && number > 0;
    }
}
