namespace GuidelineEngine.Engine.Tests;

/// <summary>Names of sections and files as the seeds write them (rules/nerima/2023-04/registry).</summary>
internal static class Ward
{
    // 区長
    public const string WelfareLivingSection = "福祉部生活福祉課";
    public const string WelfareManagementSection = "福祉部管理課";
    public const string HealthConsultationOffice = "健康部保健相談所";
    public const string CouncilSecretariat = "区議会事務局";

    // 教育委員会 (こども家庭部 sits there too: see the note in registry/organs.yaml)
    public const string EducationDepartment = "教育振興部";
    public const string SchoolAffairsSection = "教育振興部学務課";
    public const string ChildFamilySupportCentre = "こども家庭部子ども家庭支援センター";

    // Files and their holders
    public const string SchoolSocialWorkFile = "スクールソーシャルワーク事業ケースファイル";   // 教育振興部学校教育支援センター, 要配慮, children
    public const string SchoolAidFile = "就学援助申請者ファイル";                           // 教育振興部
    public const string PublicAssistanceFile = "生活保護事務（法外援護事務を含む。）ファイル";   // 福祉部総合福祉事務所
    public const string ChildProtectionFile = "要保護児童関連台帳ファイル";                  // こども家庭部子ども家庭支援センター, children, DV/abuse
    public const string NeedyPersonsFile = "生活困窮者自立相談支援事業等の相談者情報ファイル"; // 福祉部生活福祉課
    public const string ElderlySupportFile = "高齢者の支援に関する業務ファイル";              // 高齢施策担当部高齢者支援課
    public const string FamilyRegisterFile = "戸籍事務ファイル";                             // 区民部戸籍住民課, 要配慮 (DV関係、犯罪歴: seed 001)
    public const string EvacuationFile = "避難行動要支援者名簿・個別避難計画ファイル";        // 福祉部管理課
}
