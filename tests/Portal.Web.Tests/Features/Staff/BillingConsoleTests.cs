using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Billing.Synthetic;
using Portal.Core.Billing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Staff;

public sealed class BillingConsoleTests(PortalApps apps) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-staff-billing-").FullName;

    [Theory, BothDatabases]
    public async Task Staff_AddsSourceAndIngestsNow_TheJobRunsAndTheRunsPageShowsIt(DatabaseKind db)
    {
        var app = await apps.For(db);
        var payer = "9" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        SyntheticCurGenerator.Generate(new SyntheticCurRequest(ReportFormat.CurCsv, 3, 2_000, _folder, new DateOnly(2026, 10, 1), payer, Seed: 7, DeliveryId: "assembly-1"));
        var (_, staffClient) = await app.SignedInStaffAsync();
        using var client = staffClient;

        using var added = await client.SubmitFormAsync("/staff/billing/sources",
            new Dictionary<string, string> { ["PayerAccountId"] = payer, ["Location"] = _folder, ["Format"] = "Auto" }, "form[action$='handler=Add']");
        var sources = await client.GetDocumentAsync("/staff/billing/sources");
        var row = sources.QuerySelectorAll("[data-testid=sources-table] tbody tr").ToList().FindIndex(r => r.TextContent.Contains(payer, StringComparison.Ordinal)) + 1;
        using var tested = await client.SubmitFormAsync(sources, "/staff/billing/sources", new Dictionary<string, string>(),
            $"[data-testid=sources-table] tbody tr:nth-child({row}) form[action$='handler=Test']");
        var afterTest = await client.GetDocumentAsync("/staff/billing/sources");
        using var queued = await client.SubmitFormAsync(afterTest, "/staff/billing/sources", new Dictionary<string, string>(),
            $"[data-testid=sources-table] tbody tr:nth-child({row}) form[action$='handler=Ingest']");
        await app.RunQueuedJobsAsync(() => app.WithDbAsync(c => c.IngestionRuns.AnyAsync(r => r.State != RunState.Running && c.BillingSources.Any(s => s.Id == r.SourceId && s.PayerAccountId == payer))));
        var runs = await client.GetDocumentAsync("/staff/billing/runs");
        using var table = await client.GetAsync("/staff/billing/runs?handler=Table");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("1", afterTest.Text("[data-testid=source-message]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
        Assert.NotNull(runs.QuerySelector("[data-testid=runs-table] tr[data-run-state=Succeeded]"));
        Assert.Contains(payer, runs.Text("[data-testid=freshness-table]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, table.StatusCode);
        Assert.Contains("runs-table", await table.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(c => c.DailyFacts.AnyAsync()));
    }

    [Theory, BothDatabases]
    public async Task Staff_AddsSourceWithBadPayer_SeesTheErrorAndNothingIsStored(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (_, staffClient) = await app.SignedInStaffAsync();
        using var client = staffClient;

        using var added = await client.SubmitFormAsync("/staff/billing/sources",
            new Dictionary<string, string> { ["PayerAccountId"] = "12345", ["Location"] = _folder, ["Format"] = "Auto" }, "form[action$='handler=Add']");

        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.Contains("12 digits", (await HtmlForms.ParseAsync(added)).Text("[data-testid=source-error]"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(c => c.BillingSources.AnyAsync(s => s.PayerAccountId == "12345")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
