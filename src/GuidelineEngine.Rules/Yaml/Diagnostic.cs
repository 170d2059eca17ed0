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

/// <summary>
/// Collects errors while reading, so one pass reports them all — up to <see cref="MaxItems"/>, then one line saying how
/// there were more: a large broken file must not bury the first errors under thousands of lines. (No count: a bag
/// that gathers other bags' lists, summaries included, could not give a true one.)
/// </summary>
public sealed class DiagnosticBag
{
    /// <summary>The most errors listed one by one.</summary>
    public const int MaxItems = 100;

    private readonly List<Diagnostic> _items = [];
    private Diagnostic? _firstDropped;

    public IReadOnlyList<Diagnostic> Items => _firstDropped is null
        ? _items
        : [.. _items, new Diagnostic(_firstDropped.File, 0, 0, "", $"ほかにも誤りがあります（最初の {MaxItems} 件だけを示しました）。")];

    public bool HasErrors => _items.Count > 0;

    public void Add(Diagnostic diagnostic)
    {
        if (_items.Count < MaxItems)
        {
            _items.Add(diagnostic);
        }
        else
        {
            _firstDropped ??= diagnostic;
        }
    }

    public void Add(SourceMark? mark, string file, string field, string message) => Add(Diagnostic.At(mark, file, field, message));

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic);
        }
    }

    /// <summary>
    /// Reads every input on every core; what one input gets wrong is added here, so all errors are reported together.
    /// Results and errors keep the inputs' order, so messages read the same on any machine.
    /// </summary>
    public List<TResult> ReadEach<TInput, TResult>(IEnumerable<TInput> inputs, Func<TInput, TResult> read)
    {
        // Parallel.For rather than PLINQ: PLINQ's generic machinery is JIT-compiled on first use, a cost a cold start pays.
        var list = inputs.ToList();
        var outcomes = new (TResult? Result, IReadOnlyList<Diagnostic>? Errors)[list.Count];
        Parallel.For(0, list.Count, i =>
        {
            try
            {
                outcomes[i] = (read(list[i]), null);
            }
            catch (InputException e)
            {
                outcomes[i] = (default, e.Diagnostics);
            }
        });
        var results = new List<TResult>();
        foreach (var (result, errors) in outcomes)
        {
            if (errors is null)
            {
                results.Add(result!);
            }
            else
            {
                AddRange(errors);
            }
        }
        return results;
    }

    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new InputException([.. Items]);
        }
    }
}
