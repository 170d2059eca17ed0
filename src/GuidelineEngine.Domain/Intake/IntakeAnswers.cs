using System.Collections;
using System.Collections.Immutable;

namespace GuidelineEngine.Domain.Intake;

/// <summary>
/// The answers of an item (or a task) to intake fields that the C# model has no property for: fields a version's fact
/// catalogue declares (<c>field:</c>), keyed by the field's name as the case file writes it. A value is a bool, an int or
/// a string. Immutable and compared by value, so records that hold it keep their value equality and <c>with</c>.
/// </summary>
public sealed class IntakeAnswers : IReadOnlyDictionary<string, object>, IEquatable<IntakeAnswers>
{
    public static readonly IntakeAnswers Empty = new(ImmutableSortedDictionary<string, object>.Empty.WithComparers(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, object> _values;

    private IntakeAnswers(ImmutableSortedDictionary<string, object> values) => _values = values;

    /// <summary>These answers with <paramref name="field"/> set, or removed when <paramref name="value"/> is null.</summary>
    public IntakeAnswers With(string field, object? value)
    {
        if (value is not (null or bool or int or string))
        {
            throw new ArgumentException($"申出の項目「{field}」の値は真偽・整数・文字列のいずれかです（与えられた値: {value}）。", nameof(value));
        }
        return new(value is null ? _values.Remove(field) : _values.SetItem(field, value));
    }

    /// <summary>The answer to <paramref name="field"/>, or null when it is not given.</summary>
    public object? Get(string field) => _values.GetValueOrDefault(field);

    object IReadOnlyDictionary<string, object>.this[string key] => _values[key];

    public int Count => _values.Count;

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<object> Values => _values.Values;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(IntakeAnswers? other) =>
        other is not null && other.Count == Count && this.All(a => other.TryGetValue(a.Key, out var v) && Equals(v, a.Value));

    public override bool Equals(object? obj) => Equals(obj as IntakeAnswers);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _values)
        {
            hash.Add(key);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }
}
