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
            "outsourcing" => Read(map, new OutsourcingItem(), IntakeItemKinds.Outsourcing),
            null => null,
            _ => Unknown(map, kind),
        };
    }

    private static IntakeItem? Unknown(YamlMap map, string kind)
    {
        map.Error("kind", $"未知の種類「{kind}」です（use_or_provision または outsourcing）。");
        return null;
    }

    private static UseOrProvisionItem ReadUse(YamlMap map, string? proposing)
    {
        var use = Read(map, new UseOrProvisionItem(), IntakeItemKinds.UseOrProvision);
        // A department that names no recipient uses the information itself.
        return use.Recipient is null && proposing is not null ? use with { Recipient = new Recipient { Section = proposing } } : use;
    }

    // Every key of the intake format comes from its declaration (IntakeFields.Layout, and the fields the loaded catalogues
    // declare), in case-file order: the keys allowed, their types, and where each goes in the model.
    private static T Read<T>(YamlMap map, T holder, IntakeItemKinds kind) where T : class =>
        (T)ReadKeys(map, holder, IntakeFields.LayoutOf(kind), parent: null);

    private static object ReadKeys(YamlMap map, object holder, IReadOnlyList<IntakeKey> keys, string? parent)
    {
        var own = keys.Where(k => k.Parent == parent).ToList();
        map.AllowOnly([.. own.Select(k => k.Name)]);
        foreach (var key in own)
        {
            switch (key.Type)
            {
                case IntakeKeyType.ItemKind:
                    break;
                case IntakeKeyType.Object:
                    if (map.Map(key.Name) is { } sub)
                    {
                        holder = ReadKeys(sub, key.Set(holder, null), keys, key.Path);
                    }
                    break;
                case IntakeKeyType.Tasks:
                    holder = key.Set(holder, Within(map, key.Name, MaxTasks, "委託する作業", "1件の委託")
                        ? map.Maps(key.Name).Select(t => Read(t, new OutsourcingTask(), IntakeItemKinds.Task)).ToList()
                        : []);
                    break;
                case IntakeKeyType.Texts:
                    holder = key.Set(holder, map.Strings(key.Name));
                    break;
                default:
                    var value = key.Field?.Type switch
                    {
                        IntakeFieldType.Bool => (object?)map.Bool(key.Name),
                        IntakeFieldType.Number => map.Int(key.Name),
                        _ => map.String(key.Name),
                    };
                    holder = value is null ? holder : key.Set(holder, value);
                    break;
            }
        }
        return holder;
    }

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
