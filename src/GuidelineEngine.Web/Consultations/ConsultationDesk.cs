using System.Text;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Yaml;
using GuidelineEngine.Web.Intake;
using GuidelineEngine.Web.Security;

namespace GuidelineEngine.Web.Consultations;

/// <summary>Why the desk refused: each maps to one HTTP status.</summary>
public enum DeskErrorKind
{
    /// <summary>400: the intake or the request has errors.</summary>
    Invalid,
    /// <summary>403: the user may not act for that section.</summary>
    Forbidden,
    /// <summary>404: no such record, or one the user may not see (the two are not told apart).</summary>
    NotFound,
    /// <summary>409: the step does not fit where the record stands.</summary>
    Conflict,
    /// <summary>503: the record store could not do it.</summary>
    Unavailable,
}

public sealed record DeskError(DeskErrorKind Kind, string Message, string? Field = null, IReadOnlyList<Diagnostic>? Diagnostics = null);

/// <summary>A record after a step, or why the step was refused.</summary>
public readonly record struct DeskResult(ConsultationRecord? Record, DeskError? Error)
{
    public static implicit operator DeskResult(ConsultationRecord record) => new(record, null);

    public static implicit operator DeskResult(DeskError error) => new(null, error);
}

/// <summary>
/// The consultation records as the web sees them, for the API and the pages alike: who may see and submit what, and
/// 情報公開課's steps. Every boundary between sections is decided here, once.
/// </summary>
public sealed class ConsultationDesk(ConsultationLedger ledger, IntakeGate gate, SectionScope scope, ILogger<ConsultationDesk> logger)
{
    /// <summary>The records the user may see, in the order of submission: its own section's, or all for 情報公開課.</summary>
    /// <summary>The names of a decision's codes in the version that judged it.</summary>
    public DecisionLabels Labels(string versionId) => ledger.Labels(versionId);

    public IReadOnlyList<ConsultationRecord> Visible(SignedInUser user) => [.. ledger.All().Where(r => scope.Covers(user, r.Section))];

    /// <summary>A record the user may see; null for one that does not exist and for another section's alike.</summary>
    public ConsultationRecord? Find(SignedInUser user, string id)
    {
        if (!FiscalYear.TryParse(id, out _, out _))
        {
            return null;
        }
        var record = ledger.Find(id);
        return record is not null && scope.Covers(user, record.Section) ? record : null;
    }

    /// <summary>Whether the user may submit a case proposed by <paramref name="proposingSection"/>.</summary>
    public bool MaySubmit(SignedInUser user, string? proposingSection) => scope.Covers(user, proposingSection);

    /// <summary>
    /// Screens and records an intake. A department user submits only for the sections it acts for (<see cref="SectionScope"/>), and the
    /// record is its section's; 情報公開課 may submit for any section, and the record is the proposing section's.
    /// </summary>
    public DeskResult Submit(SignedInUser user, byte[] intake, bool json = false)
    {
        var check = gate.Read(intake, json);
        if (!check.IsValid)
        {
            return new DeskError(DeskErrorKind.Invalid, "申出に誤りがあります。", Diagnostics: check.Errors);
        }
        if (scope.Refusal(user, check.Intake.ProposingSection) is { } refusal)
        {
            return new DeskError(DeskErrorKind.Forbidden, refusal, "case.proposing_section");
        }
        return Guard(() => ledger.Submit(intake, IntakeGate.SourceName, user.IsOffice ? null : user.Section, user: user.Actor));
    }

    public DeskResult Submit(SignedInUser user, string intake) => Submit(user, Encoding.UTF8.GetBytes(intake));

    /// <summary>情報公開課 takes a record up (協議中).</summary>
    public DeskResult Start(SignedInUser office, string id) =>
        Find(office, id) is null ? NotFound(id) : Guard(() => ledger.Start(id, office.Actor));

    /// <summary>情報公開課 decides (確定). A result other than the engine's needs a reason.</summary>
    public DeskResult Decide(SignedInUser office, string id, string? resultCode, string? reason)
    {
        if (Find(office, id) is not { } record)
        {
            return NotFound(id);
        }
        if (resultCode is null || !OfficeResults.TryParse(resultCode, out var result))
        {
            return new DeskError(DeskErrorKind.Invalid, "結論（result）は covered, referred, not_permitted のどれかにしてください。", "result");
        }
        if (OfficeResults.Matching(record.EngineOutcome) != result && string.IsNullOrWhiteSpace(reason))
        {
            return new DeskError(DeskErrorKind.Invalid,
                $"エンジンの判定（{ledger.Labels(record.VersionId).Outcome(record.EngineOutcome)}）と異なる結論（{result.Label()}）にするには、理由（reason）を書いてください。", "reason");
        }
        return Guard(() => ledger.Decide(id, result, reason?.Trim(), office.Actor));
    }

    /// <summary>Records the 運営委員会's result (a code of <see cref="CommitteeResult"/>) and its reason on a record referred to it.</summary>
    public DeskResult Committee(SignedInUser office, string id, string? resultCode, string? reason)
    {
        if (Find(office, id) is null)
        {
            return NotFound(id);
        }
        if (!CommitteeResults.TryParse(resultCode, out var result))
        {
            return new DeskError(DeskErrorKind.Invalid, $"運営委員会の結果（result）は {CommitteeResults.Codes} のどれかにしてください。", "result");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DeskError(DeskErrorKind.Invalid, "運営委員会の結果の理由（reason）を書いてください。", "reason");
        }
        return Guard(() => ledger.RecordCommittee(id, result, reason, office.Actor));
    }

    private static DeskError NotFound(string id) => new(DeskErrorKind.NotFound, $"記録 {id} はありません。");

    private DeskResult Guard(Func<ConsultationRecord> step)
    {
        try
        {
            return step();
        }
        catch (LifecycleException e)
        {
            return new DeskError(DeskErrorKind.Conflict, e.Message);
        }
        catch (ScreeningException e)
        {
            return new DeskError(DeskErrorKind.Invalid, e.Message, "case.date");
        }
        catch (InputException e)
        {
            return new DeskError(DeskErrorKind.Invalid, "申出に誤りがあります。", Diagnostics: e.Diagnostics);
        }
        catch (RecordConflictException e)
        {
            return new DeskError(DeskErrorKind.Conflict, e.Message);
        }
        catch (RecordStoreException e)
        {
            // The user gets the message; whoever runs the service needs the cause (the server's or the file system's error).
            logger.LogError(e, "記録簿に書き込めませんでした: {Message}", e.Message);
            return new DeskError(DeskErrorKind.Unavailable, e.Message);
        }
    }
}
