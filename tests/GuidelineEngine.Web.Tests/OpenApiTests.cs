using System.Text.Json;
using GuidelineEngine.Rules.Intake;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// /openapi/v1.json describes what a program needs: every answer with its body (problem details for errors), the intake
/// as its real format, the codes as enums, and the two ways to sign in.
/// </summary>
public sealed class OpenApiTests(GuidelineWebFactory factory) : IClassFixture<GuidelineWebFactory>
{
    [Fact]
    public async Task EveryOperation_DocumentsItsSuccessAndItsProblems()
    {
        // Arrange
        var document = await DocumentAsync();

        // Act
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name} {path.Name}", Responses: op.Value.GetProperty("responses"))))
            .ToList();

        // Assert
        operations.Should().HaveCountGreaterThan(8);
        foreach (var (name, responses) in operations)
        {
            var statuses = responses.EnumerateObject().ToList();
            statuses.Should().Contain(r => r.Name == "200" || r.Name == "201", "{0} documents its success", name);
            statuses.Where(r => r.Name[0] is '4' or '5').Should().NotBeEmpty()
                .And.OnlyContain(r => Has(r.Value.GetProperty("content"), "application/problem+json"), "{0} answers errors as problem details", name);
            statuses.Where(r => r.Name[0] == '2').Should()
                .OnlyContain(r => Has(r.Value.GetProperty("content").GetProperty("application/json"), "schema"), "{0} names its answer's schema", name);
        }
    }

    [Fact]
    public async Task IntakeBody_HasTheIntakeFormat_WithTheRulesCodes()
    {
        // Arrange
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        // Act
        var body = document.GetProperty("paths").GetProperty("/api/screen").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        var intake = schemas.GetProperty("IntakeBody");
        var use = intake.GetProperty("properties").GetProperty("items").GetProperty("items").GetProperty("oneOf")[0].GetProperty("properties");

        // Assert
        body.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString().Should().Be("#/components/schemas/IntakeBody");
        intake.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo("case", "items");
        Codes(use.GetProperty("recipient").GetProperty("properties").GetProperty("kind")).Should().Contain(["police", "social_welfare_council"]);
        Codes(use.GetProperty("purpose_kind")).Should().Contain("inquiry");
        Codes(schemas.GetProperty("Outcome")).Should().Contain(["covered", "needs_review", "more_information_needed"]);
        Codes(schemas.GetProperty("DecisionRequest").GetProperty("properties").GetProperty("result")).Should().Equal("covered", "referred", "not_permitted");
        Codes(schemas.GetProperty("CommitteeRequest").GetProperty("properties").GetProperty("result")).Should()
            .Equal("approved", "approved_with_conditions", "rejected", "withdrawn");
        Codes(schemas.GetProperty("RecordSummary").GetProperty("properties").GetProperty("status")).Should().Contain("submitted");
    }

    [Fact]
    public async Task IntakeSchema_HasEveryKey_ThatTheIntakeWriterWrites()
    {
        // Arrange: casebook cases of both kinds, as a program would send them.
        var schema = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("IntakeBody");
        var cases = Directory.EnumerateFiles(TestPaths.Casebook, "*.yaml", SearchOption.AllDirectories)
            .Select(path => JsonDocument.Parse(IntakeWriter.ToJson(IntakeReader.ReadFile(path).Intake)).RootElement.Clone())
            .ToList();

        // Act
        var missing = cases.SelectMany(json => Missing(json, schema, "")).Distinct().ToList();

        // Assert
        cases.Should().NotBeEmpty();
        missing.Should().BeEmpty("the schema documents every key the intake format has");
    }

    [Fact]
    public async Task SecuritySchemes_DescribeTheCookieAndTheBearerToken()
    {
        // Arrange
        var document = await DocumentAsync();

        // Act
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var token = document.GetProperty("paths").GetProperty("/api/token").GetProperty("post");

        // Assert
        schemes.GetProperty("cookie").GetProperty("name").GetString().Should().Be("guideline.auth");
        schemes.GetProperty("bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        document.GetProperty("security").GetArrayLength().Should().Be(2, "either one signs a request in");
        token.GetProperty("security").GetArrayLength().Should().Be(0, "the token endpoint is where a program signs in");
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var session = await factory.Session().SignedInAsync(WebSession.Fukushi);
        return await WebSession.JsonAsync(await session.Client.GetAsync("/openapi/v1.json"));
    }

    private static bool Has(JsonElement element, string property) => element.TryGetProperty(property, out _);

    private static IEnumerable<string?> Codes(JsonElement schema) => schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString());

    // The keys of a JSON value that its schema does not name, with their paths.
    private static IEnumerable<string> Missing(JsonElement value, JsonElement schema, string path)
    {
        if (schema.TryGetProperty("oneOf", out var choices))
        {
            var kind = value.GetProperty("kind").GetString();
            schema = choices.EnumerateArray().Single(c => c.GetProperty("properties").GetProperty("kind").GetProperty("enum")[0].GetString() == kind);
        }
        return value.ValueKind switch
        {
            JsonValueKind.Object => value.EnumerateObject().SelectMany(p => schema.GetProperty("properties").TryGetProperty(p.Name, out var property)
                ? Missing(p.Value, property, $"{path}.{p.Name}")
                : [$"{path}.{p.Name}"]),
            JsonValueKind.Array when schema.TryGetProperty("items", out var items) => value.EnumerateArray().SelectMany(v => Missing(v, items, path + "[]")),
            _ => [],
        };
    }
}
