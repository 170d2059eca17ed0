using GuidelineEngine.Domain.Model;
using GuidelineEngine.Domain.Intake;

namespace GuidelineEngine.Domain.Casebook;

/// <summary>Where a historical case comes from, and what the source records (出典).</summary>
public sealed record CaseSource
{
    /// <summary>The seed file name, e.g. 000_4ddf9eee692eaf36.txt.</summary>
    public required string File { get; init; }
    public required string Section { get; init; }
    public string? Table { get; init; }

    /// <summary>Rows as printed or counted, e.g. "1–5".</summary>
    public string? Rows { get; init; }

    /// <summary>What the source records as the decision.</summary>
    public string? Recorded { get; init; }

    /// <summary>A short location for reports: file, section, table, rows.</summary>
    public string Location => string.Join(" ", new[] { File, Section, Table, Rows is null ? null : $"No.{Rows}" }.Where(s => s is not null));
}

/// <summary>One expectation of a case: the outcome under a version (or the one in force on its date), and categories the source names.</summary>
public sealed record Expectation
{
    /// <summary>A named version, or null for the version in force on the case date.</summary>
    public string? Version { get; init; }
    public required Outcome Outcome { get; init; }

    /// <summary>Per item id, the categories the source itself names.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Categories { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>
/// A casebook case: a case intake with its source, the outcomes the source records, and — kept apart —
/// our annotation of the categories a careful reader would accept where the source names none.
/// </summary>
public sealed record CasebookCase
{
    /// <summary>The case file, as shown to people.</summary>
    public required string File { get; init; }

    /// <summary>The group it belongs to: its folder under the casebook root (e.g. nerima/fy2024, synthetic).</summary>
    public required string Group { get; init; }

    /// <summary>
    /// The case file's path under the casebook root, with forward slashes (e.g. nerima/fy2023/02-….yaml): the same wherever the
    /// casebook lies and whatever the working folder, unlike <see cref="File"/>.
    /// </summary>
    public string CasebookPath => Group is "." or "" ? Path.GetFileName(File) : $"{Group}/{Path.GetFileName(File)}";

    public required CaseIntake Intake { get; init; }
    public CaseSource? Source { get; init; }
    public bool Synthetic { get; init; }
    public IReadOnlyList<Expectation> Expected { get; init; } = [];
    public string? AnnotationNote { get; init; }

    /// <summary>Our reading: per version id, per item id, the categories a careful reader would accept.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> AnnotatedCategories { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();

    /// <summary>The categories accepted for an item under a version: named by the source, else our annotation.</summary>
    public IReadOnlyList<string> AcceptedCategories(Expectation expectation, string versionId, string itemId)
    {
        if (expectation.Categories.TryGetValue(itemId, out var named))
        {
            return named;
        }
        return AnnotatedCategories.TryGetValue(versionId, out var byItem) && byItem.TryGetValue(itemId, out var read) ? read : [];
    }
}
