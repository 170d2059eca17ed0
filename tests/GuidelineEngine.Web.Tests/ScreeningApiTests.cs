using GuidelineEngine.Application.Screening;
using GuidelineEngine.Engine.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace GuidelineEngine.Web.Tests;

/// <summary>POST /api/screen and POST /api/interview: decisions as the CLI prints them, intake errors with their field path and line.</summary>
public sealed class ScreeningApiTests(GuidelineWebFactory factory) : IClassFixture<GuidelineWebFactory>
{
    [Fact]
    public async Task Screen_SchoolLunchExample_ReturnsTheDecisionWithVersionHash()
    {
        // Arrange
        using var session = await factory.Session().SignedInAsync(WebSession.Kyoiku);
        var intake = Intakes.CasebookJson("examples/fy2023-school-lunch.yaml");

        // Act
        var response = await session.PostApiAsync("/api/screen", intake, csrf: false);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var decision = await WebSession.JsonAsync(response);
        decision.GetProperty("version_id").GetString().Should().Be("nerima/2023-04");
        decision.GetProperty("version_hash").GetString().Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        decision.GetProperty("outcome").GetString().Should().Be("covered");
        decision.GetProperty("items")[0].GetProperty("primary").GetProperty("category_id").GetString().Should().StartWith("別表");
    }

    [Fact]
    public async Task Screen_AnyIntake_AnswersExactlyWhatJsonReportRenders()
    {
        // Arrange
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var intake = Intakes.Casebook("nerima/fy2024/02-shinshin-chiteki.yaml");
        var expected = JsonReport.Render(factory.Services.GetRequiredService<ConsultationScreening>().Screen(intake));

        // Act
        var response = await session.PostApiAsync("/api/screen", GuidelineEngine.Rules.Intake.IntakeWriter.ToJson(intake), csrf: false);

        // Assert
        (await response.Content.ReadAsStringAsync()).Should().Be(expected);
    }

    [Fact]
    public async Task Screen_Yaml_IsReadLikeAFile()
    {
        // Arrange
        using var session = await factory.Session().SignedInAsync(WebSession.Kyoiku);
        var yaml = await File.ReadAllTextAsync(Path.Combine(TestPaths.Casebook, "examples", "fy2023-school-lunch.yaml"));

        // Act
        var response = await session.PostApiAsync("/api/screen", yaml, csrf: false, contentType: "application/yaml");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await WebSession.JsonAsync(response)).GetProperty("outcome").GetString().Should().Be("covered");
    }

    [Fact]
    public async Task Screen_UnknownRecipientSection_IsProblemDetailsWithFieldPathAndLine()
    {
        // Arrange: line 12 names a section the registry does not know.
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);
        const string intake = """
            {
              "case": {
                "date": "2024-10-01",
                "proposing_section": "福祉部生活福祉課",
                "title": "存在しない課への提供"
              },
              "items": [
                {
                  "kind": "use_or_provision",
                  "file": "生活保護事務（法外援護事務を含む。）ファイル",
                  "recipient": {
                    "section": "架空部存在しない課"
                  },
                  "purpose": "確認のため"
                }
              ]
            }
            """;

        // Act
        var response = await session.PostApiAsync("/api/screen", intake, csrf: false);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebSession.ContentType(response)!.MediaType.Should().Be("application/problem+json");
        var problem = await WebSession.JsonAsync(response);
        problem.GetProperty("status").GetInt32().Should().Be(400);
        var error = problem.GetProperty("errors").EnumerateArray().Should().ContainSingle().Subject;
        error.GetProperty("field").GetString().Should().Be("items[0].recipient.section");
        error.GetProperty("line").GetInt32().Should().Be(12);
        error.GetProperty("message").GetString().Should().Contain("架空部存在しない課");
    }

    [Fact]
    public async Task Screen_UnknownKeyAndBrokenJson_AreProblemDetails()
    {
        // Arrange
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var unknownKey = await session.PostApiAsync("/api/screen", """{ "case": { "date": "2024-10-01", "colour": "red" }, "items": [] }""", csrf: false);
        var broken = await session.PostApiAsync("/api/screen", """{ "case": """, csrf: false);

        // Assert
        unknownKey.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await WebSession.JsonAsync(unknownKey)).GetProperty("errors").EnumerateArray()
            .Should().Contain(e => e.GetProperty("field").GetString() == "case.colour");
        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await WebSession.JsonAsync(broken)).GetProperty("errors").GetArrayLength().Should().BePositive();
    }

    [Theory]
    [InlineData("\"date\":\"2023-10-01\"", "\"rules_version\":\"nerima/1999-01\"", "case.rules_version")]
    [InlineData("\"date\":\"2023-10-01\",", "", "case.date")]
    public async Task Screen_NoVersionApplies_NamesTheFieldThatChoseIt(string replaced, string replacement, string field)
    {
        // Arrange
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var intake = Intakes.WelfareUse().Replace(replaced, replacement, StringComparison.Ordinal);

        // Act
        var response = await session.PostApiAsync("/api/screen", intake, csrf: false);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await WebSession.JsonAsync(response)).GetProperty("errors")[0].GetProperty("field").GetString().Should().Be(field);
    }

    [Fact]
    public async Task Interview_PartialIntake_ReturnsTheNextQuestions()
    {
        // Arrange: the basics only, as the first page of the interview gives them.
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);
        const string intake = """
            {
              "case": { "date": "2024-10-01", "proposing_section": "福祉部生活福祉課", "title": "ひとり親家庭親子レクリエーション事業" },
              "items": [ { "id": "49", "kind": "outsourcing", "files": ["ひとり親・母子等への支援に関する業務ファイル"],
                           "tasks": [ { "description": "ひとり親家庭親子レクリエーション事業" } ] } ]
            }
            """;

        // Act
        var response = await session.PostApiAsync("/api/interview", intake, csrf: false);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var step = await WebSession.JsonAsync(response);
        step.GetProperty("finished").GetBoolean().Should().BeFalse();
        step.GetProperty("outcome").GetString().Should().Be("more_information_needed");
        var questions = step.GetProperty("questions").EnumerateArray().ToList();
        questions.Should().NotBeEmpty();
        questions.Should().OnlyContain(q => q.GetProperty("text").GetString()!.Length > 0 && q.GetProperty("item_id").GetString() == "49");
        questions.Should().Contain(q => q.GetProperty("fact").GetString() == "task.kind"
            && q.GetProperty("intake_field").GetString() == "items[0].tasks[0].kind"
            && q.GetProperty("choices").GetArrayLength() > 1);
        step.GetProperty("decision").GetProperty("version_hash").GetString().Should().StartWith("sha256:");
    }

    [Fact]
    public async Task Interview_CompleteIntake_IsFinished()
    {
        // Arrange
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);

        // Act
        var response = await session.PostApiAsync("/api/interview", Intakes.CasebookJson("nerima/fy2024/49-itaku-hitorioya-recreation.yaml"), csrf: false);

        // Assert
        var step = await WebSession.JsonAsync(response);
        step.GetProperty("finished").GetBoolean().Should().BeTrue();
        step.GetProperty("outcome").GetString().Should().Be("covered");
        step.GetProperty("questions").GetArrayLength().Should().Be(0);
    }
}
