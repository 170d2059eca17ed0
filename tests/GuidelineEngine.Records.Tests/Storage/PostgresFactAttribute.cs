using Xunit.Abstractions;
using Xunit.Sdk;

namespace GuidelineEngine.Records.Tests.Storage;

/// <summary>
/// A test that needs the PostgreSQL server named by GUIDELINE_TEST_POSTGRES (.ci/run starts one). Without it the test
/// is skipped, except under CI (CI=true), where it runs and fails: CI cannot skip the PostgreSQL tests silently.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "GUIDELINE_TEST_POSTGRES";

    public PostgresFactAttribute() => Skip = SkipReason;

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run.</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } || OnCi
            ? null
            : $"{Variable} is not set: no PostgreSQL server for the store tests (.ci/run starts one).";

    /// <summary>The server's connection string; under CI without one, the failure that says so.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"CI=true but {Variable} is not set: the PostgreSQL store tests cannot run.");

    private static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A test of the shared store suite (<see cref="RecordStoreTests"/>): in the PostgreSQL subclass it is skipped or
/// failed like a <see cref="PostgresFactAttribute"/> test, in the SQLite subclass it always runs.
/// </summary>
[XunitTestCaseDiscoverer("GuidelineEngine.Records.Tests.Storage.StoreFactDiscoverer", "GuidelineEngine.Records.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

/// <summary>Takes its skip reason from the class it runs in, as the attribute on the shared method cannot know it.</summary>
public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer only.", error: true)]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        typeof(PostgresStoreTests).IsAssignableFrom(TestMethod.TestClass.Class.ToRuntimeType())
            ? PostgresFactAttribute.SkipReason!
            : base.GetSkipReason(factAttribute);
}
