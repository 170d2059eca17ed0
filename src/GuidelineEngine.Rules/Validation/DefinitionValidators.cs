using FluentValidation;
using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Rules.Validation;

/// <summary>Field checks of one version's metadata.</summary>
public sealed class RuleSetVersionValidator : AbstractValidator<RuleSetVersion>
{
    public RuleSetVersionValidator()
    {
        RuleFor(v => v.Id).Matches(@"^[a-z0-9-]+/[A-Za-z0-9-]+$").WithMessage("版の id は「法域/版」の形にしてください（例: nerima/2023-04）。");
        RuleFor(v => v.Jurisdiction).NotEmpty();
        RuleFor(v => v.Id).Must((v, id) => id.StartsWith(v.Jurisdiction + "/", StringComparison.Ordinal))
            .WithMessage("版の id は jurisdiction で始めてください。");
        RuleFor(v => v.EffectiveTo).Must((v, to) => to is null || v.EffectiveFrom is null || to >= v.EffectiveFrom)
            .WithMessage("effective_to が effective_from より前です。");
        RuleFor(v => v.Sources).NotEmpty().WithMessage("出典（sources）を1つ以上書いてください。");
    }
}

/// <summary>Field checks of a fact definition.</summary>
public sealed class FactDefinitionValidator : AbstractValidator<FactDefinition>
{
    public FactDefinitionValidator()
    {
        RuleFor(f => f.Name).Matches(@"^[a-z_]+(\.[a-z_]+)*$").WithMessage("事実の名前は英小文字・_・. で書いてください（例: purpose.kind）。");
        RuleFor(f => f.Label).NotEmpty();
        RuleFor(f => f.Values).NotEmpty().When(f => f.Type is FactType.Enum or FactType.Set)
            .WithMessage("enum・set の事実には values を書いてください。");
        RuleFor(f => f.Values).Empty().When(f => f.Type is not (FactType.Enum or FactType.Set))
            .WithMessage("values は enum・set の事実にだけ書けます。");
        RuleFor(f => f.Values).Must(v => v.Select(x => x.Value).Distinct().Count() == v.Count)
            .WithMessage("values に同じ値が重複しています。");
        RuleFor(f => f.Question).NotEmpty().When(f => f.Source == FactSource.Intake)
            .WithMessage("申出から得る事実には、不明なときの質問（question）を書いてください。");
    }
}

/// <summary>Field checks of a rule.</summary>
public sealed class RuleDefinitionValidator : AbstractValidator<RuleDefinition>
{
    public RuleDefinitionValidator()
    {
        RuleFor(r => r.Id).NotEmpty().Must(id => !id.Any(char.IsWhiteSpace)).WithMessage("規則の id に空白は使えません。");
        RuleFor(r => r.Article).NotEmpty().OverridePropertyName("article");
        RuleFor(r => r.Explanation).NotEmpty().OverridePropertyName("explain");
        RuleFor(r => r.Priority).InclusiveBetween(-1000, 1000);
    }
}

/// <summary>Field checks of a guideline table and its categories.</summary>
public sealed class TableDefinitionValidator : AbstractValidator<TableDefinition>
{
    public TableDefinitionValidator()
    {
        RuleFor(t => t.Transfer).Must(t => t is "use" or "provision" or "outsourcing")
            .WithMessage("transfer は use・provision・outsourcing のいずれかにしてください。");
        RuleFor(t => t.Categories).NotEmpty();
        RuleForEach(t => t.Categories).ChildRules(category =>
        {
            category.RuleFor(c => c.Id).Must((c, id) => id == $"{c.Table}-{c.No}")
                .WithMessage(c => $"類型の id は「{c.Table}-{c.No}」にしてください（別表と No から決まる安定した id）。");
            category.RuleFor(c => c.No).GreaterThan(0);
            category.RuleFor(c => c.Wording).NotEmpty();
            category.RuleFor(c => c.Basis).NotEmpty().WithMessage("類型の根拠条項（basis）を書いてください。");
        });
        RuleFor(t => t.Categories).Must(c => c.Select(x => x.No).Distinct().Count() == c.Count)
            .WithMessage("同じ No の類型が重複しています。");
    }
}

/// <summary>Field checks of a file in the registry.</summary>
public sealed class FileDefinitionValidator : AbstractValidator<FileDefinition>
{
    private static readonly string[] KnownSubjects = ["children", "dv_or_abuse_victims"];

    public FileDefinitionValidator()
    {
        RuleFor(f => f.Name).NotEmpty();
        RuleFor(f => f.Holder).NotEmpty();
        RuleForEach(f => f.Subjects).Must(s => KnownSubjects.Contains(s))
            .WithMessage("subjects に使える値は children・dv_or_abuse_victims です。");
        RuleFor(f => f.SpecialCareBasis).NotEmpty().When(f => f.SpecialCare == true)
            .WithMessage("要配慮とする理由（special_care_basis）を書いてください。");
    }
}
