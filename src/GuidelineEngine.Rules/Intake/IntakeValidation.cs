using FluentValidation;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Domain.Model;
using GuidelineEngine.Rules.Yaml;

namespace GuidelineEngine.Rules.Intake;

/// <summary>Field checks of a case intake that need no rule set: required fields, ranges, contradictions.</summary>
public sealed class CaseIntakeValidator : AbstractValidator<CaseIntake>
{
    public CaseIntakeValidator()
    {
        RuleFor(c => c.Date).NotNull().WithMessage("協議の日付（case.date）を書いてください。適用する規則の版を決めます。").When(c => c.RulesVersion is null);
        RuleFor(c => c.ProposingSection).NotEmpty().WithMessage("協議する部課（case.proposing_section）を書いてください。");
        RuleFor(c => c.Items).NotEmpty().WithMessage("申出の項目（items）を1つ以上書いてください。");
        RuleForEach(c => c.Items).SetInheritanceValidator(v =>
        {
            v.Add(new UseOrProvisionValidator());
            v.Add(new OutsourcingValidator());
        });
        // An item without an id goes by its place in the list, so ids written and places taken must not collide either.
        RuleFor(c => c.Items).Must((intake, items) => Enumerable.Range(0, items.Count).Select(intake.ItemId).Distinct(StringComparer.Ordinal).Count() == items.Count)
            .WithMessage("項目の id が重複しています（id のない項目は並び順の番号 1, 2, … で呼びます）。");
    }

    private static void Common<T>(AbstractValidator<T> validator) where T : IntakeItem
    {
        validator.RuleFor(i => i.Persons).GreaterThanOrEqualTo(0).When(i => i.Persons is not null).WithMessage("本人の数は0以上にしてください。");
        validator.RuleFor(i => i.IncludesMyNumber)
            .Must((item, stated) => stated != false || !item.DataItems.Any(d => d.Contains("個人番号") || d.Contains("マイナンバー")))
            .WithMessage("個人番号を含まない（includes_my_number: false）としていますが、data_items に個人番号があります。どちらかを直してください。");
    }

    private sealed class UseOrProvisionValidator : AbstractValidator<UseOrProvisionItem>
    {
        public UseOrProvisionValidator()
        {
            Common(this);
            RuleFor(i => i.File).NotEmpty().WithMessage("利用・提供する個人情報ファイル（file）を書いてください。");
            RuleFor(i => i.Purpose).NotEmpty().WithMessage("利用業務・目的（purpose）を書いてください。");
            RuleFor(i => i.Recipient).NotNull().WithMessage("利用者・提供先（recipient）を書いてください。");
            RuleFor(i => i.Recipient!.Kind).Must(k => k is null or "ward_organ" or "ward_council")
                .When(i => i.Recipient?.Section is not null)
                .WithMessage("recipient には section（区の課）か kind（区の外の相手方）のどちらかを書いてください。");
            RuleFor(i => i.Recipient!.Kind).NotEmpty()
                .When(i => i.Recipient is not null && i.Recipient.Section is null)
                .WithMessage("区の外への提供では、相手方の種類（recipient.kind）を書いてください。");
            RuleFor(i => i.Statute!.Name).Empty()
                .When(i => i.Statute?.Applies == false)
                .WithMessage("法令に基づかない（statute.applies: false）としていますが、法令名が書かれています。どちらかを直してください。");
            RuleFor(i => i.OtherLawRestriction!.Name).Empty()
                .When(i => i.OtherLawRestriction?.Applies == false)
                .WithMessage("他の法令の制限はない（applies: false）としていますが、法令名が書かれています。どちらかを直してください。");
            // One provision cannot both provide for the use and restrict it.
            RuleFor(i => i.OtherLawRestriction!.Name)
                .Must((item, name) => NameKey.Of(name!) != NameKey.Of(item.Statute!.Name!))
                .When(i => i.Statute is { Applies: true, Name.Length: > 0 } && i.OtherLawRestriction is { Applies: true, Name.Length: > 0 })
                .WithMessage(i => $"同じ法令「{YamlMap.Echo(i.Statute!.Name!)}」を、根拠（statute）と制限（other_law_restriction）の両方に挙げています。どちらかを直してください。");
            RuleFor(i => i.Statute!.Kind).Null()
                .When(i => i.Statute?.Applies == false)
                .WithMessage("法令に基づかない（statute.applies: false）としていますが、規定の種類（kind）が書かれています。どちらかを直してください。");
            RuleFor(i => i.ConsentToForeignProvision).NotEqual(true)
                .When(i => i.Consent == false)
                .WithMessage("本人の同意がない（consent: false）としていますが、外国にある第三者への提供についての同意がある（consent_to_foreign_provision: true）としています。どちらかを直してください。");
        }
    }

    private sealed class OutsourcingValidator : AbstractValidator<OutsourcingItem>
    {
        public OutsourcingValidator()
        {
            Common(this);
            RuleFor(i => i.Files).NotEmpty().WithMessage("委託先が取り扱う個人情報ファイル（files）を書いてください。");
            RuleFor(i => i.SubcontractingApproved).Null()
                .When(i => i.Subcontracting == false)
                .WithMessage("再委託しない（subcontracting: false）としていますが、再委託の承認が書かれています。どちらかを直してください。");
            RuleForEach(i => i.Tasks).ChildRules(task =>
                task.RuleFor(t => t.Description).NotEmpty().WithMessage("作業の内容（description）を書いてください。"));
        }
    }
}

/// <summary>
/// Checks an intake against the version that will judge it: departments and sections in its organ
/// registry, values in its fact catalogue, claimed categories in its tables. Returns every error.
/// </summary>
public static class IntakeChecker
{
    // Built once: a validator holds no state once built, and every web request and casebook case is checked.
    private static readonly CaseIntakeValidator Validator = new();

    public static IReadOnlyList<Diagnostic> Check(IntakeDocument document, RuleSetDefinition? ruleSet)
    {
        var errors = new List<Diagnostic>();
        foreach (var failure in Validator.Validate(document.Intake).Errors)
        {
            var path = YamlField.FromMember(failure.PropertyName);
            errors.Add(document.Error(path.StartsWith("items", StringComparison.Ordinal) ? path : $"case.{path}", failure.ErrorMessage));
        }
        if (ruleSet is null)
        {
            return errors;
        }
        void Section(string? name, string path)
        {
            if (name is not null && ruleSet.Organs.Find(name) is null)
            {
                errors.Add(document.Error(path, $"部課「{name}」は規則の版 {ruleSet.Version.Id} の登録簿にありません（部名、または部名に続けて課名を書いてください）。"));
            }
        }
        // Each field answered against the version's declaration: an enum's value is one of its codes; a field only a catalogue
        // declares (IntakeFields) must be declared by this version, which is the one that will read it.
        void Answers(IntakeItem item, object holder, IEnumerable<IntakeField> fields, string path)
        {
            foreach (var field in fields)
            {
                if (field.Get(holder) is not { } value)
                {
                    continue;
                }
                var definition = ruleSet.Fact(field.Fact);
                var at = $"{path}.{field.Key}";
                if (field.IsAnswer && definition?.Field != field.Path)
                {
                    errors.Add(document.Error(at, $"項目「{field.Key}」は規則の版 {ruleSet.Version.Id} にありません（この版の事実のカタログが定めていない項目です）。"));
                }
                // The model's own follow-ups have their own messages above; a declared one is checked from its follows:.
                else if (field.IsAnswer && definition?.Follows is { } follows && IntakeFields.OfFact(follows.Fact) is { } followed
                    && (followed.On == IntakeItemKinds.Task ? holder is OutsourcingTask ? followed.Get(holder) : null
                        : followed.Fits(item) ? followed.Get(item) : null) is bool answer && answer != follows.Value)
                {
                    errors.Add(document.Error(at, $"{ruleSet.Fact(follows.Fact)?.Label ?? follows.Fact}を「{(answer ? "はい" : "いいえ")}」（{followed.Key}: {(answer ? "true" : "false")}）としていますが、{definition.Label}（{field.Key}）が書かれています。どちらかを直してください。"));
                }
                else if (definition is { Type: FactType.Enum } && value is string code && definition.Values.All(v => v.Value != code))
                {
                    errors.Add(document.Error(at, $"{definition.Label}に「{YamlMap.Echo(code)}」は使えません（使える値: {string.Join(", ", definition.Values.Select(v => $"{v.Value}={v.Label}"))}）。"));
                }
            }
        }

        Section(document.Intake.ProposingSection, "case.proposing_section");
        for (var i = 0; i < document.Intake.Items.Count; i++)
        {
            var item = document.Intake.Items[i];
            var path = $"items[{i}]";
            for (var c = 0; c < item.ClaimedCategories.Count; c++)
            {
                if (ruleSet.Category(item.ClaimedCategories[c]) is null)
                {
                    errors.Add(document.Error($"{path}.claimed_categories[{c}]", $"類型「{item.ClaimedCategories[c]}」は規則の版 {ruleSet.Version.Id} にありません。"));
                }
            }
            switch (item)
            {
                case UseOrProvisionItem use:
                    Section(use.HoldingSection, $"{path}.holding_section");
                    // A recipient left out defaults to the proposing section, already checked above.
                    if (document.Wrote($"{path}.recipient.section"))
                    {
                        Section(use.Recipient?.Section, $"{path}.recipient.section");
                    }
                    Answers(use, use, IntakeFields.Of(use), path);
                    OutsideBodyNamedAsSection(use, ruleSet, document, $"{path}.recipient.name", errors);
                    HolderNotScreened(use, ruleSet, document, path, errors);
                    break;
                case OutsourcingItem outsourcing:
                    Answers(outsourcing, outsourcing, IntakeFields.Of(outsourcing), path);
                    for (var t = 0; t < outsourcing.Tasks.Count; t++)
                    {
                        Answers(outsourcing, outsourcing.Tasks[t], IntakeFields.OfTask, $"{path}.tasks[{t}]");
                    }
                    break;
            }
        }
        return errors;
    }

    // A file held by an organ the version does not screen as a holder (the council under the Act: 法2条11項 leaves it out of
    // the 行政機関等, and its own ordinance governs its files) is refused with the registry's reason, not screened.
    private static void HolderNotScreened(UseOrProvisionItem use, RuleSetDefinition ruleSet, IntakeDocument document, string path, List<Diagnostic> errors)
    {
        var (holder, field) = use.HoldingSection is { } written
            ? (written, $"{path}.holding_section")
            : (use.File is null ? null : ruleSet.Files.Find(use.File)?.Holder, $"{path}.file");
        if (holder is not null && ruleSet.Organs.Find(holder) is { Organ.NotScreenedAsHolder: { } reason } placement)
        {
            errors.Add(document.Error(field, $"ファイルを保有するのは{placement.Organ.Name}（{holder}）です。{reason}"));
        }
    }

    // A recipient said to be outside the ward (recipient.kind) but named as a section of the ward is a contradiction; named as
    // the holding section itself, it is no provision at all: the holder using its own file is a use.
    private static void OutsideBodyNamedAsSection(UseOrProvisionItem use, RuleSetDefinition ruleSet, IntakeDocument document, string path, List<Diagnostic> errors)
    {
        if (use.Recipient is not { Name: { } name, Kind: { } kind } || kind is "ward_organ" or "ward_council"
            || ruleSet.Organs.Find(name) is not { } named)
        {
            return;
        }
        var holder = use.HoldingSection ?? (use.File is null ? null : ruleSet.Files.Find(use.File)?.Holder);
        errors.Add(document.Error(path, holder is not null && ruleSet.Organs.Find(holder)?.Name == named.Name
            ? $"提供先（recipient.kind: {kind}）を、このファイルの保有課「{name}」としています。保有課が自ら使うのは提供ではなく利用です。recipient には section: {name} だけを書いてください。"
            : $"区の外の相手方（recipient.kind: {kind}）の名前が、区の部課「{name}」になっています。区の課が使うときは recipient に section: {name} だけを書いてください。"));
    }
}
