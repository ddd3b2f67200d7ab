using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Portal.Browser.Tests;

/// <summary>
/// Every main page, in Japanese and in English, for a customer and for staff: axe-core finds no serious or critical
/// violation; at 360 × 740 no page scrolls sideways (wide tables scroll inside .table-responsive) and the charts fit.
/// The Japanese desktop pass writes the README's screenshots when PORTAL_SCREENSHOTS=1.
/// </summary>
public sealed class MainPagesJourney(BrowserPortal portal)
{
    private static readonly (int Width, int Height) Phone = (360, 740);

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task MainPages_HaveNoSeriousAccessibilityViolations(string language)
    {
        var violations = new List<string>();
        var anonymous = await portal.NewPageAsync(language == "ja" ? "ja-JP" : "en-US");
        var consoleErrors = PageChecks.ConsoleErrors(anonymous);
        await anonymous.GotoAsync("/signin");
        if (language == "en")
        {
            await anonymous.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await anonymous.WaitForURLAsync("**/signin**");
        }
        Assert.Equal(language, await anonymous.GetAttributeAsync("html", "lang"));
        violations.AddRange(await PageChecks.AxeViolationsAsync(anonymous));
        if (language == "ja")
        {
            await PageChecks.ScreenshotAsync(anonymous, "01-sign-in");
        }

        var customer = await SignInCustomerAsync(language, null);
        var customerErrors = PageChecks.ConsoleErrors(customer);
        foreach (var (path, name) in await CustomerPagesAsync(language))
        {
            await OpenAsync(customer, path);
            violations.AddRange(await PageChecks.AxeViolationsAsync(customer));
            if (language == "ja" && name is not null)
            {
                await PageChecks.ScreenshotAsync(customer, name);
            }
        }

        var staff = await portal.SignInStaffAsync(language);
        var staffErrors = PageChecks.ConsoleErrors(staff);
        foreach (var (path, name) in StaffPages)
        {
            await OpenAsync(staff, path);
            violations.AddRange(await PageChecks.AxeViolationsAsync(staff));
            if (language == "ja" && name is not null)
            {
                await PageChecks.ScreenshotAsync(staff, name);
            }
        }

        Assert.True(violations.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", violations));
        string[] errors = [.. consoleErrors, .. customerErrors, .. staffErrors];
        Assert.True(errors.Length == 0, "the browser console reported errors (a CSP refusal means a style or script was ignored):\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task MainPages_At360Pixels_DoNotScrollSidewaysAndChartsFit()
    {
        var overflowing = new List<string>();
        var customer = await SignInCustomerAsync("ja", Phone);
        foreach (var (path, _) in await CustomerPagesAsync("ja"))
        {
            await OpenAsync(customer, path);
            if (await PageChecks.HorizontalOverflowAsync(customer) is > 0 and var pixels)
            {
                overflowing.Add($"{path}: {pixels}px wider than the screen");
            }
            foreach (var chart in await customer.Locator("main canvas").AllAsync())
            {
                var box = await chart.BoundingBoxAsync();
                if (box is not null && (box.X < 0 || box.X + box.Width > Phone.Width + 0.5))
                {
                    overflowing.Add($"{path}: a chart spans {box.X:0}–{box.X + box.Width:0}px");
                }
            }
        }
        var staff = await portal.SignInStaffAsync("ja", Phone);
        foreach (var (path, _) in StaffPages)
        {
            await OpenAsync(staff, path);
            if (await PageChecks.HorizontalOverflowAsync(staff) is > 0 and var pixels)
            {
                overflowing.Add($"{path}: {pixels}px wider than the screen");
            }
        }

        Assert.True(overflowing.Count == 0, string.Join("\n", overflowing));
    }

    private static readonly (string Path, string? Screenshot)[] StaffPages =
    [
        ("/staff", null),
        ("/staff/billing/sources", "20-staff-billing-sources"),
        ("/staff/billing/runs", "21-staff-billing-runs"),
        ("/staff/invoices", "22-staff-invoices"),
        ("/staff/inquiries", "23-staff-inquiries"),
        ("/staff/organizations", null),
        ("/staff/projects", null),
        ("/staff/users", null),
        ("/staff/rating-rules", null),
        ("/staff/exchange-rates", null),
        ("/staff/notices", null),
        ("/staff/applications", null),
    ];

    /// <summary>
    /// The demo's Japanese power user of Sakura Trading or English power user of Blue Ocean Labs: demo data in the
    /// pictures, and nothing these pages do changes what other journeys expect.
    /// </summary>
    private Task<IPage> SignInCustomerAsync(string language, (int Width, int Height)? viewport) =>
        portal.SignInAsync(language == "ja" ? "hanako.sato@sakura-trading.example" : "emma.clark@blueocean.example", portal.DemoPassword, null, viewport);

    private async Task<IReadOnlyList<(string Path, string? Screenshot)>> CustomerPagesAsync(string language)
    {
        var code = language == "ja" ? "sakura" : "blueocean";
        var (organization, account, project, invoice, inquiry) = await portal.QueryAsync(async db =>
        {
            var org = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Code == code);
            var accountId = await db.AwsAccounts.IgnoreQueryFilters().Where(a => a.OrganizationId == org.Id).OrderBy(a => a.Name).Select(a => a.Id).FirstAsync();
            var projectId = await db.Projects.IgnoreQueryFilters().Where(p => p.OrganizationId == org.Id).OrderBy(p => p.Name).Select(p => p.Id).FirstAsync();
            var invoiceId = await db.Invoices.IgnoreQueryFilters().Where(i => i.OrganizationId == org.Id).OrderByDescending(i => i.Month).Select(i => (Guid?)i.Id).FirstOrDefaultAsync();
            var inquiryId = await db.Inquiries.IgnoreQueryFilters().Where(i => i.OrganizationId == org.Id).OrderBy(i => i.CreatedAt).Select(i => (Guid?)i.Id).FirstOrDefaultAsync();
            return (org.Id, accountId, projectId, invoiceId, inquiryId);
        });
        var o = $"/orgs/{organization}";
        var pages = new List<(string, string?)>
        {
            (o, "02-organization-home"),
            ($"{o}/projects", "03-projects"),
            ($"{o}/projects/{project}", null),
            ($"{o}/projects/{project}/charges", "04-project-charges"),
            ($"{o}/accounts", "05-accounts"),
            ($"{o}/accounts/{account}", null),
            ($"{o}/accounts/{account}/charges", "06-account-charges"),
            ($"{o}/accounts/{account}/alarms", null),
            ($"{o}/invoices", "07-invoices"),
            ($"{o}/inquiries", "09-inquiries"),
            ($"{o}/inquiries/new", null),
            ($"{o}/notices", "10-notices"),
            ($"{o}/members", "11-members"),
            ($"{o}/invitations", null),
            ($"{o}/invitations/new", null),
            ($"{o}/settings", null),
            ("/orgs", null),
            ("/help", "12-help"),
            ("/id/profile", null),
            ("/id/mfa", "13-mfa-setup"),
            ("/id/api-keys", null),
        };
        if (invoice is { } i)
        {
            pages.Add(($"{o}/invoices/{i}", "08-invoice"));
        }
        if (inquiry is { } q)
        {
            pages.Add(($"{o}/inquiries/{q}", null));
        }
        return pages;
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
