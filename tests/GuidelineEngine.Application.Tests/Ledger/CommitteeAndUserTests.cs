using System.Text.Json;
using GuidelineEngine.Records.Chain;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Application.Users;

namespace GuidelineEngine.Application.Tests.Ledger;

/// <summary>The committee's result as a closed set (old free text still read), the user of each entry, and the store's users.</summary>
public sealed class CommitteeAndUserTests : IDisposable
{
    private readonly LedgerFixture _fixture = new();

    private ConsultationLedger Ledger => _fixture.Ledger;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void RecordCommittee_ApprovedWithConditions_StoresTheCodeAndReadsTheJapaneseLabel()
    {
        // Arrange
        var id = Referred();

        // Act
        var record = Ledger.RecordCommittee(id, CommitteeResult.ApprovedWithConditions, "  保存期間を3年とする条件で承認  ", "koukai（総務部情報公開課）");

        // Assert
        using var payload = JsonDocument.Parse(record.Entries[^1].Payload);
        payload.RootElement.GetProperty("result").GetString().Should().Be("approved_with_conditions");
        payload.RootElement.GetProperty("reason").GetString().Should().Be("保存期間を3年とする条件で承認");
        record.Committee!.Result.Should().Be(CommitteeResult.ApprovedWithConditions);
        record.Committee.Label.Should().Be("条件付き承認");
        record.Committee.Actor.Should().Be("koukai（総務部情報公開課）");
    }

    [Fact]
    public void RecordCommittee_WithoutReason_IsRefusedAndWritesNothing()
    {
        // Arrange
        var id = Referred();

        // Act
        var act = () => Ledger.RecordCommittee(id, CommitteeResult.Rejected, " ", "情報公開課");

        // Assert
        act.Should().Throw<LifecycleException>().WithMessage("*理由*");
        Ledger.Get(id).Entries.Should().HaveCount(3);
    }

    [Theory]
    [InlineData("承認", CommitteeResult.Approved, "承認")]
    [InlineData("rejected", CommitteeResult.Rejected, "不承認")]
    [InlineData("原案のとおり了承", null, "原案のとおり了承")]
    public void OldFreeTextCommitteeEntry_ReadsMappedOrAsWrittenAndTheChainVerifies(string written, CommitteeResult? expected, string label)
    {
        // Arrange: an entry as the ledger wrote it before the closed set, with the result as free text.
        var id = Referred();
        _fixture.Store.Append(new PendingEntry(id, null, EntryKind.CommitteeDecided, "情報公開課",
            JsonSerializer.Serialize(new { result = written, reason = "委員会の意見" }), DateTimeOffset.UtcNow, 3));

        // Act
        var committee = Ledger.Get(id).Committee!;

        // Assert
        committee.Recorded.Should().Be(written);
        committee.Result.Should().Be(expected);
        committee.Label.Should().Be(label);
        ChainVerifier.Verify(_fixture.Store.ReadAll()).Intact.Should().BeTrue();
    }

    [Fact]
    public void Submit_ByAUser_RecordsTheUserAsTheEntrysActorAndKeepsTheSection()
    {
        // Arrange
        var intake = LedgerFixture.Example("fy2023-school-lunch.yaml");

        // Act
        var byUser = Ledger.Submit(intake, "a", "教育振興部学務課", user: "gakumu1（教育振興部学務課）");
        var bySection = Ledger.Submit(intake, "b", "教育振興部学務課");

        // Assert
        byUser.SubmittedBy.Should().Be("gakumu1（教育振興部学務課）");
        byUser.Section.Should().Be("教育振興部学務課");
        bySection.SubmittedBy.Should().Be("教育振興部学務課", "without a user, as before: the section");
        ChainVerifier.Verify(_fixture.Store.ReadAll()).Intact.Should().BeTrue();
    }

    [Fact]
    public void UserAccounts_AddDisableReset_HashesThePasswordAndKeepsTheNameInLowerCase()
    {
        // Arrange
        var accounts = new UserAccounts(_fixture.Store, _fixture.Clock);

        // Act
        var added = accounts.Add("Tanaka", "福祉部生活福祉課", UserAccounts.Department, "long-enough-pw1", "田中");
        var disabled = accounts.Disable("TANAKA");
        var reset = accounts.ResetPassword("tanaka", "another-long-pw2");

        // Assert
        added.Name.Should().Be("tanaka");
        added.PasswordHash.Should().NotContain("long-enough-pw1");
        Passwords.Verify(added.PasswordHash, "long-enough-pw1").Should().BeTrue();
        disabled.Disabled.Should().BeTrue();
        reset.Disabled.Should().BeTrue("a new password does not enable a disabled user");
        Passwords.Verify(accounts.Find("tanaka")!.PasswordHash, "another-long-pw2").Should().BeTrue();
        accounts.List().Should().ContainSingle();
    }

    [Fact]
    public void UserAccounts_ShortPasswordTakenNameUnknownRole_AreRefused()
    {
        // Arrange
        var accounts = new UserAccounts(_fixture.Store, _fixture.Clock);
        accounts.Add("sato", "福祉部生活福祉課", UserAccounts.Department, "long-enough-pw1");

        // Act
        var shortPassword = () => accounts.Add("suzuki", "福祉部生活福祉課", UserAccounts.Department, "elevenchars");
        var taken = () => accounts.Add("SATO", "福祉部生活福祉課", UserAccounts.Department, "long-enough-pw1");
        var role = () => accounts.Add("ito", "福祉部生活福祉課", "admin", "long-enough-pw1");
        var unknown = () => accounts.Disable("nobody");

        // Assert
        shortPassword.Should().Throw<PasswordPolicyException>().WithMessage("*12 文字以上*");
        taken.Should().Throw<UserAccountException>().WithMessage("*すでにあります*");
        role.Should().Throw<UserAccountException>().WithMessage("*admin*");
        unknown.Should().Throw<UserAccountException>().WithMessage("*nobody*");
        accounts.List().Select(u => u.Name).Should().Equal("sato");
    }

    private string Referred()
    {
        var id = Ledger.Submit(LedgerFixture.Example("fy2023-school-lunch.yaml"), "a").Id;
        Ledger.Start(id, "情報公開課");
        Ledger.Decide(id, OfficeResult.Referred, "委員会の意見を聴く", "情報公開課");
        return id;
    }
}
