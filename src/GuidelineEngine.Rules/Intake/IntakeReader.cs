using System.Globalization;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace GuidelineEngine.Rules.Intake;

/// <summary>A case intake as read, with where each field was written (for errors that name file, line and field).</summary>
public sealed class IntakeDocument(CaseIntake intake, string file, IReadOnlyDictionary<string, SourceMark> marks)
{
    public CaseIntake Intake { get; } = intake;
    public string File { get; } = file;

    /// <summary>The mark of a field path, or of its nearest written parent.</summary>
    public SourceMark MarkOf(string path)
    {
        for (var candidate = path; candidate.Length > 0; candidate = Parent(candidate))
        {
            if (marks.TryGetValue(candidate, out var mark))
            {
                return mark;
            }
        }
        return new SourceMark(File, 1, 1);
    }

    /// <summary>Whether the field was written in the file (rather than defaulted).</summary>
    public bool Wrote(string path) => marks.ContainsKey(path);

    public Diagnostic Error(string path, string message)
    {
        var mark = MarkOf(path);
        return new Diagnostic(File, mark.Line, mark.Column, path, message);
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}

/// <summary>Reads a case intake from YAML or JSON (JSON is read as YAML once its syntax is checked as JSON), rejecting unknown keys.</summary>
public static class IntakeReader
{
    /// <summary>
    /// The most items in one case, and tasks in one outsourcing (besides the limits of <see cref="YamlDocumentLoader"/>).
    /// The largest casebook case has 13 items and 5 tasks; a thousand items would take a request for seconds to screen.
    /// </summary>
    public const int MaxItems = 200;

    /// <inheritdoc cref="MaxItems"/>
    public const int MaxTasks = 100;

    public static IntakeDocument ReadFile(string path)
    {
        var display = Loading.DisplayPath.Of(path);
        var diagnostics = new DiagnosticBag();
        var root = YamlDocumentLoader.LoadFile(path, display, diagnostics);
        return Read(root, display, diagnostics);
    }

    /// <summary>The bytes of an intake file, as they are to be recorded: refused, like a file read for screening, when missing or too large.</summary>
    /// <exception cref="InputException">The file cannot be read or is over the size limit.</exception>
    public static byte[] ReadFileBytes(string path)
    {
        var diagnostics = new DiagnosticBag();
        var bytes = YamlDocumentLoader.ReadFile(path, Loading.DisplayPath.Of(path), diagnostics);
        diagnostics.ThrowIfAny();
        return bytes!;
    }

    /// <summary>Reads an intake in memory; <paramref name="json"/> when its sender says it is JSON (its syntax errors are then JSON's).</summary>
    public static IntakeDocument ReadBytes(byte[] bytes, string displayName, bool json = false)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlDocumentLoader.LoadBytes(bytes, displayName, diagnostics, json);
        return Read(root, displayName, diagnostics);
    }

    /// <summary>Reads the intake from a document already loaded (the casebook reads the rest of the same tree).</summary>
    internal static IntakeDocument Read(YamlNode? root, string file, DiagnosticBag diagnostics)
    {
        var map = YamlMap.Root(root, file, diagnostics);
        diagnostics.ThrowIfAny();
        // A casebook case is an intake plus its source and expectations; screening ignores those.
        map!.AllowOnly("case", "items", "source", "synthetic", "expected", "annotation");
        var header = map.Map("case", required: true);
        header?.AllowOnly("id", "date", "proposing_section", "title", "rules_version");
        var proposing = header?.String("proposing_section");
        var items = Within(map, "items", MaxItems, "項目", "1件の申出")
            ? map.Maps("items", required: true).Select(i => ReadItem(i, proposing)).OfType<IntakeItem>().ToList()
            : [];
        var intake = new CaseIntake
        {
            Id = header?.String("id"),
            Date = header?.Date("date"),
            ProposingSection = proposing,
            Title = header?.String("title"),
            RulesVersion = header?.String("rules_version"),
            Items = items,
        };
        diagnostics.ThrowIfAny();
        var marks = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
        CollectMarks(root!, file, "", marks);
        return new IntakeDocument(intake, file, marks);
    }

    private static IntakeItem? ReadItem(YamlMap map, string? proposing)
    {
        var kind = map.String("kind", required: true);
        return kind switch
        {
            "use_or_provision" => ReadUse(map, proposing),
            "outsourcing" => ReadOutsourcing(map),
            null => null,
            _ => Unknown(map, kind),
        };
    }

    private static IntakeItem? Unknown(YamlMap map, string kind)
    {
        map.Error("kind", $"未知の種類「{kind}」です（use_or_provision または outsourcing）。");
        return null;
    }

    private static readonly string[] CommonKeys =
        ["id", "kind", "data_items", "includes_my_number", "includes_special_care", "persons", "concerns_children", "concerns_dv_or_abuse_victims", "claimed_categories"];

    private static UseOrProvisionItem ReadUse(YamlMap map, string? proposing)
    {
        map.AllowOnly([.. CommonKeys, "file", "holding_section", "recipient", "purpose", "purpose_kind", "within_registered_purpose",
            "frequency", "statute", "consent", "consent_to_foreign_provision", "requested_by_recipient", "person_unable_to_express_will",
            "rights_infringement_risk", "other_law_restriction", .. AnswerKeys(IntakeItemKinds.UseOrProvision)]);
        var recipientMap = map.Map("recipient");
        recipientMap?.AllowOnly("section", "kind", "name", "outside_japan");
        // A department that names no recipient uses the information itself.
        var recipient = recipientMap is null
            ? (proposing is null ? null : new Recipient { Section = proposing })
            : new Recipient
            {
                Section = recipientMap.String("section"),
                Kind = recipientMap.String("kind"),
                Name = recipientMap.String("name"),
                OutsideJapan = recipientMap.Bool("outside_japan"),
            };
        return WithCommon(map, new UseOrProvisionItem
        {
            File = map.String("file"),
            HoldingSection = map.String("holding_section"),
            Recipient = recipient,
            Purpose = map.String("purpose"),
            PurposeKind = map.String("purpose_kind"),
            WithinRegisteredPurpose = map.Bool("within_registered_purpose"),
            Frequency = map.String("frequency"),
            Statute = ReadLaw(map.Map("statute"), withKind: true),
            Consent = map.Bool("consent"),
            ConsentToForeignProvision = map.Bool("consent_to_foreign_provision"),
            RequestedByRecipient = map.Bool("requested_by_recipient"),
            PersonUnableToExpressWill = map.Bool("person_unable_to_express_will"),
            RightsInfringementRisk = map.Bool("rights_infringement_risk"),
            OtherLawRestriction = ReadLaw(map.Map("other_law_restriction")),
            Answers = ReadAnswers(map, IntakeItemKinds.UseOrProvision),
        });
    }

    private static OutsourcingItem ReadOutsourcing(YamlMap map)
    {
        map.AllowOnly([.. CommonKeys, "files", "contractor_kind", "tasks", "subcontracting", "subcontracting_approved",
            "outside_japan", "standard_clauses", .. AnswerKeys(IntakeItemKinds.Outsourcing)]);
        return WithCommon(map, new OutsourcingItem
        {
            Files = map.Strings("files"),
            ContractorKind = map.String("contractor_kind"),
            Tasks = !Within(map, "tasks", MaxTasks, "委託する作業", "1件の委託") ? [] : map.Maps("tasks").Select(t =>
            {
                t.AllowOnly(["kind", "description", "place", "by_qualified_professionals", .. AnswerKeys(IntakeItemKinds.Task)]);
                return new OutsourcingTask
                {
                    Kind = t.String("kind"),
                    Description = t.String("description"),
                    Place = t.String("place"),
                    ByQualifiedProfessionals = t.Bool("by_qualified_professionals"),
                    Answers = ReadAnswers(t, IntakeItemKinds.Task),
                };
            }).ToList(),
            Subcontracting = map.Bool("subcontracting"),
            SubcontractingApproved = map.Bool("subcontracting_approved"),
            OutsideJapan = map.Bool("outside_japan"),
            StandardClauses = map.Bool("standard_clauses"),
            Answers = ReadAnswers(map, IntakeItemKinds.Outsourcing),
        });
    }

    // The fields that fact catalogues declare for this kind of item (or for a task), beyond the model's own: the version is not
    // known yet, so every loaded catalogue's are read; the version that judges the case refuses those it does not declare.
    private static IEnumerable<IntakeField> Answered(IntakeItemKinds kind) =>
        IntakeFields.All.Where(f => f.IsAnswer && (kind == IntakeItemKinds.Task ? f.On == IntakeItemKinds.Task : f.On.HasFlag(kind)));

    private static string[] AnswerKeys(IntakeItemKinds kind) => [.. Answered(kind).Select(f => f.Key)];

    private static IntakeAnswers ReadAnswers(YamlMap map, IntakeItemKinds kind) =>
        Answered(kind).Aggregate(IntakeAnswers.Empty, (answers, field) => answers.With(field.Key, field.Type switch
        {
            IntakeFieldType.Bool => (object?)map.Bool(field.Key),
            IntakeFieldType.Number => map.Int(field.Key),
            _ => map.String(field.Key),
        }));

    // The fields every kind of item has; `with` on the base keeps the derived type.
    private static T WithCommon<T>(YamlMap map, T item) where T : IntakeItem => (T)((IntakeItem)item with
    {
            Id = map.String("id"),
            DataItems = map.Strings("data_items"),
            IncludesMyNumber = map.Bool("includes_my_number"),
            IncludesSpecialCare = map.Bool("includes_special_care"),
            Persons = map.Int("persons"),
            ConcernsChildren = map.Bool("concerns_children"),
            ConcernsDvOrAbuseVictims = map.Bool("concerns_dv_or_abuse_victims"),
            ClaimedCategories = map.Strings("claimed_categories"),
    });

    // Refuses a list longer than the limit before reading its entries, so an oversized case costs one error, not thousands.
    private static bool Within(YamlMap map, string key, int limit, string what, string where)
    {
        if (map.Node(key) is YamlSequenceNode { Children.Count: var count } && count > limit)
        {
            map.Error(key, string.Create(CultureInfo.InvariantCulture,
                $"{what}が多すぎます（{count:N0} 件。{where}に書けるのは {limit:N0} 件までです）。分けて申し出てください。"));
            return false;
        }
        return true;
    }

    // Only a provision that provides for the use has a kind (law or ordinance); a restricting one is a law by definition (法69条3項).
    private static LawReference? ReadLaw(YamlMap? map, bool withKind = false)
    {
        if (map is null)
        {
            return null;
        }
        map.AllowOnly(withKind ? ["applies", "kind", "name"] : ["applies", "name"]);
        return new LawReference { Applies = map.Bool("applies"), Kind = withKind ? map.String("kind") : null, Name = map.String("name") };
    }

    private static void CollectMarks(YamlNode node, string file, string path, Dictionary<string, SourceMark> marks)
    {
        marks.TryAdd(path, YamlMap.MarkOf(node, file));
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? "";
                    CollectMarks(value, file, path.Length == 0 ? name : $"{path}.{name}", marks);
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    CollectMarks(sequence.Children[i], file, $"{path}[{i}]", marks);
                }
                break;
        }
    }
}
