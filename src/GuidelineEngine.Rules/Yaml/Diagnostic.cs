using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Rules.Yaml;

/// <summary>An error in an input file: where it is, which field, and what is wrong (in Japanese).</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Field, string Message)
{
    public static Diagnostic At(SourceMark? mark, string file, string field, string message) =>
        new(mark?.File ?? file, mark?.Line ?? 0, mark?.Column ?? 0, field, message);

    /// <summary>One line: <c>file:line:column: field: message</c>.</summary>
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return string.IsNullOrEmpty(Field) ? $"{location}: {Message}" : $"{location}: {Field}: {Message}";
    }
}

/// <summary>Thrown when input files have errors; carries every error found, not only the first.</summary>
public sealed class InputException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>Collects errors while reading, so one pass reports them all.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Count > 0;

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void Add(SourceMark? mark, string file, string field, string message) =>
        _items.Add(Diagnostic.At(mark, file, field, message));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new InputException([.. _items]);
        }
    }
}
