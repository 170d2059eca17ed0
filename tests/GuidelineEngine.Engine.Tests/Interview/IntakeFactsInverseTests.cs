using GuidelineEngine.Domain.Model;
using GuidelineEngine.Engine.Screening;

namespace GuidelineEngine.Engine.Tests.Interview;

/// <summary>The inverse mapping (fact → intake field) that the interview answers through agrees with the forward one.</summary>
public sealed class IntakeFactsInverseTests
{
    [Fact]
    public void Fields_CoverEveryProvidedFactButTheItemKind()
    {
        // Arrange, Act: 要配慮 is answered by the intake too where the registry does not know the file.
        var unanswered = IntakeFacts.Provided.Except(IntakeFacts.Fields.Keys);

        // Assert
        IntakeFacts.Fields.Keys.Should().BeSubsetOf(IntakeFacts.Provided);
        unanswered.Should().BeEquivalentTo("item.kind");
    }

    [Fact]
    public void With_ThenBuild_GivesTheFactTheValue()
    {
        // Arrange
        var rules = Screener.Select(Intakes.Case(SchoolAidCheck)).Rules;
        var use = new UseOrProvisionItem { File = Ward.SchoolAidFile };
        var outsourcing = Outsourcing(Task("printing_mailing")) with { ContractorKind = null, Subcontracting = true, OutsideJapan = null, StandardClauses = null };

        foreach (var (fact, _) in IntakeFacts.Fields)
        {
            var definition = rules.Layout.Definition(fact);
            object value = definition.Type switch
            {
                FactType.Bool => true,
                FactType.Enum => definition.Values[^1].Value,
                FactType.Number => 42,
                _ when IntakeFacts.SectionFacts.Contains(fact) => Ward.WelfareLivingSection,
                _ => "生活保護法第29条",
            };
            var item = fact.StartsWith("task.", StringComparison.Ordinal) || fact.StartsWith("outsourcing.", StringComparison.Ordinal) || fact == "contractor.kind"
                ? (IntakeItem)outsourcing
                : use with { Statute = new LawReference { Applies = true } };

            // Act
            var (frame, tasks) = IntakeFacts.Build(rules, IntakeFacts.With(item, fact, value, task: 0));

            // Assert
            var slot = rules.Layout[fact].Slot;
            var got = definition.Scope == FactScope.Task ? tasks[0][slot] : frame[slot];
            var expected = IntakeFacts.SectionFacts.Contains(fact) ? rules.Definition.Organs.Find(Ward.WelfareLivingSection)!.Organ.Id
                : value is int i ? (decimal)i
                : value;
            got.Should().Be(expected, fact);
        }
    }

    [Fact]
    public void With_AnswerThatEndsAFollowUp_DropsIt()
    {
        // Arrange
        var use = new UseOrProvisionItem { File = Ward.SchoolAidFile, Statute = new LawReference { Applies = true, Name = "学校給食法第11条" } };
        var outsourcing = Outsourcing() with { Subcontracting = true, SubcontractingApproved = true };

        // Act
        var noStatute = (UseOrProvisionItem)IntakeFacts.With(use, "statute.applies", false);
        var noSubcontracting = (OutsourcingItem)IntakeFacts.With(outsourcing, "outsourcing.subcontracting", false);

        // Assert
        noStatute.Statute.Should().Be(new LawReference { Applies = false });
        noSubcontracting.SubcontractingApproved.Should().BeNull();
        var catalogue = Version(VersionIds.Current);
        catalogue.Fact("statute.name")!.Follows.Should().Be(new Domain.Model.FollowUp("statute.applies", true));
        catalogue.Fact("outsourcing.subcontracting_approved")!.Follows.Should().Be(new Domain.Model.FollowUp("outsourcing.subcontracting", true));
    }

    [Fact]
    public void With_FactOfTheOtherKindOfItem_IsRefusedInJapanese()
    {
        // Act
        var act = () => IntakeFacts.With(Outsourcing(), "consent", true);

        // Assert
        act.Should().Throw<ArgumentException>().WithMessage("事実「consent」に当たる申出の項目は、業務の委託の申出にはありません。*");
    }
}
