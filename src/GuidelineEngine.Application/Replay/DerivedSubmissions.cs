using GuidelineEngine.Domain.Model;
using System.Text;
using System.Text.Json;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Application.Replay;

/// <summary>A submission as impact screens it: its record, the version that judged it, the recorded decision and the intake.</summary>
public sealed record RecordedCase(string Id, string VersionId, DecisionSummary Recorded, CaseIntake Intake);

/// <summary>Where a derived row does not agree with the submission it derives from, for <c>records verify</c>.</summary>
/// <param name="Field">The column, or for the intake the path of the first field that differs (intake.items[0].persons).</param>
/// <param name="Message">In Japanese, naming the record and the field.</param>
public sealed record DerivedProblem(long Sequence, string RecordId, string Field, string Message);

/// <summary>
/// The derived rows of submissions (<see cref="DerivedSubmission"/>): made from what the ledger has at hand, or from a
/// stored payload where a row is missing; read back for impact; checked against the payload by <c>records verify</c>.
/// </summary>
public static class DerivedSubmissions
{
    /// <summary>The row of a submission, from its intake as read and the decision recorded with it.</summary>
    public static DerivedSubmission Of(CaseIntake intake, CaseDecision decision) =>
        Of(decision.VersionId, DecisionSummary.Of(decision), intake);

    /// <summary>The row a submission's payload gives, read as replay reads it (the intake's YAML read again).</summary>
    /// <exception cref="RecordStoreException">The payload is not a submission as the ledger writes it.</exception>
    public static DerivedSubmission FromPayload(EntryPayload submitted)
    {
        var (recorded, intake) = ReadPayload(submitted);
        return Of(recorded.VersionId, recorded.Recorded, intake);
    }

    /// <summary>A row read back as impact screens it.</summary>
    /// <exception cref="RecordStoreException">The row cannot be read (edited by hand: <c>records verify</c> names it).</exception>
    public static RecordedCase Read(SubmissionRow row)
    {
        try
        {
            return new RecordedCase(row.RecordId, row.VersionId, Summary(row), CompactIntake.Decode(row.Intake));
        }
        catch (JsonException e)
        {
            throw Unreadable(row, e.Message);
        }
    }

    /// <summary>
    /// Makes the rows missing from the store from the payloads (a store made before the derived table, or filled by
    /// <c>records import</c>), on every core, and returns how many. Costs nothing when none is missing: the counts tell.
    /// </summary>
    /// <param name="missing">Told how many rows are missing before they are made (it takes a while for many).</param>
    public static long Fill(IRecordStore store, Action<long>? missing = null)
    {
        var (submissions, derived) = store.CountSubmissions();
        if (derived >= submissions)
        {
            return 0;
        }
        missing?.Invoke(submissions - derived);
        long filled = 0;
        store.AddSubmissions(OrderedParallel.Map(store.ReadUnderivedSubmissions(), entry => (entry.Sequence, entry.RecordId, FromPayload(entry)))
            .Select(row =>
            {
                filled++;
                return row;
            }));
        return filled;
    }

    /// <summary>Refuses a store in which some submission has no derived row: an impact must never skip a record silently.</summary>
    /// <exception cref="RecordStoreException">The counts differ.</exception>
    public static void RequireComplete(IRecordStore store)
    {
        var (submissions, derived) = store.CountSubmissions();
        if (submissions != derived)
        {
            throw new RecordStoreException(
                $"記録簿（{store.Description}）の提出 {submissions} 件に対し、派生データ（submissions 表）が {derived} 件あります。"
                + "記録を飛ばさないよう、影響分析を中止しました。"
                + (derived < submissions ? "records impact を書き込みのできる接続で実行すると、足りない派生データを記録から作ります。" : "records verify で確かめてください。"));
        }
    }

    /// <summary>
    /// Where a stored entry and the derived row under its sequence disagree: a row without its submission (or on another
    /// kind of entry), or a column or intake field that differs from what the payload gives. None for a submission
    /// without a row (it is made from the payload before impact reads it) or an entry that has none.
    /// </summary>
    public static IReadOnlyList<DerivedProblem> Check(StoredEntry stored)
    {
        var (entry, row) = stored;
        if (row is null)
        {
            return [];
        }
        var at = $"{row.RecordId}（通番 {row.Sequence}）の派生データ";
        if (entry is null || entry.Kind != EntryKind.Submitted)
        {
            return [new DerivedProblem(row.Sequence, row.RecordId, "sequence", entry is null
                ? $"{at}: 通番 {row.Sequence} の記録がありません。"
                : $"{at}: 通番 {row.Sequence} は提出ではなく {entry.Kind} の記録です。")];
        }
        RecordedCase recorded;
        try
        {
            var (submitted, asSubmitted) = ReadPayload(new EntryPayload(entry.Sequence, entry.RecordId, Encoding.UTF8.GetBytes(entry.Payload)));
            recorded = new RecordedCase(entry.RecordId, submitted.VersionId, submitted.Recorded, asSubmitted);
        }
        catch (RecordStoreException e)
        {
            return [new DerivedProblem(row.Sequence, entry.RecordId, "payload", e.Message)];
        }
        var problems = new List<DerivedProblem>();
        void Differs(string field, string derived, string payload)
        {
            if (derived != payload)
            {
                problems.Add(new DerivedProblem(row.Sequence, entry.RecordId, field, $"{at}の {field} が記録と異なります（派生データ: {derived}、記録: {payload}）。"));
            }
        }
        Differs("record_id", row.RecordId, entry.RecordId);
        Differs("version_id", row.VersionId, recorded.VersionId);
        Differs("outcome", row.Outcome, recorded.Recorded.Outcome.Code());
        Differs("categories", Rewritten(row.Categories), Categories(recorded.Recorded.Categories));
        CaseIntake intake;
        try
        {
            intake = CompactIntake.Decode(row.Intake);
        }
        catch (JsonException e)
        {
            problems.Add(new DerivedProblem(row.Sequence, entry.RecordId, "intake", $"{at}の intake が申出として読めません: {e.Message}"));
            return problems;
        }
        // Compared as written again, so that a row differing only in spacing or key order still agrees.
        var (derivedIntake, payloadIntake) = (CompactIntake.Encode(intake), CompactIntake.Encode(recorded.Intake));
        if (derivedIntake != payloadIntake)
        {
            var (path, derivedValue, payloadValue) = FirstDifference(derivedIntake, payloadIntake);
            problems.Add(new DerivedProblem(row.Sequence, entry.RecordId, path,
                $"{at}の {path} が記録の申出と異なります（派生データ: {derivedValue}、記録: {payloadValue}）。"));
        }
        return problems;
    }

    /// <summary>The recorded primary categories as the derived row keeps them: a JSON array, null where no category fits.</summary>
    public static string Categories(IReadOnlyList<string?> categories) =>
        JsonSerializer.Serialize([.. categories], CompactIntake.Categories);

    // Categories as written again, so that only a different list differs; as they are when they are no list at all.
    private static string Rewritten(string categories)
    {
        try
        {
            return JsonSerializer.Deserialize(categories, CompactIntake.Categories) is { } list ? Categories(list) : categories;
        }
        catch (JsonException)
        {
            return categories;
        }
    }

    private static DerivedSubmission Of(string versionId, DecisionSummary recorded, CaseIntake intake) =>
        new(versionId, recorded.Outcome.Code(), Categories(recorded.Categories), CompactIntake.Encode(intake));

    private static DecisionSummary Summary(SubmissionRow row)
    {
        if (!Outcomes.TryParse(row.Outcome, out var outcome))
        {
            throw Unreadable(row, $"outcome「{row.Outcome}」は結論のコードではありません。");
        }
        var categories = JsonSerializer.Deserialize(row.Categories, CompactIntake.Categories)
            ?? throw Unreadable(row, "categories が null です。");
        return new DecisionSummary(outcome, categories);
    }

    // The payload as replay reads it; what the ledger did not write this way is the store's problem, named with its place.
    private static (SubmittedCase Submitted, CaseIntake Intake) ReadPayload(EntryPayload submitted)
    {
        try
        {
            var recorded = SubmittedCase.From(submitted);
            return (recorded, recorded.ReadIntake());
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or InputException)
        {
            var reason = e is InputException input ? string.Join(" ", input.Diagnostics) : e.Message;
            throw new RecordStoreException($"通番 {submitted.Sequence}（{submitted.RecordId}）の提出の記録が、提出として読めません: {reason}");
        }
    }

    private static RecordStoreException Unreadable(SubmissionRow row, string reason) =>
        new($"{row.RecordId}（通番 {row.Sequence}）の派生データが読めません: {reason} records verify で確かめてください。");

    // The path of the first field where two intakes written by CompactIntake differ, and its two values (- where absent).
    private static (string Path, string Derived, string Payload) FirstDifference(string derived, string payload)
    {
        using var a = JsonDocument.Parse(derived);
        using var b = JsonDocument.Parse(payload);
        return Walk(a.RootElement, b.RootElement, "intake") ?? ("intake", derived, payload);
    }

    private static (string, string, string)? Walk(JsonElement? a, JsonElement? b, string path)
    {
        if (a is { ValueKind: JsonValueKind.Object } objectA && b is { ValueKind: JsonValueKind.Object } objectB)
        {
            var names = objectA.EnumerateObject().Select(p => p.Name).Union(objectB.EnumerateObject().Select(p => p.Name));
            return names.Select(name => Walk(Property(objectA, name), Property(objectB, name), $"{path}.{name}")).FirstOrDefault(d => d is not null);
        }
        if (a is { ValueKind: JsonValueKind.Array } arrayA && b is { ValueKind: JsonValueKind.Array } arrayB)
        {
            var length = Math.Max(arrayA.GetArrayLength(), arrayB.GetArrayLength());
            return Enumerable.Range(0, length)
                .Select(i => Walk(Item(arrayA, i), Item(arrayB, i), $"{path}[{i}]"))
                .FirstOrDefault(d => d is not null);
        }
        var (textA, textB) = (a?.GetRawText() ?? "-", b?.GetRawText() ?? "-");
        return textA == textB ? null : (path, textA, textB);
    }

    private static JsonElement? Property(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value : null;

    private static JsonElement? Item(JsonElement array, int index) => index < array.GetArrayLength() ? array[index] : null;
}
