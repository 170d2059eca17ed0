using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Rules.Loading;

/// <summary>A value label an extension restates, with where it is written.</summary>
public sealed record ValueWording(string Value, string Label, SourceMark Mark, string Path);

/// <summary>
/// The words of a base fact, restated by an extending version (<c>wording.facts</c>): what staff read (label, question,
/// help, value labels), never the fact's type, values or source. A field left out keeps the base's words.
/// </summary>
public sealed record FactWording(string Name, string? Label, string? Question, string? Help, IReadOnlyList<ValueWording> Values, SourceMark Mark);

/// <summary>
/// The words of a base rule, restated by an extending version (<c>wording.rules</c>): its citation, description and
/// rationale sentence, never its condition or conclusion.
/// </summary>
public sealed record RuleWording(string Id, string? Article, string? Description, string? Explain, SourceMark Mark);
