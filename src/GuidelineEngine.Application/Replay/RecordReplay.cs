using GuidelineEngine.Domain.Model;
using System.Text;
using System.Text.Json;
using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Intake;

namespace GuidelineEngine.Application.Replay;

/// <summary>An outcome and the primary category of each item: what replay and impact compare.</summary>
public sealed record DecisionSummary(Outcome Outcome, IReadOnlyList<string?> Categories)
{
    public override string ToString() => $"{Outcome.Code()} [{string.Join(", ", Categories.Select(c => c ?? "-"))}]";

    // Equal when the outcome and every item's primary category are: what replay and impact compare, without text.
    public bool Equals(DecisionSummary? other) =>
        other is not null && Outcome == other.Outcome && Categories.SequenceEqual(other.Categories);

    public override int GetHashCode() => HashCode.Combine(Outcome, Categories.Count);

    public static DecisionSummary Of(CaseDecision decision) =>
        new(decision.Outcome, decision.Items.Select(i => i.Primary?.CategoryId).ToList());

    /// <summary>Reads the summary back from a decision recorded as JSON.</summary>
    public static DecisionSummary Of(string decisionJson)
    {
        using var document = JsonDocument.Parse(decisionJson);
        var root = document.RootElement;
        Outcomes.TryParse(root.GetProperty("outcome").GetString()!, out var outcome);
        var categories = root.GetProperty("items").EnumerateArray()
            .Select(i => i.TryGetProperty("primary", out var primary) ? primary.GetProperty("category_id").GetString() : null)
            .ToList();
        return new DecisionSummary(outcome, categories);
    }
}

/// <summary>
/// What replay needs of a submitted record, and what its derived row is made from and checked against: the intake as
/// submitted, the version it was judged by and the decision recorded with it. Read from the submission entry alone, so
/// many entries can be streamed without folding records.
/// </summary>
public sealed record SubmittedCase(string Id, string VersionId, string Intake, DecisionSummary Recorded)
{
    public static SubmittedCase From(ConsultationRecord record) =>
        new(record.Id, record.VersionId, record.Intake, DecisionSummary.Of(record.Decision));

    /// <summary>From a <see cref="EntryKind.Submitted"/> entry, whose payload <see cref="Ledger.ConsultationLedger.Submission"/> wrote.</summary>
    public static SubmittedCase From(EntryPayload submitted) => Read(submitted.Sequence, submitted.RecordId, submitted.Payload);

    // Reads forward through the payload and skips what is not compared (the rationale is most of it).
    private static SubmittedCase Read(long sequence, string recordId, ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        string? intake = null, versionId = null;
        DecisionSummary? recorded = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("intake"u8))
            {
                reader.Read();
                intake = reader.GetString();
            }
            else if (reader.ValueTextEquals("version_id"u8))
            {
                reader.Read();
                versionId = reader.GetString();
            }
            else if (reader.ValueTextEquals("decision"u8))
            {
                reader.Read();
                recorded = ReadSummary(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new SubmittedCase(recordId,
            versionId ?? throw Missing(sequence, recordId, "version_id"), intake ?? throw Missing(sequence, recordId, "intake"),
            recorded ?? throw Missing(sequence, recordId, "decision"));
    }

    /// <summary>The intake read back as the engine takes it.</summary>
    public CaseIntake ReadIntake() => IntakeReader.ReadBytes(Encoding.UTF8.GetBytes(Intake), Id).Intake;

    // At the decision's start: its outcome, and the primary category of each item (null where none fits).
    private static DecisionSummary ReadSummary(ref Utf8JsonReader reader)
    {
        var outcome = default(Outcome);
        var categories = new List<string?>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("outcome"u8))
            {
                reader.Read();
                Outcomes.TryParse(reader.GetString()!, out outcome);
            }
            else if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    categories.Add(ReadPrimary(ref reader));
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new DecisionSummary(outcome, categories);
    }

    private static string? ReadPrimary(ref Utf8JsonReader reader)
    {
        string? category = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var primary = reader.ValueTextEquals("primary"u8);
            reader.Read();
            if (primary && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var id = reader.ValueTextEquals("category_id"u8);
                    reader.Read();
                    if (id)
                    {
                        category = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }
        return category;
    }

    private static InvalidOperationException Missing(long sequence, string recordId, string field) =>
        new($"Submission entry {sequence} ({recordId}) has no {field}.");
}

/// <summary>A record re-screened: what was recorded, what the engine says now, and whether the rules are the same bytes.</summary>
public sealed record ReplayResult(ConsultationRecord Record, string VersionId, bool SameVersionHash, DecisionSummary Recorded, DecisionSummary Now)
{
    public bool Same => Recorded == Now;
}

/// <summary>A case whose outcome or category would change under another version.</summary>
public sealed record ImpactItem(string Case, string Source, DecisionSummary Before, DecisionSummary After);

/// <summary>
/// Re-screens recorded intakes: under their recorded version (replay), or under a revised one (impact). Only outcomes and
/// primary categories are compared, so the engine runs without building the rationale.
/// </summary>
public sealed class RecordReplay(CaseScreener screener)
{
    /// <summary>Screens the intake as submitted under the version recorded with it.</summary>
    public ReplayResult Replay(ConsultationRecord record)
    {
        var submitted = SubmittedCase.From(record);
        var now = screener.Screen(submitted.ReadIntake(), record.VersionId, withRationale: false);
        return new ReplayResult(record, record.VersionId, now.VersionHash == record.VersionHash, submitted.Recorded, DecisionSummary.Of(now));
    }

    /// <summary>
    /// Every record in the store (in order of submission), then every casebook case, whose outcome or primary categories
    /// change under <paramref name="versionId"/>. Reads only the derived table (<see cref="IRecordStore.ReadSubmissions"/>),
    /// forward, on one connection, and screens on every core; only a few batches of records are in memory at a time,
    /// however large the store. Refuses at once a store where some submission has no derived row (fill them first with
    /// <see cref="DerivedSubmissions.Fill"/>).
    /// </summary>
    /// <exception cref="RecordStoreException">Some submission has no derived row.</exception>
    public IEnumerable<ImpactItem> Impact(IRecordStore store, IEnumerable<CasebookCase> cases, string versionId)
    {
        DerivedSubmissions.RequireComplete(store);
        return Changes(store.ReadSubmissions(), DerivedSubmissions.Read, versionId).Concat(CasebookChanges(cases, versionId));
    }

    /// <summary>
    /// Every record given, and every casebook case, whose outcome or primary categories change under <paramref name="versionId"/>;
    /// each record read from its payload, its intake from the YAML as submitted.
    /// </summary>
    public IReadOnlyList<ImpactItem> Impact(IEnumerable<ConsultationRecord> records, IEnumerable<CasebookCase> cases, string versionId) =>
        [.. Changes(records, Recorded, versionId), .. CasebookChanges(cases, versionId)];

    private static RecordedCase Recorded(ConsultationRecord record)
    {
        var submitted = SubmittedCase.From(record);
        return new RecordedCase(submitted.Id, submitted.VersionId, submitted.Recorded, submitted.ReadIntake());
    }

    private IEnumerable<ImpactItem> Changes<T>(IEnumerable<T> records, Func<T, RecordedCase> read, string versionId) =>
        OrderedParallel.Map(records, record =>
        {
            var recorded = read(record);
            var after = DecisionSummary.Of(screener.Screen(recorded.Intake, versionId, withRationale: false));
            return recorded.Recorded != after ? new ImpactItem(recorded.Id, $"記録（{recorded.VersionId}）", recorded.Recorded, after) : null;
        }).OfType<ImpactItem>();

    private IEnumerable<ImpactItem> CasebookChanges(IEnumerable<CasebookCase> cases, string versionId) =>
        OrderedParallel.Map(cases, casebookCase =>
        {
            var before = DecisionSummary.Of(screener.Screen(casebookCase.Intake, withRationale: false));
            var after = DecisionSummary.Of(screener.Screen(casebookCase.Intake, versionId, withRationale: false));
            return before != after ? new ImpactItem(casebookCase.File, "事例集", before, after) : null;
        }).OfType<ImpactItem>();
}
