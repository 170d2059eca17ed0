using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Interview;

/// <summary>
/// A question the interview asks (Japanese text from the fact catalogue, help quoting the clause behind it).
/// Answer it with <see cref="Interviewer.Answer"/>.
/// </summary>
/// <param name="Id">Stable within a case: <c>{itemId}/{fact}</c>, or <c>{itemId}/{taskId}/{fact}</c> for a task of an outsourcing.</param>
/// <param name="ItemId">The item the question is about.</param>
/// <param name="TaskId">The task (1-based, as in the decision) for a task fact; otherwise null.</param>
/// <param name="Fact">The fact of the catalogue (<c>purpose.kind</c>); <c>tasks</c> when an outsourcing names no task yet.</param>
/// <param name="Text">The question, in Japanese.</param>
/// <param name="Help">The clause behind the question, quoted; null when the catalogue and the rules have none.</param>
/// <param name="Type">How to answer: <see cref="FactType.Bool"/> and <see cref="FactType.Enum"/> by one of <paramref name="Choices"/>,
/// <see cref="FactType.Number"/> by a number, <see cref="FactType.Text"/> by text (a section name for <c>holder.organ</c> and <c>recipient.organ</c>).</param>
/// <param name="Choices">The values to choose from (for bool: はい/いいえ, values <c>true</c>/<c>false</c>); empty for text and numbers.</param>
public sealed record InterviewQuestion(
    string Id,
    string ItemId,
    string? TaskId,
    string Fact,
    string Text,
    string? Help,
    FactType Type,
    IReadOnlyList<FactValueDefinition> Choices);

/// <summary>One step of the interview: the decision for the intake so far, and the questions whose answers can still change it.</summary>
/// <param name="Decision">The decision for the intake as it stands.</param>
/// <param name="Questions">The next questions, the most decisive first; none once the outcome is determined.</param>
public sealed record InterviewStep(CaseDecision Decision, IReadOnlyList<InterviewQuestion> Questions)
{
    /// <summary>No question is left: the outcome is determined (or nothing more can be asked).</summary>
    public bool Finished => Questions.Count == 0;
}
