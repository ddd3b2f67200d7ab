using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.Browser.Tests;

public sealed partial class ChargesJourney(BrowserPortal portal)
{
    /// <summary>
    /// A demo power user opens an AWS account's charges from the account list and sees the service, tag and daily
    /// charts drawn, with the tag table and its untagged bucket (the demo's synthetic billing tags about 40 % of cost).
    /// </summary>
    [Fact]
    public async Task PowerUser_OpensAnAccountsCharges_SeesServiceAndTagCharts()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.Locator("#Email").FillAsync("hanako.sato@sakura-trading.example");
        await page.Locator("#Password").FillAsync(portal.DemoPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(OrganizationHome());

        await page.Locator("#sideNav a[href$='/accounts']").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "ec-production", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "ご利用料金", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=charges-total]").WaitForAsync();

        Assert.StartsWith("¥", (await page.Locator("[data-testid=charges-total]").TextContentAsync())?.Trim(), StringComparison.Ordinal);
        foreach (var chart in new[] { "#services-chart", "#tags-chart", "#days-chart" })
        {
            // Chart.js sizes the canvas when it draws; an undrawn canvas keeps the default 300 × 150.
            var box = await page.Locator(chart).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Height > 150, $"{chart} was not drawn");
        }
        Assert.True(await page.Locator("[data-testid=tags-table] tbody tr").CountAsync() >= 2);
        Assert.Contains("（タグなし）", await page.Locator("[data-testid=tags-table]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("/orgs/[0-9a-f-]{36}$")]
    private static partial Regex OrganizationHome();
}
