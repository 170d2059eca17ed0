using GuidelineEngine.Domain.Model;
using GuidelineEngine.Domain.Casebook;
using GuidelineEngine.Domain.Decisions;
using GuidelineEngine.Domain.Intake;
using GuidelineEngine.Application.Precedents;

namespace GuidelineEngine.Application.Tests.Precedents;

/// <summary>
/// 類似事例: the score is 0.4 for a shared file + 0.2 for the same user + 0.1 for the same holder + 0.3 × the Dice
/// coefficient of the purposes' distinct character bigrams, rounded to 3 places; expected values are worked out by hand.
/// </summary>
public sealed class PrecedentIndexTests
{
    private const string File = "就学援助申請者ファイル";
    private const string OtherFile = "住民基本台帳ファイル";
    private const string User = "教育振興部学務課";
    private const string Holder = "教育振興部";

    [Fact]
    public void Find_SameFileAndUserAndHalfTheBigrams_ScoresAndExplainsAsWorkedOut()
    {
        // 児童の把握 {児童, 童の, の把, 把握} and 児童の確認 {児童, 童の, の確, 確認} share 2 of 4 + 4: Dice = 4/8 = 0.5.
        var index = new PrecedentIndex([Past("a.yaml", Use(File, User, "福祉部", "児童の確認"))]);

        var found = index.Find(Query, Use(File, User, Holder, "児童の把握"));

        var precedent = found.Should().ContainSingle().Subject;
        precedent.Score.Should().Be(0.75); // 0.4 + 0.2 + 0.3 × 0.5
        precedent.Reasons.Should().Equal("同じファイル", "同じ利用課・提供先", "目的の類似度 0.50");
        precedent.CaseFile.Should().Be("a.yaml");
        precedent.Source.Should().Be("seed.txt 別紙");
    }

    [Fact]
    public void Find_RepeatedBigrams_CountOnceAndTheRoundedScoreMeetsTheMinimum()
    {
        // ああああい has the distinct bigrams {ああ, あい}; ああ has {ああ}: Dice = 2 × 1 / (2 + 1) = 0.667,
        // score 0.3 × 0.667 = 0.2 after rounding: exactly the minimum, so it is shown.
        var index = new PrecedentIndex([Past("a.yaml", Use(OtherFile, "福祉部生活福祉課", "福祉部", "ああ"))]);

        var precedent = index.Find(Query, Use(File, User, Holder, "ああああい")).Should().ContainSingle().Subject;

        precedent.Score.Should().Be(0.2);
        precedent.Reasons.Should().Equal("目的の類似度 0.67");
    }

    [Fact]
    public void Find_RanksByScoreThenFileThenItem_AndKeepsTheBestThree()
    {
        var index = new PrecedentIndex([
            Past("c.yaml", Use(File, User, Holder, "児童の把握")),           // 0.4 + 0.2 + 0.1 + 0.3 = 1.0
            Past("b.yaml", Use(File, "福祉部生活福祉課", "福祉部", "児童の把握")), // 0.4 + 0.3 = 0.7
            Past("a.yaml", Use(File, "福祉部生活福祉課", "福祉部", "児童の把握"),   // 0.7, item 1 and item 2
                Use(File, "福祉部生活福祉課", "福祉部", "児童の把握")),
        ]);

        var found = index.Find(Query, Use(File, User, Holder, "児童の把握"));

        found.Select(p => (p.CaseFile, p.ItemId, p.Score)).Should().Equal(("c.yaml", "1", 1.0), ("a.yaml", "1", 0.7), ("a.yaml", "2", 0.7));
    }

    [Fact]
    public void Find_LeavesOutTheCaseItselfOtherKindsWeakMatchesAndSyntheticCases()
    {
        var outsourcing = new OutsourcingItem { Files = [File], Tasks = [new OutsourcingTask { Kind = "printing_mailing", Description = "児童の把握" }] };
        var index = new PrecedentIndex([
            Past("self.yaml", Use(File, User, Holder, "児童の把握")) with { Intake = new CaseIntake { Id = Query.Id, Items = [Use(File, User, Holder, "児童の把握")] } },
            Past("outsourcing.yaml", outsourcing),
            Past("weak.yaml", Use(OtherFile, "福祉部生活福祉課", "福祉部", "高齢者の見守り")), // shares nothing: 0
            Past("synthetic.yaml", Use(File, User, Holder, "児童の把握")) with { Synthetic = true },
        ]);

        index.Find(Query, Use(File, User, Holder, "児童の把握")).Should().BeEmpty();
    }

    [Fact]
    public void Find_OnCasesStillBeingRead_WaitsForThemAndFindsTheSame()
    {
        var cases = new List<CasebookCase> { Past("a.yaml", Use(File, User, "福祉部", "児童の確認")) };
        var reading = new TaskCompletionSource<IReadOnlyList<CasebookCase>?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var deferred = new PrecedentIndex(reading.Task);
        // Found first on cases already read, which also runs Find once, so that the thread below blocks only on the cases.
        var expected = new PrecedentIndex(cases).Find(Query, Use(File, User, Holder, "児童の把握"));
        IReadOnlyList<Precedent>? found = null;
        var finder = new Thread(() => found = deferred.Find(Query, Use(File, User, Holder, "児童の把握")));

        // Not a delay (which, on a busy machine, may run out before Find is even called): the cases are given only once
        // Find is seen blocked, waiting for them, or has returned without them (which fails below).
        finder.Start();
        while (finder.IsAlive && (finder.ThreadState & ThreadState.WaitSleepJoin) == 0)
        {
            Thread.Yield();
        }
        var waited = finder.IsAlive;
        reading.SetResult(cases);
        finder.Join();

        waited.Should().BeTrue("Find waits for the cases still being read");
        found.Should().BeEquivalentTo(expected);
        found.Should().ContainSingle().Which.Score.Should().Be(0.75);
    }

    [Fact]
    public void Find_WhenTheCasebookCouldNotBeRead_FindsNothing()
    {
        var index = new PrecedentIndex(System.Threading.Tasks.Task.FromResult<IReadOnlyList<CasebookCase>?>(null));

        index.Find(Query, Use(File, User, Holder, "児童の把握")).Should().BeEmpty();
    }

    private static readonly CaseIntake Query = new() { Id = "query", Items = [] };

    private static UseOrProvisionItem Use(string file, string user, string holder, string purpose) => new()
    {
        File = file,
        Recipient = new Recipient { Section = user },
        HoldingSection = holder,
        Purpose = purpose,
    };

    private static CasebookCase Past(string file, params IntakeItem[] items) => new()
    {
        File = file,
        Group = "nerima/fy2023",
        Intake = new CaseIntake { Id = Path.GetFileNameWithoutExtension(file), Title = "過去の協議", Items = items },
        Source = new CaseSource { File = "seed.txt", Section = "別紙" },
        Expected = [new Expectation { Outcome = Outcome.Covered }],
    };
}
