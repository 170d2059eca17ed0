using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Benchmarks;

/// <summary>
/// Seeded, reproducible synthetic case intakes for nerima/2023-04: values drawn from the fact catalogue's declared
/// values, sections and files from the registry, some facts left unknown (null).
/// </summary>
public sealed class CaseGenerator
{
    public const string VersionId = "nerima/2023-04";
    private readonly Random _random;
    private readonly string[] _purposeKinds, _recipientKinds, _frequencies, _contractorKinds, _taskKinds, _taskPlaces, _statuteKinds;
    private readonly string[] _sections, _files;
    private int _next;

    public CaseGenerator(int seed, RuleSetDefinition ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        _random = new Random(seed);
        string[] Values(string fact) => ruleSet.Fact(fact)?.Values.Select(v => v.Value).ToArray() ?? [];
        _purposeKinds = Values("purpose.kind");
        _recipientKinds = Values("recipient.kind");
        _frequencies = Values("frequency");
        _contractorKinds = Values("contractor.kind");
        _taskKinds = Values("task.kind");
        _taskPlaces = Values("task.place");
        _statuteKinds = Values("statute.kind");
        _sections = ruleSet.Organs.Organs
            .SelectMany(o => o.Departments)
            .SelectMany(d => d.Sections.Select(s => d.Name + s.Name).Prepend(d.Name))
            .ToArray();
        _files = ruleSet.Files.Files.Select(f => f.Name).ToArray();
    }

    /// <summary>Creates a generator with the catalogue and registry of nerima/2023-04.</summary>
    public CaseGenerator(int seed) : this(seed, RuleSets.Current) { }

    public CaseIntake Next()
    {
        var n = ++_next;
        var proposing = Pick(_sections);
        var count = 1 + _random.Next(3);
        var items = new IntakeItem[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = _random.NextDouble() < 0.7 ? UseItem(proposing) : Outsourcing();
        }
        return new CaseIntake
        {
            Id = $"gen-{n}",
            Date = new DateOnly(2023, 4, 1).AddDays(_random.Next(1000)),
            ProposingSection = proposing,
            Title = "合成事案",
            RulesVersion = VersionId,
            Items = items,
        };
    }

    public IEnumerable<CaseIntake> Take(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    private UseOrProvisionItem UseItem(string proposing)
    {
        // Valid intakes only (CaseIntakeValidator): a file, a recipient (a section, or an outside body's kind).
        var file = _random.NextDouble() < 0.9 ? Pick(_files) : "未登録のファイル";
        var recipient = _random.NextDouble() < 0.5
            ? new Recipient { Section = _random.NextDouble() < 0.3 ? proposing : Pick(_sections) }
            : OutsideBody(Pick(_recipientKinds));
        var myNumberItem = _random.NextDouble() < 0.05;
        var consent = Bool(0.1, 0.08);
        return new UseOrProvisionItem
        {
            File = file,
            HoldingSection = _random.NextDouble() < 0.2 ? Pick(_sections) : null,
            DataItems = myNumberItem ? ["氏名", "個人番号"] : ["氏名", "住所"],
            IncludesMyNumber = myNumberItem ? (_random.NextDouble() < 0.5 ? true : null) : Bool(0.05, 0.1),
            Recipient = recipient,
            Purpose = "目的",
            PurposeKind = Maybe(_purposeKinds, 0.08),
            WithinRegisteredPurpose = Bool(0.1, 0.05),
            Frequency = Maybe(_frequencies, 0.2),
            Persons = _random.NextDouble() < 0.2 ? null : _random.Next(1, 5000),
            Statute = _random.Next(10) switch
            {
                0 => null,
                1 => new LawReference { Applies = true, Kind = Maybe(_statuteKinds, 0.2), Name = "生活保護法第29条" },
                2 => new LawReference { Applies = true, Kind = Maybe(_statuteKinds, 0.5) },
                3 => new LawReference(),
                _ => new LawReference { Applies = false },
            },
            Consent = consent,
            ConsentToForeignProvision = consent == true ? Bool(0.5, 0.3) : null,
            IncludesSpecialCare = Bool(0.3, 0.5),
            RequestedByRecipient = Bool(0.5, 0.15),
            PersonUnableToExpressWill = Bool(0.3, 0.2),
            RightsInfringementRisk = Bool(0.05, 0.08),
            OtherLawRestriction = _random.Next(10) switch
            {
                0 => null,
                1 => new LawReference { Applies = true, Name = "地方税法第22条" },
                2 => new LawReference(),
                _ => new LawReference { Applies = false },
            },
            ConcernsChildren = Bool(0.3, 0.2),
            ConcernsDvOrAbuseVictims = Bool(0.1, 0.2),
        };
    }

    private OutsourcingItem Outsourcing()
    {
        var tasks = _random.NextDouble() < 0.05 ? 0 : 1 + _random.Next(3);
        var subcontracting = Bool(0.3, 0.1);
        return new OutsourcingItem
        {
            Files = _random.NextDouble() < 0.1 ? ["未登録のファイル"] : [Pick(_files)],
            ContractorKind = Maybe(_contractorKinds, 0.1),
            Tasks = Enumerable.Range(0, tasks).Select(_ => new OutsourcingTask
            {
                Kind = Maybe(_taskKinds, 0.05),
                Description = "作業",
                Place = Maybe(_taskPlaces, 0.2),
                ByQualifiedProfessionals = Bool(0.5, 0.15),
            }).ToList(),
            Subcontracting = subcontracting,
            SubcontractingApproved = subcontracting == true ? Bool(0.7, 0.2) : null,
            OutsideJapan = Bool(0.03, 0.08),
            StandardClauses = Bool(0.9, 0.08),
            Persons = _random.NextDouble() < 0.2 ? null : _random.Next(1, 5000),
        };
    }

    // Only a recipient the version does not derive as domestic (申出から導く事実.yaml) can be said to be abroad: a valid intake.
    private Recipient OutsideBody(string kind) => new()
    {
        Kind = kind,
        Name = "相手方",
        OutsideJapan = kind is "private_company" or "relative" or "person_self" or "other" ? Bool(0.1, 0.2) : null,
    };

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    private string? Maybe(string[] values, double unknown) => _random.NextDouble() < unknown ? null : Pick(values);

    private bool? Bool(double pTrue, double pUnknown)
    {
        var r = _random.NextDouble();
        return r < pUnknown ? null : _random.NextDouble() < pTrue;
    }
}
