using System.Net;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Charges;

public sealed class AccountChargesTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task AccountCharges_ShowTotalServiceShareDailyTrendAndTagsWithUntagged(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("charges");
        var month = new DateOnly(2026, 10, 1);
        await app.WithDbAsync(async context =>
        {
            ChargeLine Line(int day, string service, string tag, decimal yen) => new()
            {
                PayerAccountId = "999999999999", Month = month, OrganizationId = world.OrgId, ProjectId = world.ProjectId, AccountNumber = world.AccountNumber,
                Day = month.AddDays(day - 1), ProductCode = service, Category = 0, LineItemType = "Usage", TagValue = tag,
                Usd = FixedPoint.FromDecimal(yen / 100m), Amount = FixedPoint.FromDecimal(yen), Currency = Currency.Jpy,
            };
            context.ChargeLines.AddRange(Line(1, "AmazonEC2", "production", 600m), Line(2, "AmazonEC2", "", 200m), Line(2, "AmazonS3", "staging", 200m));
            await context.SaveChangesAsync();
            return 0;
        });
        await app.SetPermissionsAsync(world.GeneralMembershipId, Permission.ProjectViewer | Permission.AccountViewer);
        using var client = await app.SignedInClientAsync(world.GeneralUser.Email!, world.Password);

        var page = await client.GetDocumentAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}/charges?month=2026-10");

        Assert.Equal("¥1,000", page.Text("[data-testid=charges-total]"));
        Assert.Contains("見込み", page.Text("main .card"), StringComparison.Ordinal);
        var services = page.QuerySelectorAll("[data-testid=services-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(services, r => r.Contains("AmazonEC2", StringComparison.Ordinal) && r.Contains("¥800", StringComparison.Ordinal) && r.Contains("80.0", StringComparison.Ordinal));
        var tags = page.QuerySelectorAll("[data-testid=tags-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, tags.Count);
        Assert.Contains(tags, r => r.Contains("（タグなし）", StringComparison.Ordinal) && r.Contains("20.0", StringComparison.Ordinal));
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=days-table] tbody tr").Length);
        Assert.NotNull(page.QuerySelector("#services-chart"));
        Assert.NotNull(page.QuerySelector("a[href='/help/charges']"));
    }

    [Theory, BothDatabases]
    public async Task AccountCharges_MonthWithoutCharges_SaysWhatToExpect(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("nocharges");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        using var response = await client.GetAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}/charges?month=2026-09");
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-testid=charges-empty]"));
    }
}
