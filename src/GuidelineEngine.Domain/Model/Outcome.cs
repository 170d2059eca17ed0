namespace GuidelineEngine.Domain.Model;

/// <summary>
/// The outcome of screening an item or a case. Declared from the least to the most strict:
/// a case takes the strictest outcome among its items.
/// </summary>
public enum Outcome
{
    /// <summary>Within the file's registered purpose (利用目的の範囲内): no consultation needed.</summary>
    NotOutOfPurpose,
    /// <summary>Based on a statute or ordinance (法69条1項 法令に基づく場合): the statute decides.</summary>
    BasedOnLaw,
    /// <summary>The person's consent, or provision to the person (法69条2項1号).</summary>
    ConsentOrToPerson,
    /// <summary>Falls under a guideline category: the committee review is skipped.</summary>
    Covered,
    /// <summary>No category fits: the review body (運営委員会, or the 審議会 before 2023) must review it.</summary>
    NeedsReview,
    /// <summary>Facts are missing that stand between the case and an outcome.</summary>
    MoreInformationNeeded,
    /// <summary>Another law forbids it, 特定個人情報, or unjust infringement (法69条2項ただし書).</summary>
    NotPermitted,
}

/// <summary>Codes of outcomes (their Japanese names are the rule version's: <c>outcome_labels</c>).</summary>
public static class Outcomes
{
    /// <summary>The name used in rule files and JSON (snake_case).</summary>
    public static string Code(this Outcome outcome) => outcome switch
    {
        Outcome.NotOutOfPurpose => "not_out_of_purpose",
        Outcome.BasedOnLaw => "based_on_law",
        Outcome.ConsentOrToPerson => "consent_or_to_person",
        Outcome.Covered => "covered",
        Outcome.NeedsReview => "needs_review",
        Outcome.MoreInformationNeeded => "more_information_needed",
        Outcome.NotPermitted => "not_permitted",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static bool TryParse(string code, out Outcome outcome) => Codes.TryParse(code, Code, out outcome);

    /// <summary>The stricter of two outcomes.</summary>
    public static Outcome Strictest(Outcome a, Outcome b) => a >= b ? a : b;
}
