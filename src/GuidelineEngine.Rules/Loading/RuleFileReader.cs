using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace GuidelineEngine.Rules.Loading;

/// <summary>
/// The YAML front end: reads one rule file's sections into a <see cref="RuleSetBuilder"/>.
/// A file may hold any of the sections; each entry is read with its file, line and field path.
/// </summary>
public static class RuleFileReader
{
    private static readonly string[] Sections =
        ["version", "facts", "derivations", "outcomes", "flags", "notes", "table", "organs", "files", "wording"];

    /// <summary>The base a version file names (<c>version.extends</c>), read before the rest so the base's files come first.</summary>
    public static string? Extends(YamlNode? root) =>
        root is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("version"), out var version)
        && version is YamlMappingNode fields && fields.Children.TryGetValue(new YamlScalarNode("extends"), out var extends)
        && extends is YamlScalarNode scalar && !YamlMap.IsNull(scalar)
            ? scalar.Value
            : null;

    public static void Read(YamlNode? root, string file, RuleSetBuilder builder, DiagnosticBag diagnostics)
    {
        var map = YamlMap.Root(root, file, diagnostics);
        if (map is null)
        {
            return;
        }
        map.AllowOnly(Sections);
        if (map.Map("version") is { } version)
        {
            builder.SetVersion(ReadVersion(version), version.Path);
        }
        foreach (var fact in map.Maps("facts"))
        {
            builder.AddFact(ReadFact(fact), fact.Path);
        }
        foreach (var entry in map.Maps("derivations"))
        {
            Add(builder, entry, ReadDerivation(entry));
        }
        foreach (var entry in map.Maps("outcomes"))
        {
            Add(builder, entry, ReadOutcome(entry));
        }
        foreach (var entry in map.Maps("flags"))
        {
            Add(builder, entry, ReadFlag(entry));
        }
        foreach (var entry in map.Maps("notes"))
        {
            Add(builder, entry, ReadNote(entry));
        }
        if (map.Map("table") is { } table && ReadTable(table) is { } definition)
        {
            builder.AddTable(definition, table.Path);
        }
        foreach (var organ in map.Maps("organs"))
        {
            if (ReadOrgan(organ) is { } definition2)
            {
                builder.AddOrgan(definition2, organ.Path);
            }
        }
        foreach (var entry in map.Maps("files"))
        {
            if (ReadFile(entry) is { } definition3)
            {
                builder.AddFile(definition3, entry.Path);
            }
        }
        if (map.Map("wording") is { } wording)
        {
            ReadWording(wording, builder);
        }
    }

    // An extension's restatement of the base's words (RuleSetBuilder checks what it names against the base).
    private static void ReadWording(YamlMap map, RuleSetBuilder builder)
    {
        map.AllowOnly("facts", "rules");
        foreach (var fact in map.Maps("facts"))
        {
            fact.AllowOnly("name", "label", "question", "help", "values");
            var values = fact.Maps("values").Select(v =>
            {
                v.AllowOnly("value", "label");
                return (Value: v.String("value", required: true), Label: v.String("label", required: true), v.Mark, v.Path);
            }).ToList();
            if (fact.String("name", required: true) is { } name && values.All(v => v.Value is not null && v.Label is not null))
            {
                builder.RestateFact(new FactWording(name, Restated(fact, "label"), Restated(fact, "question"), Restated(fact, "help"),
                    [.. values.Select(v => new ValueWording(v.Value!, v.Label!, v.Mark, v.Path))], fact.Mark), fact.Path);
            }
        }
        foreach (var rule in map.Maps("rules"))
        {
            rule.AllowOnly("id", "article", "description", "explain");
            if (rule.String("id", required: true) is { } id)
            {
                builder.RestateRule(new RuleWording(id, Restated(rule, "article"), Restated(rule, "description"), Restated(rule, "explain"), rule.Mark), rule.Path);
            }
        }
    }

    // A restated field that is written must say something: an empty one would silently blank the base's words.
    private static string? Restated(YamlMap map, string key) => map.Node(key) is null ? null : map.String(key, required: true);

    private static void Add(RuleSetBuilder builder, YamlMap entry, RuleDefinition? rule)
    {
        if (rule is not null)
        {
            builder.AddRule(rule, entry.Path);
        }
    }

    private static RuleSetVersion ReadVersion(YamlMap map)
    {
        map.AllowOnly("id", "kind", "extends", "jurisdiction", "title", "effective_from", "effective_to", "review_body", "sources", "not_modelled", "outcome_labels");
        var kind = map.Has("kind") ? Enum(map, "kind", new Dictionary<string, bool> { ["version"] = false, ["base"] = true }) : false;
        return new RuleSetVersion
        {
            IsBase = kind ?? false,
            Extends = map.String("extends"),
            Id = map.String("id", required: true) ?? "",
            Jurisdiction = map.String("jurisdiction", required: true) ?? "",
            Title = map.String("title", required: true) ?? "",
            EffectiveFrom = map.Date("effective_from"),
            EffectiveTo = map.Date("effective_to"),
            // The review body is the municipality's: a base pack (the law) has none.
            ReviewBody = map.String("review_body", required: kind != true) ?? "",
            Sources = map.Maps("sources").Select(s =>
            {
                s.AllowOnly("file", "section");
                return new SourceDocument(s.String("file", required: true) ?? "", s.String("section", required: true) ?? "");
            }).ToList(),
            NotModelled = map.Strings("not_modelled"),
            OutcomeLabels = OutcomeLabels(map),
            Mark = map.Mark,
        };
    }

    // outcome code → Japanese name; an unknown code is an error naming its line.
    private static Dictionary<Outcome, string> OutcomeLabels(YamlMap version)
    {
        var labels = new Dictionary<Outcome, string>();
        if (version.Map("outcome_labels") is not { } map)
        {
            return labels;
        }
        foreach (var code in map.Keys)
        {
            if (!Outcomes.TryParse(code, out var outcome))
            {
                map.Error(code, $"結論のコード「{code}」はありません（使えるコード: {string.Join(", ", System.Enum.GetValues<Outcome>().Select(o => o.Code()))}）。");
            }
            else if (map.String(code, required: true) is { } label)
            {
                labels[outcome] = label;
            }
        }
        return labels;
    }

    private static FactDefinition? ReadFact(YamlMap map)
    {
        map.AllowOnly("name", "type", "source", "scope", "label", "question", "help", "values", "derived_from", "follows", "field", "items");
        var type = Enum(map, "type", new Dictionary<string, FactType>
        {
            ["bool"] = FactType.Bool, ["enum"] = FactType.Enum, ["number"] = FactType.Number,
            ["text"] = FactType.Text, ["set"] = FactType.Set,
        });
        var source = Enum(map, "source", new Dictionary<string, FactSource> { ["intake"] = FactSource.Intake, ["derived"] = FactSource.Derived });
        var scope = map.Has("scope")
            ? Enum(map, "scope", new Dictionary<string, FactScope> { ["item"] = FactScope.Item, ["task"] = FactScope.Task })
            : FactScope.Item;
        var values = map.Maps("values").Select(v =>
        {
            v.AllowOnly("value", "label");
            return new FactValueDefinition(v.String("value", required: true) ?? "", v.String("label", required: true) ?? "");
        }).ToList();
        if (type is null || source is null || scope is null)
        {
            return null;
        }
        return new FactDefinition
        {
            Name = map.String("name", required: true) ?? "",
            Type = type.Value,
            Source = source.Value,
            Scope = scope.Value,
            Label = map.String("label", required: true) ?? "",
            Question = map.String("question"),
            Help = map.String("help"),
            Values = values,
            DerivedFrom = map.Has("derived_from") ? map.Strings("derived_from") : null,
            Follows = ReadFollows(map.Map("follows")),
            Field = map.String("field"),
            FieldItems = ReadItemKinds(map),
            Mark = map.Mark,
        };
    }

    private static IntakeItemKinds ReadItemKinds(YamlMap map)
    {
        var kinds = map.Has("items") ? default : IntakeItemKinds.Items;
        foreach (var kind in map.Strings("items"))
        {
            kinds |= kind switch
            {
                "use_or_provision" => IntakeItemKinds.UseOrProvision,
                "outsourcing" => IntakeItemKinds.Outsourcing,
                _ => Unknown(kind),
            };
        }
        return kinds;

        IntakeItemKinds Unknown(string kind)
        {
            map.Error("items", $"未知の項目の種類「{kind}」です（use_or_provision または outsourcing）。");
            return default;
        }
    }

    private static RuleDefinition? ReadDerivation(YamlMap map)
    {
        map.AllowOnly("id", "article", "description", "priority", "when", "then", "explain");
        var then = map.Map("then", required: true);
        RuleAction? action = null;
        if (then is not null)
        {
            var keys = then.Keys.ToList();
            if (keys.Count != 1)
            {
                map.Error("then", "then には「事実名: 値」を1つだけ書いてください。");
            }
            else if (then.Node(keys[0]) is YamlScalarNode scalar && !YamlMap.IsNull(scalar))
            {
                action = new AssertFact(keys[0], ConditionReader.Literal(scalar));
            }
            else
            {
                then.Error(keys[0], "導く値を1つ書いてください。");
            }
        }
        return Rule(map, RuleKind.Derivation, action, map.String("explain", required: true));
    }

    private static FollowUp? ReadFollows(YamlMap? map)
    {
        if (map is null)
        {
            return null;
        }
        map.AllowOnly("fact", "eq");
        var fact = map.String("fact", required: true);
        var value = map.Bool("eq");
        if (value is null)
        {
            map.Error("eq", "follows の eq には true か false を書いてください。");
        }
        return fact is null || value is null ? null : new FollowUp(fact, value.Value);
    }

    private static RuleDefinition? ReadOutcome(YamlMap map)
    {
        map.AllowOnly("id", "article", "description", "priority", "when", "outcome", "unless", "explain");
        var code = map.String("outcome", required: true);
        RuleAction? action = null;
        if (code is not null)
        {
            if (Outcomes.TryParse(code, out var outcome) && outcome != Outcome.MoreInformationNeeded)
            {
                action = new ConcludeOutcome(outcome, map.Strings("unless"));
            }
            else
            {
                map.Error("outcome", $"未知の結論です（「{code}」）。使える結論: not_out_of_purpose, based_on_law, consent_or_to_person, covered, needs_review, not_permitted。");
            }
        }
        return Rule(map, RuleKind.Outcome, action, map.String("explain", required: true));
    }

    private static RuleDefinition? ReadFlag(YamlMap map)
    {
        map.AllowOnly("id", "article", "description", "priority", "when", "text");
        var text = map.String("text", required: true);
        return Rule(map, RuleKind.Flag, text is null ? null : new RaiseFlag(text), text);
    }

    private static RuleDefinition? ReadNote(YamlMap map)
    {
        map.AllowOnly("id", "article", "description", "priority", "when", "outcomes", "wording");
        var wording = map.String("wording", required: true);
        var outcomes = new List<Outcome>();
        foreach (var code in map.Strings("outcomes", required: true))
        {
            if (Outcomes.TryParse(code, out var outcome))
            {
                outcomes.Add(outcome);
            }
            else
            {
                map.Error("outcomes", $"未知の結論です（「{code}」）。");
            }
        }
        return Rule(map, RuleKind.Note, wording is null ? null : new BindCondition(wording, outcomes), wording);
    }

    private static RuleDefinition? Rule(YamlMap map, RuleKind kind, RuleAction? action, string? explanation)
    {
        var id = map.String("id", required: true);
        var article = map.String("article", required: true);
        var when = ConditionReader.Read(map, "when");
        var priority = map.Int("priority") ?? RuleDefinition.DefaultPriority;
        if (id is null || article is null || when is null || action is null || explanation is null)
        {
            return null;
        }
        return new RuleDefinition
        {
            Id = id,
            Kind = kind,
            Article = article,
            Description = map.String("description"),
            Priority = priority,
            When = when,
            Then = action,
            Explanation = explanation,
            Mark = map.Mark,
        };
    }

    private static TableDefinition? ReadTable(YamlMap map)
    {
        map.AllowOnly("id", "title", "transfer", "scope", "source", "categories");
        var id = map.String("id", required: true);
        var scope = map.Has("scope")
            ? Enum(map, "scope", new Dictionary<string, FactScope> { ["item"] = FactScope.Item, ["task"] = FactScope.Task })
            : FactScope.Item;
        var categories = map.Maps("categories", required: true).Select(c => ReadCategory(c, id ?? "")).ToList();
        if (id is null || scope is null || categories.Any(c => c is null))
        {
            return null;
        }
        return new TableDefinition
        {
            Id = id,
            Title = map.String("title", required: true) ?? "",
            Transfer = map.String("transfer", required: true) ?? "",
            Scope = scope.Value,
            Source = map.String("source"),
            Categories = categories!,
            Mark = map.Mark,
        };
    }

    private static CategoryDefinition? ReadCategory(YamlMap map, string table)
    {
        map.AllowOnly("id", "no", "wording", "basis", "priority", "when", "precedents", "note");
        var id = map.String("id", required: true);
        var no = map.Int("no", required: true);
        var wording = map.String("wording", required: true);
        var when = ConditionReader.Read(map, "when");
        if (id is null || no is null || wording is null || when is null)
        {
            return null;
        }
        return new CategoryDefinition
        {
            Id = id,
            Table = table,
            No = no.Value,
            Wording = wording,
            Basis = map.Strings("basis", required: true),
            Priority = map.Int("priority") ?? 0,
            When = when,
            Precedents = map.Strings("precedents"),
            Note = map.String("note"),
            Mark = map.Mark,
        };
    }

    private static OrganDefinition? ReadOrgan(YamlMap map)
    {
        map.AllowOnly("id", "name", "kind", "departments", "not_screened_as_holder", "note");
        var kind = Enum(map, "kind", new Dictionary<string, OrganKind>
        {
            ["administrative_organ"] = OrganKind.AdministrativeOrgan, ["council"] = OrganKind.Council,
        });
        var departments = map.Maps("departments").Select(d =>
        {
            d.AllowOnly("name", "aliases", "sections", "sources", "note");
            return new DepartmentDefinition
            {
                Name = d.String("name", required: true) ?? "",
                Aliases = d.Strings("aliases"),
                Sections = d.Maps("sections").Select(s =>
                {
                    s.AllowOnly("name", "aliases", "sources", "note");
                    return new SectionDefinition { Name = s.String("name", required: true) ?? "", Aliases = s.Strings("aliases"), Mark = s.Mark };
                }).ToList(),
                Mark = d.Mark,
            };
        }).ToList();
        var id = map.String("id", required: true);
        if (id is null || kind is null)
        {
            return null;
        }
        return new OrganDefinition
        {
            Id = id,
            Name = map.String("name", required: true) ?? "",
            Kind = kind.Value,
            Departments = departments,
            NotScreenedAsHolder = map.String("not_screened_as_holder"),
            Mark = map.Mark,
        };
    }

    private static FileDefinition? ReadFile(YamlMap map)
    {
        map.AllowOnly("name", "aliases", "holder", "special_care", "special_care_basis", "my_number", "restricted_by", "subjects", "sources", "note");
        var name = map.String("name", required: true);
        var holder = map.String("holder", required: true);
        if (name is null || holder is null)
        {
            return null;
        }
        return new FileDefinition
        {
            Name = name,
            Aliases = map.Strings("aliases"),
            Holder = holder,
            SpecialCare = map.Bool("special_care"),
            SpecialCareBasis = map.String("special_care_basis"),
            MyNumber = map.Bool("my_number"),
            RestrictedBy = map.Strings("restricted_by"),
            Subjects = map.Strings("subjects"),
            Sources = map.Strings("sources"),
            Note = map.String("note"),
            Mark = map.Mark,
        };
    }

    private static T? Enum<T>(YamlMap map, string key, Dictionary<string, T> values) where T : struct
    {
        var text = map.String(key, required: true);
        if (text is null)
        {
            return null;
        }
        if (values.TryGetValue(text, out var value))
        {
            return value;
        }
        map.Error(key, $"「{text}」は使えません（使える値: {string.Join(", ", values.Keys)}）。");
        return null;
    }
}
