using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Benchmarks;

/// <summary>One item's hand-written decision: its outcome and the categories it fits ("別表3-8@1" for task 1).</summary>
public sealed record HandItem(Outcome Outcome, IReadOnlyList<string> Fits);

/// <summary>A case's hand-written decision.</summary>
public sealed record HandCase(Outcome Outcome, IReadOnlyList<HandItem> Items);

/// <summary>
/// The nerima/2023-04 guideline written directly in C# (no rationale), to measure the engine against.
/// Three-valued: a fact left out is unknown; an outcome that cannot be reached is more_information_needed.
/// Only the registries (organs, files) of <c>registryOnly</c> are read.
/// </summary>
public static class HandWrittenGuideline
{
    private enum T : byte { F, U, T }

    private static T And(T a, T b) => a == T.F || b == T.F ? T.F : a == T.U || b == T.U ? T.U : T.T;
    private static T Or(T a, T b) => a == T.T || b == T.T ? T.T : a == T.U || b == T.U ? T.U : T.F;
    private static T Not(T a) => a == T.T ? T.F : a == T.F ? T.T : T.U;
    private static T Is(bool? v, bool expected) => v is null ? T.U : v == expected ? T.T : T.F;
    private static T Eq(string? v, string c) => v is null ? T.U : v == c ? T.T : T.F;
    private static T In(string? v, string[] set) => v is null ? T.U : Array.IndexOf(set, v) >= 0 ? T.T : T.F;

    // 法69条2項3号: 行政機関等・地方公共団体の機関・独立行政法人等・地方独立行政法人.
    private static readonly string[] Public3 = ["ward_organ", "ward_council", "national_government", "tokyo_metropolis", "other_municipality", "police", "fire_service", "incorporated_administrative_agency", "local_incorporated_administrative_agency"];
    private static readonly string[] Gov4 = ["national_government", "tokyo_metropolis", "other_municipality", "ward_organ"];
    private static readonly string[] Public2 = [.. Public3, "other_public_body"];
    // Recipients the version derives as domestic (申出から導く事実.yaml): never abroad.
    private static readonly string[] Domestic = [.. Public2, "social_welfare_council", "ja", "supporter", "care_facility"];
    private static readonly string[] SafetyBodies = [.. Public2, "social_welfare_council", "supporter"];
    private static readonly string[] MetroMunicipality = ["ward_organ", "tokyo_metropolis", "other_municipality"];
    private static readonly string[] PoliceFire = ["police", "fire_service"];
    private static readonly string[] CouncilWork = ["welfare_service", "elderly_protection", "coordinated_support", "selection_inquiry"];
    private static readonly string[] ElderlyRecipients = ["supporter", "social_welfare_council", "care_facility", "other_public_body", "police", "fire_service", "other_municipality", "tokyo_metropolis"];
    private static readonly string[] CareRecipients = ["care_facility", "relative"];
    private static readonly string[] Use1 = ["別表1-1", "別表1-2", "別表1-3"];
    private static readonly string[] Provision2 = ["別表2-1", "別表2-2", "別表2-3", "別表2-4", "別表2-5", "別表2-6", "別表2-7", "別表2-8", "別表2-9", "別表2-10", "別表2-11"];

    public static HandCase Decide(CaseIntake intake, RuleSetDefinition registryOnly)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(registryOnly);
        var items = new HandItem[intake.Items.Count];
        var outcome = Outcome.MoreInformationNeeded;
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = intake.Items[i] switch
            {
                UseOrProvisionItem u => Use(u, registryOnly),
                OutsourcingItem o => Outsource(o, registryOnly),
                _ => new HandItem(Outcome.MoreInformationNeeded, []),
            };
            // Strictest: not_permitted, then more_information_needed, then needs_review, … (README).
            outcome = i == 0 || Rank(items[i].Outcome) > Rank(outcome) ? items[i].Outcome : outcome;
        }
        return new HandCase(outcome, items);
    }

    private static int Rank(Outcome o) => o switch
    {
        Outcome.NotOutOfPurpose => 0,
        Outcome.BasedOnLaw => 1,
        Outcome.ConsentOrToPerson => 2,
        Outcome.Covered => 3,
        Outcome.NeedsReview => 4,
        Outcome.MoreInformationNeeded => 5,
        _ => 6,
    };

    private static bool MyNumberWord(IReadOnlyList<string> items)
    {
        foreach (var d in items)
        {
            if (d.Contains("個人番号", StringComparison.Ordinal) || d.Contains("マイナンバー", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static HandItem Use(UseOrProvisionItem u, RuleSetDefinition registry)
    {
        var file = u.File is null ? null : registry.Files.Find(u.File);
        // Facts, with the registry able only to add a My Number or a restricting law.
        var myNumber = MyNumberWord(u.DataItems) || file?.MyNumber == true ? T.T : Is(u.IncludesMyNumber, true);
        var otherLaw = u.OtherLawRestriction?.Applies == true || file?.RestrictedBy.Count > 0 ? T.T : Is(u.OtherLawRestriction?.Applies, true);
        var holderSection = u.HoldingSection ?? file?.Holder;
        var holderOrgan = holderSection is null ? null : registry.Organs.Find(holderSection)?.Organ.Id;
        string? kind = null, organ = null;
        bool? outside = null;
        if (u.Recipient?.Section is { } section && registry.Organs.Find(section) is { } placement)
        {
            organ = placement.Organ.Id;
            kind = placement.Organ.Kind == OrganKind.Council ? "ward_council" : "ward_organ";
        }
        else if (u.Recipient is not null)
        {
            kind = u.Recipient.Kind;
            outside = u.Recipient.OutsideJapan;
        }
        if (kind is not null && Array.IndexOf(Domestic, kind) >= 0)
        {
            outside = false;
        }
        var requested = u.RequestedByRecipient;
        var pk = u.PurposeKind;

        // Use within one 行政機関, provision across the organ boundary or outside the ward.
        string? transfer = kind is null ? null
            : kind != "ward_organ" ? "provision"
            : organ is null || holderOrgan is null ? null
            : organ == holderOrgan ? "use" : "provision";
        var isUse = transfer is null ? T.U : transfer == "use" ? T.T : T.F;
        var isProvision = transfer is null ? T.U : transfer == "provision" ? T.T : T.F;

        // 法69条: the exceptions in order.
        var inPurpose = Is(u.WithinRegisteredPurpose, true);
        var law = And(Not(inPurpose), And(And(Is(u.Statute?.Applies, true), Eq(u.Statute?.Kind, "national_law")), string.IsNullOrWhiteSpace(u.Statute?.Name) ? T.U : T.T));
        var beforeLaw = And(Not(inPurpose), Not(law));
        var mnp = And(myNumber, beforeLaw);
        var restricted = And(otherLaw, beforeLaw);
        var risk = And(Is(u.RightsInfringementRisk, true), beforeLaw);
        // 1号, with 法71条1項: consent to a recipient abroad must be consent to provision abroad.
        var consentGiven = And(Is(u.Consent, true), Or(Is(outside, false), Is(u.ConsentToForeignProvision, true)));
        var consent = And(Or(consentGiven, Eq(kind, "person_self")), And(beforeLaw, And(Not(mnp), And(Not(restricted), Not(risk)))));
        var guideline = And(beforeLaw, And(Not(mnp), And(Not(restricted), And(Not(risk), Not(consent)))));

        // 別表1 (use) and 別表2 (provision).
        Span<T> c1 = [Eq(pk, "eligibility_check"), Eq(pk, "coordinated_support"), Eq(pk, "planning_reference")];
        Span<T> c2 =
        [
            And(Eq(pk, "commendation_check"), In(kind, Gov4)),
            And(Or(Is(requested, true), Eq(pk, "inquiry")), In(kind, Public2)),
            And(Eq(pk, "eligibility_check"), In(kind, MetroMunicipality)),
            And(Eq(pk, "safety_advance"), In(kind, PoliceFire)),
            And(Eq(pk, "selection_inquiry"), In(kind, Gov4)),
            And(And(Eq(kind, "social_welfare_council"), In(pk, CouncilWork)), Is(requested, true)),
            And(Eq(pk, "safety_advance"), In(kind, SafetyBodies)),
            And(Eq(pk, "elderly_protection"), In(kind, ElderlyRecipients)),
            And(Eq(pk, "government_survey"), In(kind, Gov4)),
            And(Eq(pk, "green_land_ja"), Eq(kind, "ja")),
            And(And(Eq(pk, "care_procedure"), Is(u.PersonUnableToExpressWill, true)), In(kind, CareRecipients)),
        ];
        var fits1 = Or(c1[0], Or(c1[1], c1[2]));
        var fits2 = T.F;
        foreach (var c in c2)
        {
            fits2 = Or(fits2, c);
        }
        var covered = And(guideline, Or(And(isUse, fits1), And(isProvision, fits2)));
        var review = And(guideline, Or(And(isUse, Not(fits1)), And(isProvision, Not(fits2))));

        var outcome = inPurpose == T.T ? Outcome.NotOutOfPurpose
            : law == T.T ? Outcome.BasedOnLaw
            : mnp == T.T || restricted == T.T || risk == T.T ? Outcome.NotPermitted
            : consent == T.T ? Outcome.ConsentOrToPerson
            : covered == T.T ? Outcome.Covered
            : review == T.T ? Outcome.NeedsReview
            : Outcome.MoreInformationNeeded;

        // Only a decision the guideline makes rests on categories.
        var fits = new List<string>();
        if (outcome is not (Outcome.Covered or Outcome.NeedsReview or Outcome.MoreInformationNeeded))
        {
            return new HandItem(outcome, fits);
        }
        if (transfer == "use")
        {
            for (var i = 0; i < c1.Length; i++)
            {
                if (c1[i] == T.T) { fits.Add(Use1[i]); }
            }
        }
        else if (transfer == "provision")
        {
            for (var i = 0; i < c2.Length; i++)
            {
                if (c2[i] == T.T) { fits.Add(Provision2[i]); }
            }
        }
        return new HandItem(outcome, fits);
    }

    private static HandItem Outsource(OutsourcingItem o, RuleSetDefinition registry)
    {
        _ = registry;
        var fits = new List<string>();
        var all = o.Tasks.Count == 0 ? T.U : T.T;
        for (var t = 0; t < o.Tasks.Count; t++)
        {
            var task = o.Tasks[t];
            var k = task.Kind;
            var q = Is(task.ByQualifiedProfessionals, true);
            var fin = Eq(o.ContractorKind, "financial_institution");
            Span<T> c =
            [
                Eq(k, "survey_analysis"), Eq(k, "production"), Eq(k, "system_development"), Eq(k, "data_entry"),
                Eq(k, "service_with_report"),
                And(In(k, ["qualified_assessment", "qualified_assessment_with_counselling"]), q),
                And(Eq(k, "registered_professional_management"), q),
                Eq(k, "printing_mailing"),
                And(Eq(k, "reception_same_office"), Eq(task.Place, "same_office")),
                Eq(k, "facility_operation"), Eq(k, "counselling"), Eq(k, "minutes_interpretation"),
                Eq(k, "medical_fee_review"), Eq(k, "participant_insurance"), Eq(k, "liability_insurance"),
                Or(Eq(k, "bank_payment"), And(Eq(k, "tax_collection"), fin)),
                And(Eq(k, "tax_collection"), Not(fin)),
                Eq(k, "service_with_report_and_notice"),
                And(Eq(k, "qualified_assessment_with_counselling"), q),
                And(Eq(k, "handover"), Eq(o.ContractorKind, "designated_manager")),
                Eq(k, "statutory_substitute"),
            ];
            var any = T.F;
            for (var i = 0; i < c.Length; i++)
            {
                any = Or(any, c[i]);
                if (c[i] == T.T)
                {
                    fits.Add($"別表3-{i + 1}@{t + 1}");
                }
            }
            all = And(all, any);
        }
        var badSub = And(Is(o.Subcontracting, true), Is(o.SubcontractingApproved, false));
        var covered = And(all, And(Is(o.StandardClauses, true), And(Is(o.OutsideJapan, false), Not(badSub))));
        var review = Or(Not(all), Or(Is(o.StandardClauses, false), Or(Is(o.OutsideJapan, true), badSub)));
        var outcome = covered == T.T ? Outcome.Covered : review == T.T ? Outcome.NeedsReview : Outcome.MoreInformationNeeded;
        return new HandItem(outcome, fits);
    }
}
