namespace GuidelineEngine.Domain.Intake;

/// <summary>
/// A case intake (協議の申出内容): what a department knows about its proposal, without knowing the guideline.
/// A value left out is unknown, never false.
/// </summary>
public sealed record CaseIntake
{
    /// <summary>Case id chosen by the department or the casebook (optional).</summary>
    public string? Id { get; init; }

    /// <summary>The date the proposal is judged on; selects the rule-set version in force.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The proposing department or section (協議する部課), e.g. 教育振興部学務課.</summary>
    public string? ProposingSection { get; init; }

    /// <summary>Name of the work (利用業務・委託業務), as the department writes it.</summary>
    public string? Title { get; init; }

    /// <summary>A rule-set version named explicitly (overrides selection by date).</summary>
    public string? RulesVersion { get; init; }

    public IReadOnlyList<IntakeItem> Items { get; init; } = [];

    /// <summary>The id an item goes by: its own, or else its place in the list (1, 2, …).</summary>
    public string ItemId(int index) => Items[index].Id ?? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One item of a case: a use or provision of one file, or one outsourcing.</summary>
public abstract record IntakeItem
{
    /// <summary>Item id, unique within the case (defaults to its position).</summary>
    public string? Id { get; init; }

    /// <summary>Data items handled (記録項目), e.g. 氏名, 住所, 個人番号.</summary>
    public IReadOnlyList<string> DataItems { get; init; } = [];

    /// <summary>Whether the items include the My Number (特定個人情報). Derived from the file registry and data items when left out.</summary>
    public bool? IncludesMyNumber { get; init; }

    /// <summary>Whether the items include special-care personal information (要配慮個人情報, 法2条3項), as the department knows it.</summary>
    public bool? IncludesSpecialCare { get; init; }

    /// <summary>Number of persons whose information is handled (本人の数).</summary>
    public int? Persons { get; init; }

    /// <summary>Whether the persons include children (児童・生徒・乳幼児).</summary>
    public bool? ConcernsChildren { get; init; }

    /// <summary>Whether the persons include DV or abuse victims (DV・虐待の被害者).</summary>
    public bool? ConcernsDvOrAbuseVictims { get; init; }

    /// <summary>A guideline category the department believes applies (e.g. 別表2-8); the engine confirms or rejects it.</summary>
    public IReadOnlyList<string> ClaimedCategories { get; init; } = [];

    /// <summary>Answers to the fields a fact catalogue declares and this model has no property for (<see cref="IntakeFields"/>).</summary>
    // Kept null when empty, so items compare equal however they were made (a serializer may also give null for none).
    public IntakeAnswers Answers { get => field ?? IntakeAnswers.Empty; init => field = value is { Count: > 0 } ? value : null; }
}

/// <summary>
/// Use (利用) or provision (提供) of a held file for a purpose other than its registered one.
/// Whether it is a use or a provision follows from the organs of holder and recipient, not from this record.
/// </summary>
public sealed record UseOrProvisionItem : IntakeItem
{
    /// <summary>The personal-information file (個人情報ファイル) used or provided.</summary>
    public string? File { get; init; }

    /// <summary>The section holding the file (保有課); taken from the file registry when left out.</summary>
    public string? HoldingSection { get; init; }

    /// <summary>Who will use or receive the information.</summary>
    public Recipient? Recipient { get; init; }

    /// <summary>The purpose in the department's own words (利用業務・目的).</summary>
    public string? Purpose { get; init; }

    /// <summary>The kind of purpose in plain terms (see the fact catalogue, <c>purpose.kind</c>).</summary>
    public string? PurposeKind { get; init; }

    /// <summary>Whether the purpose is within the file's registered purpose (利用目的の範囲内).</summary>
    public bool? WithinRegisteredPurpose { get; init; }

    /// <summary>One-off (臨時的) or continuing (恒常的).</summary>
    public string? Frequency { get; init; }

    /// <summary>A statute or ordinance providing for the use or provision (法令に基づく場合).</summary>
    public LawReference? Statute { get; init; }

    /// <summary>Whether the person consented (本人の同意).</summary>
    public bool? Consent { get; init; }

    /// <summary>
    /// Whether the consent is consent to provision to a third party in a foreign country (外国にある第三者への提供を認める旨の
    /// 本人の同意, 法71条1項); only meaningful with <see cref="Consent"/> and a recipient outside Japan.
    /// </summary>
    public bool? ConsentToForeignProvision { get; init; }

    /// <summary>Whether the recipient asked for the information (求めに応じて).</summary>
    public bool? RequestedByRecipient { get; init; }

    /// <summary>Whether the person cannot express their will (意思表示が困難).</summary>
    public bool? PersonUnableToExpressWill { get; init; }

    /// <summary>Whether the use or provision risks unjustly infringing the rights of the person or a third party (法69条2項ただし書).</summary>
    public bool? RightsInfringementRisk { get; init; }

    /// <summary>Another law restricting this use or provision (法69条3項), as the department knows it.</summary>
    public LawReference? OtherLawRestriction { get; init; }
}

/// <summary>The user or recipient of the information.</summary>
public sealed record Recipient
{
    /// <summary>A section of the ward (区の部課), when the recipient is inside the ward.</summary>
    public string? Section { get; init; }

    /// <summary>The kind of outside body (see the fact catalogue, <c>recipient.kind</c>).</summary>
    public string? Kind { get; init; }

    /// <summary>The outside body's name, as written.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the recipient is outside Japan (外国にある第三者, 法71条).</summary>
    public bool? OutsideJapan { get; init; }
}

/// <summary>A statute or ordinance said to apply (to provide for, or to restrict, the use or provision).</summary>
public sealed record LawReference
{
    /// <summary>Whether such a law applies; unknown when left out.</summary>
    public bool? Applies { get; init; }

    /// <summary>
    /// For a provision that provides for the use: a national law or order (national_law), an ordinance (ordinance) or another
    /// rule (other). Only the first is a 法令 of 法69条1項 (法61条1項's parenthesis adds 条例 only for 69条2項2号・3号 and others).
    /// </summary>
    public string? Kind { get; init; }

    /// <summary>The statute and article, e.g. 生活保護法第29条.</summary>
    public string? Name { get; init; }
}

/// <summary>Outsourcing (委託) of work that handles personal information (法66条2項).</summary>
public sealed record OutsourcingItem : IntakeItem
{
    /// <summary>The files handled by the contractor.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The kind of contractor (see the fact catalogue, <c>contractor.kind</c>).</summary>
    public string? ContractorKind { get; init; }

    /// <summary>The tasks handed to the contractor; each must fall under a 別表3 category.</summary>
    public IReadOnlyList<OutsourcingTask> Tasks { get; init; } = [];

    /// <summary>Whether the contractor subcontracts (再委託).</summary>
    public bool? Subcontracting { get; init; }

    /// <summary>Whether the ward approved the subcontracting in advance.</summary>
    public bool? SubcontractingApproved { get; init; }

    /// <summary>Whether the information is handled outside Japan.</summary>
    public bool? OutsideJapan { get; init; }

    /// <summary>Whether the contract carries the standard clauses (情報の保護および管理に関する特記事項).</summary>
    public bool? StandardClauses { get; init; }
}

/// <summary>One task of an outsourcing, in plain terms.</summary>
public sealed record OutsourcingTask
{
    /// <summary>The task kind (see the fact catalogue, <c>task.kind</c>).</summary>
    public string? Kind { get; init; }

    /// <summary>The task as the department wrote it (委託内容).</summary>
    public string? Description { get; init; }

    /// <summary>Where the work is done (see <c>task.place</c>).</summary>
    public string? Place { get; init; }

    /// <summary>Whether qualified professionals (有資格者) do the work.</summary>
    public bool? ByQualifiedProfessionals { get; init; }

    /// <summary>Answers to the task fields a fact catalogue declares and this model has no property for (<see cref="IntakeFields"/>).</summary>
    public IntakeAnswers Answers { get => field ?? IntakeAnswers.Empty; init => field = value is { Count: > 0 } ? value : null; }
}
