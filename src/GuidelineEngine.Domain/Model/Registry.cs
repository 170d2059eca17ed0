namespace GuidelineEngine.Domain.Model;

/// <summary>The kind of an organ of the ward.</summary>
public enum OrganKind
{
    /// <summary>An administrative organ under the Act (行政機関等): 区長, 教育委員会, 選挙管理委員会, 監査委員, 農業委員会.</summary>
    AdministrativeOrgan,
    /// <summary>The ward council (議会): outside 行政機関等, but an organ of the local government.</summary>
    Council,
}

/// <summary>An organ of the ward (行政機関) with its departments and sections.</summary>
public sealed record OrganDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required OrganKind Kind { get; init; }
    public required IReadOnlyList<DepartmentDefinition> Departments { get; init; }

    /// <summary>
    /// Why this version does not screen a use or provision of a file the organ holds (the council under the Act), or null.
    /// A version fact, not a kind's: under the old ordinance the council was one of the 実施機関.
    /// </summary>
    public string? NotScreenedAsHolder { get; init; }

    public SourceMark? Mark { get; init; }
}

/// <summary>A department (部) and its sections (課).</summary>
public sealed record DepartmentDefinition
{
    public required string Name { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<SectionDefinition> Sections { get; init; } = [];
    public SourceMark? Mark { get; init; }
}

/// <summary>A section (課・所) of a department.</summary>
public sealed record SectionDefinition
{
    public required string Name { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public SourceMark? Mark { get; init; }
}

/// <summary>A personal-information file (個人情報ファイル) named in the sources.</summary>
public sealed record FileDefinition
{
    public required string Name { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The holding department or section (保有課).</summary>
    public required string Holder { get; init; }

    /// <summary>Holds special-care personal information (要配慮個人情報, 法2条3項); null where the sources do not say.</summary>
    public bool? SpecialCare { get; init; }
    public string? SpecialCareBasis { get; init; }

    /// <summary>Holds the My Number (特定個人情報); null where the sources do not say.</summary>
    public bool? MyNumber { get; init; }

    /// <summary>Statutes restricting out-of-purpose use or provision (法69条3項), e.g. 地方税法第22条.</summary>
    public IReadOnlyList<string> RestrictedBy { get; init; } = [];

    /// <summary>Kinds of persons recorded that bring a flag: children, dv_or_abuse_victims.</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];

    public IReadOnlyList<string> Sources { get; init; } = [];
    public string? Note { get; init; }
    public SourceMark? Mark { get; init; }
}
