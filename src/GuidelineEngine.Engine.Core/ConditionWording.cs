using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Core;

/// <summary>
/// The sentences the core writes about conditions and rule sets — descriptions, outlines, why-not, and its errors — in the
/// words staff read. The core knows the condition language; the words are the guideline module's
/// (<c>Screening.JapaneseWording</c>), so the core itself holds no sentence of any language.
/// </summary>
public abstract class ConditionWording
{
    /// <summary>One fact test, with the labels of the fact and its values (<paramref name="other"/> for a test against another fact).</summary>
    public abstract string Test(FactTest test, FactDefinition fact, FactDefinition? other);

    public abstract string All(IEnumerable<string> parts);
    public abstract string Any(IEnumerable<string> parts);

    /// <summary>A group written inside another, bracketed so that its grouping never rests on precedence.</summary>
    public abstract string Bracketed(string group);

    public abstract string Not(string inner);
    public abstract string Fits(string target);
    public abstract string NotFits(string target);

    /// <summary>Outline headings: every part holds; one part holds; no part holds; not every part holds; the part does not hold.</summary>
    public abstract string AllHeading { get; }
    public abstract string AnyHeading { get; }
    public abstract string NoneHeading { get; }
    public abstract string NotAllHeading { get; }
    public abstract string NotHeading { get; }

    /// <summary>Why-not: no part of a group holds (each part's failure given).</summary>
    public abstract string NoPartHolds(IEnumerable<string> failures);

    /// <summary>Why-not: an excluded case (under a negation) holds.</summary>
    public abstract string ExcludedCaseHolds(string description);

    /// <summary>Why-not: a category target does not fit.</summary>
    public abstract string TargetDoesNotFit(string target);

    /// <summary>Why-not: a fact test fails, with the fact's value.</summary>
    public abstract string TestFails(string description, FactDefinition fact, object? value);

    /// <summary>Why-not of a condition left open: the unknown facts it needs, by their labels.</summary>
    public abstract string FactsUnknown(IEnumerable<string> labels);

    /// <summary>A rule concluded a fact that already has another value.</summary>
    public abstract string Conflict(string ruleId, string fact, object existing, object concluded);

    /// <summary>A rule that cannot be compiled, and why.</summary>
    public abstract string CannotCompile(string ruleId, SourceMark? mark, string cause);

    /// <summary>Derivations that read each other's conclusions.</summary>
    public abstract string DerivationCycle { get; }
}
