using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Charges;

public sealed class ProjectChargesTests(PortalApps apps)
{
    /// <summary>
    /// Two accounts and a project fee over two months: the summary's cells, row and column totals, the tag breakdown
    /// across the accounts with its untagged bucket, the project details summary and the account list's current month.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ProjectSummary_AccountsByMonthWithTotals_AndTagBreakdownAcrossAccounts(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("projectcharges");
        var second = await app.CreateAccountAsync(world.ProjectId, "second");
        var (october, november) = (new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1));
        await app.WithDbAsync(async context =>
        {
            ChargeLine Line(DateOnly month, string account, string tag, decimal yen) => new()
            {
                PayerAccountId = "999999999999", Month = month, OrganizationId = world.OrgId, ProjectId = world.ProjectId, AccountNumber = account,
                Day = month, ProductCode = account.Length == 0 ? "" : "AmazonEC2", Category = 0, LineItemType = account.Length == 0 ? "" : "Usage",
                TagValue = tag, Usd = FixedPoint.FromDecimal(yen / 100m), Amount = FixedPoint.FromDecimal(yen), Currency = Currency.Jpy,
            };
            ChargeLine[] lines =
            [
                Line(october, world.AccountNumber, "production", 1000m), Line(october, second.AccountNumber, "", 500m),
                Line(november, world.AccountNumber, "production", 300m), Line(november, second.AccountNumber, "", 100m),
                Line(november, second.AccountNumber, "staging", 100m), Line(november, "", "", 500m),
            ];
            // What RecomputeCharges writes: the lines and their monthly sums, which the summaries read.
            context.ChargeLines.AddRange(lines);
            context.ChargeMonthSums.AddRange(ChargeMonthSum.Of(lines));
            return await context.SaveChangesAsync();
        });
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        var page = await client.GetDocumentAsync($"/orgs/{world.OrgId}/projects/{world.ProjectId}/charges");

        var headings = page.QuerySelectorAll("[data-testid=project-charges] thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(15, headings.Count);
        Assert.StartsWith("2025-11", headings[1], StringComparison.Ordinal);
        Assert.StartsWith("2026-11", headings[13], StringComparison.Ordinal);
        Assert.Contains("見込み", headings[13], StringComparison.Ordinal);
        string[] Cells(string account) => page.QuerySelectorAll($"[data-testid=project-charges] tr[data-account='{account}'] td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["¥1,000", "¥300", "¥1,300"], Cells(world.AccountNumber)[^3..]);
        Assert.Equal(["¥500", "¥200", "¥700"], Cells(second.AccountNumber)[^3..]);
        Assert.Equal(["¥0", "¥500", "¥500"], Cells("")[^3..]);
        var totals = page.QuerySelectorAll("[data-testid=month-totals] td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["¥1,500", "¥1,000", "¥2,500"], totals[^3..]);
        // The tag breakdown opens on the latest month with charges, across both accounts and the project fee.
        var tags = page.QuerySelectorAll("[data-testid=tags-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, tags.Count);
        Assert.Contains(tags, r => r.Contains("（タグなし）", StringComparison.Ordinal) && r.Contains("¥600", StringComparison.Ordinal) && r.Contains("60.0", StringComparison.Ordinal));
        Assert.Contains(tags, r => r.Contains("production", StringComparison.Ordinal) && r.Contains("30.0", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("#tags-chart"));

        var october2 = await client.GetDocumentAsync($"/orgs/{world.OrgId}/projects/{world.ProjectId}/charges?month=2026-10");
        Assert.Contains(october2.QuerySelectorAll("[data-testid=tags-table] tbody tr"), r => r.TextContent.Contains("66.7", StringComparison.Ordinal));

        var details = await client.GetDocumentAsync($"/orgs/{world.OrgId}/projects/{world.ProjectId}");
        Assert.Equal("¥2,500", details.Text("[data-testid=charge-summary] [data-testid=grand-total]"));
        Assert.NotNull(details.QuerySelector($"a[href='/orgs/{world.OrgId}/projects/{world.ProjectId}/charges']"));

        var list = await client.GetDocumentAsync($"/orgs/{world.OrgId}/accounts");
        Assert.Equal("¥300", list.Text($"tr[data-account='{world.AccountNumber}'] [data-testid=current-charges]"));
        Assert.Equal("¥200", list.Text($"tr[data-account='{second.AccountNumber}'] [data-testid=current-charges]"));
    }

    [Theory, BothDatabases]
    public async Task AccountCharges_BaselineServicesShownApart_AndCsvLinked(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("baseline");
        var month = new DateOnly(2026, 10, 1);
        var baselineName = "BaselineSvc" + Guid.NewGuid().ToString("N")[..8];
        await app.WithDbAsync(async context =>
        {
            ChargeLine Line(string service, decimal yen) => new()
            {
                PayerAccountId = "999999999999", Month = month, OrganizationId = world.OrgId, ProjectId = world.ProjectId, AccountNumber = world.AccountNumber,
                Day = month, ProductCode = service, Category = 0, LineItemType = "Usage", TagValue = "",
                Usd = FixedPoint.FromDecimal(yen / 100m), Amount = FixedPoint.FromDecimal(yen), Currency = Currency.Jpy,
            };
            context.ChargeLines.AddRange(Line("AmazonEC2", 900m), Line(baselineName, 100m));
            context.BaselineServices.Add(new BaselineService { ServiceName = baselineName, DescriptionJa = "説明", DescriptionEn = "Description", UpdatedAt = app.Clock.GetUtcNow() });
            return await context.SaveChangesAsync();
        });
        await app.SetPermissionsAsync(world.GeneralMembershipId, Permission.ProjectViewer | Permission.AccountViewer);
        using var client = await app.SignedInClientAsync(world.GeneralUser.Email!, world.Password);

        var page = await client.GetDocumentAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}/charges?month=2026-10");

        Assert.Equal("¥1,000", page.Text("[data-testid=charges-total]"));
        Assert.DoesNotContain(baselineName, page.Text("[data-testid=services-table]"), StringComparison.Ordinal);
        Assert.Contains(baselineName, page.Text("[data-testid=baseline-table]"), StringComparison.Ordinal);
        Assert.Contains("¥100", page.Text("[data-testid=baseline-charges]"), StringComparison.Ordinal);
        Assert.Equal("見込み", page.Text("[data-testid=estimated]"));
        Assert.Equal($"/orgs/{world.OrgId}/accounts/{world.AccountId}/usage.csv?month=2026-10", page.QuerySelector("[data-testid=usage-csv]")?.GetAttribute("href"));
        var details = await client.GetDocumentAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}");
        Assert.NotNull(details.QuerySelector($"a[href='/orgs/{world.OrgId}/accounts/{world.AccountId}/charges']"));
    }
}
