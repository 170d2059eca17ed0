using GuidelineEngine.Application.Replay;
using System.Text.Json;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Tests.Shared.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace GuidelineEngine.Web.Tests;

/// <summary>
/// The service on an SQLite store that cannot be written — read-only, or on a full disk: a submission answers 503 with a
/// Japanese problem detail saying why and that nothing was written, no stack trace; the records stored before can still
/// be listed; once the fault is gone, submissions go through again and the chain verifies.
/// </summary>
public sealed class StoreFaultTests
{
    [Fact]
    public Task ReadOnlyStore_Submit_Is503WithTheReasonAndLosesNothing() =>
        SubmitUnder(StoreFaults.ReadOnly, database => $"記録簿に書き込めません: 読み取り専用です（{database}）。何も書き込まれていません。");

    [RootFact]
    public Task FullDisk_Submit_Is503WithTheReasonAndLosesNothing() =>
        SubmitUnder(StoreFaults.FullDisk, database => $"記録簿に書き込めません: ディスクの空きがありません（{database}）。何も書き込まれていません。");

    private static async Task SubmitUnder(Func<string, IDisposable> fault, Func<string, string> expectedDetail)
    {
        await using var factory = new GuidelineWebFactory { DataFolder = StoreFaults.NewStoreFolder() };
        using var fukushi = await factory.Session().SignedInAsync(WebSession.Fukushi);
        var first = await fukushi.PostApiAsync("/api/records", Intakes.WelfareUse());
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var database = Path.Combine(factory.DataFolder, RecordStoreOptions.DefaultFileName);

        using (fault(database))
        {
            var refused = await fukushi.PostApiAsync("/api/records", Intakes.WelfareUse());
            var list = await fukushi.Client.GetAsync("/api/records");

            var body = await refused.Content.ReadAsStringAsync();
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
            WebSession.ContentType(refused)!.MediaType.Should().Be("application/problem+json");
            var problem = JsonDocument.Parse(body).RootElement;
            problem.GetProperty("title").GetString().Should().Be("記録簿に書き込めませんでした。");
            problem.GetProperty("detail").GetString().Should().Be(expectedDetail(Path.GetFullPath(database)));
            body.Should().NotContainAny(["Exception", "   at ", "SQLite Error"], "no stack trace or driver message reaches the user");
            list.StatusCode.Should().Be(HttpStatusCode.OK, "what was stored can still be read");
            (await WebSession.JsonAsync(list)).EnumerateArray().Select(r => r.GetProperty("id").GetString()).Should().Equal("R5-0001");
        }

        var after = await fukushi.PostApiAsync("/api/records", Intakes.WelfareUse());
        after.StatusCode.Should().Be(HttpStatusCode.Created);
        (await WebSession.JsonAsync(after)).GetProperty("id").GetString().Should().Be("R5-0002", "the refused submission took no number");
        var store = factory.Services.GetRequiredService<IRecordStore>();
        store.ReadAll().Select(e => e.RecordId).Should().Equal("R5-0001", "R5-0002");
        // The chain verifies, and each of the two submissions has its derived row (the refused one left none) agreeing with it.
        StoreVerifier.Verify(store).Should().Match<StoreReport>(r => r.Intact && r.Derived == 2 && r.Underived == 0);
    }
}
