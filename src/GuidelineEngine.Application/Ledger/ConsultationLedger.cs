using GuidelineEngine.Domain.Model;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Engine.Reporting;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Application.Replay;
using GuidelineEngine.Application.Screening;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Application.Ledger;

/// <summary>A lifecycle step that is not allowed now (e.g. deciding a record twice), or a decision that differs from the engine's without a reason.</summary>
public sealed class LifecycleException(string message) : Exception(message);

/// <summary>
/// The consultation log as 情報公開課 uses it: submit a case (screened and recorded with its rationale), take it up,
/// decide it, record the committee's result. Every step is a new entry; nothing is changed in place.
/// </summary>
public sealed class ConsultationLedger(IRecordStore store, ConsultationScreening screening, TimeProvider clock)
{
    /// <summary>A ledger whose decisions list no precedents (類似事例).</summary>
    public ConsultationLedger(IRecordStore store, CaseScreener screener, TimeProvider clock)
        : this(store, new ConsultationScreening(screener), clock)
    {
    }

    public IRecordStore Store => store;

    /// <summary>
    /// Screens an intake and records it with the decision. Nothing is written if the intake has errors.
    /// </summary>
    /// <param name="intake">The intake as submitted (YAML or JSON bytes).</param>
    /// <param name="name">The file name or source, for error messages.</param>
    /// <param name="section">The submitting section; defaults to the intake's proposing section.</param>
    /// <param name="at">When it was submitted; defaults to now.</param>
    /// <param name="user">Who submits it, as the entry's actor (e.g. <c>fukushi（福祉部生活福祉課）</c>); defaults to the section.</param>
    public ConsultationRecord Submit(byte[] intake, string name, string? section = null, DateTimeOffset? at = null, string? versionId = null,
        string? user = null)
    {
        var entry = store.Append(Submission(intake, name, section, at, versionId, user));
        return ConsultationRecord.From([entry]);
    }

    /// <summary>
    /// The entry <see cref="Submit"/> appends, without appending it: the intake screened, and its decision with rationale;
    /// with its derived row (the intake as read and the recorded outcome and categories, for impact analysis).
    /// Throws <see cref="InputException"/> for an intake with errors.
    /// </summary>
    public PendingEntry Submission(byte[] intake, string name, string? section = null, DateTimeOffset? at = null, string? versionId = null,
        string? user = null)
    {
        // A file named .json is read as JSON, as `screen` reads it, so both report a broken one alike.
        var document = IntakeReader.ReadBytes(intake, name, Rules.Yaml.YamlDocumentLoader.IsJsonFile(name));
        IntakeAdmission.Admit(document, screening.Screener, versionId);
        var decision = screening.Screen(document.Intake, versionId);
        var submitter = section ?? document.Intake.ProposingSection!;
        var when = at ?? clock.GetUtcNow();
        var caseDate = document.Intake.Date;
        // Without a case date, the day of submission in Japan decides the fiscal year.
        var fiscalYear = FiscalYear.Of(caseDate ?? DateOnly.FromDateTime(when.ToOffset(TimeSpan.FromHours(9)).DateTime));
        var payload = new JsonObject
        {
            ["section"] = submitter,
            ["case_date"] = caseDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["fiscal_year"] = fiscalYear,
            ["intake"] = Encoding.UTF8.GetString(intake).TrimStart('\uFEFF'),
            ["version_id"] = decision.VersionId,
            ["version_hash"] = decision.VersionHash,
            ["outcome"] = decision.Outcome.Code(),
            ["decision"] = JsonNode.Parse(JsonReport.Render(decision)),
        };
        return new PendingEntry(null, fiscalYear, EntryKind.Submitted, user ?? submitter, Compact(payload), when,
            Derived: DerivedSubmissions.Of(document.Intake, decision));
    }

    /// <summary>情報公開課 takes the record up (協議中).</summary>
    public ConsultationRecord Start(string id, string actor, DateTimeOffset? at = null)
    {
        var record = Get(id);
        if (record.Status != RecordStatus.Submitted)
        {
            throw new LifecycleException($"記録 {id} は「{Label(record.Status)}」のため、協議を始められません（受付の記録だけ）。");
        }
        return Append(record, EntryKind.ConsultationStarted, actor, new JsonObject(), at);
    }

    /// <summary>The names of a record's codes in the version that judged it.</summary>
    public DecisionLabels Labels(string versionId) => screening.Labels(versionId);

    /// <summary>情報公開課 decides (確定). A result other than the engine's needs a written reason.</summary>
    public ConsultationRecord Decide(string id, OfficeResult result, string? reason, string actor, DateTimeOffset? at = null)
    {
        var record = Get(id);
        if (record.Status != RecordStatus.UnderConsultation)
        {
            throw new LifecycleException($"記録 {id} は「{Label(record.Status)}」のため、確定できません（協議中の記録だけ）。");
        }
        var agrees = OfficeResults.Matching(record.EngineOutcome) == result;
        if (!agrees && string.IsNullOrWhiteSpace(reason))
        {
            throw new LifecycleException(
                $"エンジンの判定（{Labels(record.VersionId).Outcome(record.EngineOutcome)}）と異なる結論（{result.Label()}）にするには、理由を書いてください。");
        }
        var payload = new JsonObject
        {
            ["result"] = result.Code(),
            ["reason"] = string.IsNullOrWhiteSpace(reason) ? null : reason,
            ["engine_outcome"] = record.EngineOutcome.Code(),
            ["differs_from_engine"] = !agrees,
        };
        return Append(record, EntryKind.OfficeDecided, actor, payload, at);
    }

    /// <summary>Records the 運営委員会's result, with its reason, on a record the office referred to it.</summary>
    public ConsultationRecord RecordCommittee(string id, CommitteeResult result, string reason, string actor, DateTimeOffset? at = null)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new LifecycleException("運営委員会の結果には理由を書いてください。");
        }
        var record = Get(id);
        if (record.Office?.Result != OfficeResult.Referred)
        {
            throw new LifecycleException($"記録 {id} は運営委員会に付議されていないため、委員会の結果は記録できません。");
        }
        if (record.Committee is not null)
        {
            throw new LifecycleException($"記録 {id} には運営委員会の結果がすでに記録されています。");
        }
        return Append(record, EntryKind.CommitteeDecided, actor, new JsonObject { ["result"] = result.Code(), ["reason"] = reason.Trim() }, at);
    }

    public ConsultationRecord? Find(string id)
    {
        var entries = store.Entries(id);
        return entries.Count == 0 ? null : ConsultationRecord.From(entries);
    }

    public ConsultationRecord Get(string id) =>
        Find(id) ?? throw new LifecycleException($"記録 {id} はありません。");

    /// <summary>Every record, in the order of submission.</summary>
    public IEnumerable<ConsultationRecord> All()
    {
        var byRecord = new Dictionary<string, List<RecordEntry>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var entry in store.ReadAll())
        {
            if (!byRecord.TryGetValue(entry.RecordId, out var list))
            {
                byRecord[entry.RecordId] = list = [];
                order.Add(entry.RecordId);
            }
            list.Add(entry);
        }
        return order.Select(id => ConsultationRecord.From(byRecord[id]));
    }

    public static string Label(RecordStatus status) => status switch
    {
        RecordStatus.Submitted => "受付",
        RecordStatus.UnderConsultation => "協議中",
        RecordStatus.Decided => "確定",
        _ => status.ToString(),
    };

    private ConsultationRecord Append(ConsultationRecord record, EntryKind kind, string actor, JsonObject payload, DateTimeOffset? at)
    {
        store.Append(new PendingEntry(record.Id, null, kind, actor, Compact(payload), at ?? clock.GetUtcNow(), record.Entries.Count));
        return Get(record.Id);
    }

    private static readonly JsonSerializerOptions CompactJson = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Compact(JsonNode node) => node.ToJsonString(CompactJson);
}
