using FsCheck;
using FsCheck.Fluent;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Properties.Tests;

/// <summary>
/// Generates valid case intakes for one rule-set version from that version's own fact catalogue (the values of
/// purpose.kind, recipient.kind, frequency, contractor.kind, task.kind, task.place), its organ registry (departments and
/// sections, with aliases) and its file registry, as <c>bench/…/CaseGenerator.cs</c> does with <see cref="System.Random"/>.
/// Each case draws how much it leaves unknown (0, 10 or 30 % of its booleans and kinds), so fully known cases reach
/// every outcome and partly known ones the questions. Follow-up fields only appear with their trigger: a statute's name
/// with <c>statute.applies: true</c>, another law's name with <c>other_law_restriction.applies: true</c>, an approval
/// with <c>subcontracting: true</c>.
/// </summary>
internal sealed class IntakeGenerator
{
    private static readonly string[] PlainDataItems = ["氏名", "住所", "生年月日", "性別", "電話番号", "世帯構成", "保護の開始・廃止日", "児童の氏名", "所得額"];
    private static readonly string[] MyNumberDataItems = ["個人番号", "マイナンバー", "個人番号（マイナンバー）"];
    private static readonly string[] Statutes = ["生活保護法第29条", "児童福祉法第25条の3", "災害対策基本法第49条の11"];
    private static readonly string[] RestrictingLaws = ["地方税法第22条", "住民基本台帳法第11条の2"];

    private readonly RuleSetDefinition _rules;
    private readonly FreeText _text;
    private readonly string[] _purposeKinds, _recipientKinds, _frequencies, _contractorKinds, _taskKinds, _taskPlaces;
    private readonly string[] _sections, _holders, _files, _categories, _statuteKinds, _derivedDomestic;
    private readonly DateOnly _from, _to;

    public IntakeGenerator(RuleSetDefinition rules, FreeText text)
    {
        _rules = rules;
        _text = text;
        string[] Values(string fact) => rules.Fact(fact)?.Values.Select(v => v.Value).ToArray()
            ?? throw new InvalidOperationException($"{rules.Version.Id} declares no fact {fact}");
        _purposeKinds = Values("purpose.kind");
        _recipientKinds = Values("recipient.kind");
        _frequencies = Values("frequency");
        _contractorKinds = Values("contractor.kind");
        _taskKinds = Values("task.kind");
        _taskPlaces = Values("task.place");
        // Only the guideline regime distinguishes a statute from an ordinance (法61条1項's parenthesis).
        _statuteKinds = rules.Fact("statute.kind")?.Values.Select(v => v.Value).ToArray() ?? [];
        // Recipients the version derives to be in Japan: saying one is abroad is a contradiction the intake refuses.
        _derivedDomestic = [.. rules.Rules
            .Where(r => r.Then is AssertFact { Fact: "recipient.outside_japan" })
            .SelectMany(r => r.When is FactTest { Operator: Comparison.In, Operand: IEnumerable<string> kinds } ? kinds : [])];
        // Departments, and departments followed by a section, under every name the registry knows (aliases too);
        // a space between them, as staff sometimes write it, is matched all the same (NameKey).
        _sections = rules.Organs.Organs
            .SelectMany(o => o.Departments)
            .SelectMany(d => d.Aliases.Prepend(d.Name).SelectMany(dn => d.Sections
                .SelectMany(s => s.Aliases.Prepend(s.Name))
                .SelectMany(sn => new[] { dn + sn, dn + " " + sn })
                .Prepend(dn)))
            .Distinct()
            .ToArray();
        // A holder the version does not screen (the council under the Act) is refused by the intake checks.
        _holders = _sections.Where(s => rules.Organs.Find(s)?.Organ.NotScreenedAsHolder is null).ToArray();
        _files = rules.Files.Files.SelectMany(f => f.Aliases.Prepend(f.Name)).ToArray();
        _categories = rules.Categories.Select(c => c.Id).ToArray();
        // pre-2023 has no start in the sources: cases from FY2005 on stand for it.
        _from = rules.Version.EffectiveFrom ?? new DateOnly(2005, 4, 1);
        _to = rules.Version.EffectiveTo ?? new DateOnly(2027, 3, 31);
    }

    public Gen<CaseIntake> Intake =>
        from unknown in Gen.Elements(0, 10, 30)
        from named in Chance(30)
        from date in Gen.Choose(0, _to.DayNumber - _from.DayNumber).Select(d => (DateOnly?)_from.AddDays(d))
        from dateLeftOut in Chance(named ? 20 : 0)
        from proposing in Gen.Elements(_sections)
        from id in _text.Optional()
        from title in _text.Optional()
        from count in Gen.Choose(1, 3)
        from items in Gen.Frequency((3, UseItem(proposing, unknown)), (2, OutsourcingItem(unknown))).ListOf(count)
        from ids in ItemId.ListOf(count)
        select new CaseIntake
        {
            Id = id,
            Date = dateLeftOut ? null : date,
            ProposingSection = proposing,
            Title = title,
            RulesVersion = named ? _rules.Version.Id : null,
            Items = Identify(items, ids),
        };

    // Some items carry an id, some not. An item without one goes by its place (1, 2, …), and the intake checks refuse two
    // items going by one id, so a written id that collides is dropped (until none does).
    private Gen<string?> ItemId => Gen.Frequency(
        (4, Gen.Constant<string?>(null)),
        (2, Gen.Elements<string?>("1", "2", "3", "A", "①")),
        (4, _text.NonBlank.Select(s => (string?)s)));

    private static List<IntakeItem> Identify(IEnumerable<IntakeItem> items, IReadOnlyList<string?> ids)
    {
        var identified = items.Select((item, i) => item with { Id = ids[i] }).ToList();
        while (true)
        {
            var goesBy = identified.Select((item, i) => item.Id ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var clash = identified.FindIndex(item => item.Id is { } id && goesBy.Count(g => g == id) > 1);
            if (clash < 0)
            {
                return identified;
            }
            identified[clash] = identified[clash] with { Id = null };
        }
    }

    private Gen<IntakeItem> UseItem(string proposing, int unknown) =>
        from file in FileName
        from holding in Gen.Elements(_holders).Select(s => (string?)s)
        from holdingGiven in Chance(25)
        from recipient in Recipient(proposing, unknown)
        from data in DataItems(unknown)
        from purpose in _text.NonBlank
        from purposeKind in Kind(_purposeKinds, unknown)
        from within in Flag(unknown, 10)
        from frequency in Kind(_frequencies, unknown)
        from persons in Persons(unknown)
        from statute in Law(unknown, applies: 15, Gen.Elements(Statutes), withKind: true)
        from consent in Flag(unknown, 10)
        from foreignConsent in consent == true ? Flag(unknown, 50) : Gen.Constant<bool?>(null)
        from specialCare in Flag(unknown + 20, 30)
        from requested in Flag(unknown, 50)
        from unable in Flag(unknown, 20)
        from risk in Flag(unknown, 5)
        from otherLaw in Law(unknown, applies: 5, Gen.Elements(RestrictingLaws))
        from children in Flag(unknown, 30)
        from victims in Flag(unknown, 10)
        from claimed in Claims
        select (IntakeItem)new UseOrProvisionItem
        {
            File = file,
            // A file the registry does not know may come without its holder: the holder is then a question.
            HoldingSection = holdingGiven ? holding : null,
            Recipient = recipient,
            DataItems = data.Items,
            IncludesMyNumber = data.MyNumber,
            Purpose = purpose,
            PurposeKind = purposeKind,
            WithinRegisteredPurpose = within,
            Frequency = frequency,
            Persons = persons,
            Statute = statute,
            Consent = consent,
            ConsentToForeignProvision = foreignConsent,
            IncludesSpecialCare = specialCare,
            RequestedByRecipient = requested,
            PersonUnableToExpressWill = unable,
            RightsInfringementRisk = risk,
            OtherLawRestriction = otherLaw,
            ConcernsChildren = children,
            ConcernsDvOrAbuseVictims = victims,
            ClaimedCategories = claimed,
        };

    private Gen<IntakeItem> OutsourcingItem(int unknown) =>
        from files in Gen.Choose(1, 2).SelectMany(n => FileName.ListOf(n))
        from contractor in Kind(_contractorKinds, unknown)
        from tasks in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Constant(1)), (3, Gen.Constant(2)), (2, Gen.Constant(3)))
            .SelectMany(n => Task(unknown).ListOf(n))
        from subcontracting in Flag(unknown, 30)
        from approved in subcontracting == true ? Flag(unknown, 70) : Gen.Constant<bool?>(null)
        from outside in Flag(unknown, 3)
        from clauses in Flag(unknown, 90)
        from data in DataItems(unknown)
        from persons in Persons(unknown)
        from children in Flag(unknown, 30)
        from victims in Flag(unknown, 10)
        from claimed in Claims
        select (IntakeItem)new OutsourcingItem
        {
            Files = files,
            ContractorKind = contractor,
            Tasks = tasks,
            Subcontracting = subcontracting,
            SubcontractingApproved = approved,
            OutsideJapan = outside,
            StandardClauses = clauses,
            DataItems = data.Items,
            IncludesMyNumber = data.MyNumber,
            Persons = persons,
            ConcernsChildren = children,
            ConcernsDvOrAbuseVictims = victims,
            ClaimedCategories = claimed,
        };

    private Gen<OutsourcingTask> Task(int unknown) =>
        from kind in Kind(_taskKinds, unknown)
        from description in _text.NonBlank
        from place in Kind(_taskPlaces, unknown)
        from qualified in Flag(unknown, 50)
        select new OutsourcingTask { Kind = kind, Description = description, Place = place, ByQualifiedProfessionals = qualified };

    /// <summary>Starts the name of a file no registry lists (none of theirs starts so).</summary>
    public const string UnregisteredPrefix = "未登録の";

    /// <summary>A registered file under one of its names, or now and then one the registry does not know.</summary>
    private Gen<string> FileName => Gen.Frequency(
        (17, Gen.Elements(_files)),
        (3, _text.Any.Select(s => $"{UnregisteredPrefix}{s}ファイル")));

    /// <summary>A section of the ward (often the proposing one), an outside body, or a ward organ whose section is not named.</summary>
    private Gen<Recipient> Recipient(string proposing, int unknown) => Gen.Frequency(
        (9, from own in Chance(30)
            from section in own ? Gen.Constant(proposing) : Gen.Elements(_sections)
            from kind in Gen.Frequency((8, Gen.Constant<string?>(null)), (1, Gen.Constant<string?>("ward_organ")), (1, Gen.Constant<string?>("ward_council")))
            select new Recipient { Section = section, Kind = kind }),
        (9, from kind in Gen.Elements(_recipientKinds)
            from name in _text.Optional()
            from outside in Flag(unknown, 5)
            select new Recipient { Kind = kind, Name = name, OutsideJapan = _derivedDomestic.Contains(kind) ? null : outside }),
        (1, Gen.Constant(new Recipient { Kind = "ward_organ" })));

    /// <summary>Data items, now and then naming the My Number; includes_my_number never says "no" beside such an item (the intake refuses that).</summary>
    private Gen<(IReadOnlyList<string> Items, bool? MyNumber)> DataItems(int unknown) =>
        from plain in Gen.Frequency((3, Gen.Elements(PlainDataItems)), (1, _text.NonBlank))
            .Where(d => !MyNumberDataItems.Any(w => d.Contains(w, StringComparison.Ordinal)))
            .ListOf()
            .Select(l => l.Take(5).ToList())
        from myNumber in Chance(5)
        from word in Gen.Elements(MyNumberDataItems)
        from stated in myNumber ? Gen.Elements<bool?>(true, null) : Flag(unknown, 5)
        select ((IReadOnlyList<string>)(myNumber ? [.. plain, word] : plain), stated);

    private static Gen<int?> Persons(int unknown) =>
        from left in Chance(unknown)
        from n in Gen.Frequency((4, Gen.Choose(0, 1000)), (1, Gen.Choose(1001, 200_000)))
        select left ? null : (int?)n;

    /// <summary>A law said to apply or not; its name (left out, blank or written) and, for a basis, its kind only when it applies.</summary>
    private Gen<LawReference?> Law(int unknown, int applies, Gen<string> names, bool withKind = false) =>
        from leftOut in Chance(unknown)
        from stated in Flag(unknown, applies)
        from name in Gen.Frequency((1, Gen.Constant<string?>(null)), (4, names.Select(n => (string?)n)), (2, _text.Any.Select(n => (string?)n)))
        from kind in !withKind || _statuteKinds.Length == 0 ? Gen.Constant<string?>(null) : Kind(_statuteKinds, unknown + 10)
        select leftOut ? null : new LawReference { Applies = stated, Kind = stated == true ? kind : null, Name = stated == true ? name : null };

    private Gen<IReadOnlyList<string>> Claims => Gen.Frequency(
        (6, Gen.Constant<IReadOnlyList<string>>([])),
        (1, Gen.Choose(1, 2).SelectMany(n => Gen.Elements(_categories).ListOf(n)).Select(l => (IReadOnlyList<string>)l.Distinct().ToList())));

    private static Gen<bool> Chance(int percent) => Gen.Choose(0, 99).Select(r => r < percent);

    private static Gen<bool?> Flag(int unknownPercent, int truePercent) =>
        from left in Chance(unknownPercent)
        from value in Chance(truePercent)
        select left ? null : (bool?)value;

    private static Gen<string?> Kind(string[] values, int unknownPercent) =>
        from left in Chance(unknownPercent)
        from value in Gen.Elements(values)
        select left ? null : value;
}
