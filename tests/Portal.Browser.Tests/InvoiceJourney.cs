using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Core.Organizations;

namespace Portal.Browser.Tests;

public sealed class InvoiceJourney(BrowserPortal portal)
{
    /// <summary>
    /// The demo has last month's invoices issued. A general member holding Invoice viewer opens last month's invoice
    /// and downloads its PDF; a member with every other permission but that one gets the access-denied page.
    /// </summary>
    [Fact]
    public async Task InvoiceViewer_OpensLastMonthsInvoiceAndDownloadsPdf_OthersAreDenied()
    {
        var (viewer, viewerPassword) = await portal.CreateMemberAsync("sakura", Permission.InvoiceViewer);
        var (other, otherPassword) = await portal.CreateMemberAsync("sakura", PermissionRules.AllGrantable & ~Permission.InvoiceViewer);
        var page = await SignInAsync(viewer, viewerPassword);
        var organizationUrl = page.Url;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(1, await page.GetByTestId("last-month-invoices").CountAsync());
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "請求書", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/invoices");
        var row = page.Locator("[data-testid=invoices-table] tbody tr", new() { HasText = lastMonth }).First;
        var number = (await row.Locator("td a").First.TextContentAsync())!.Trim();
        await row.Locator("td a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/invoices/[0-9a-f-]{36}$"));
        var invoiceUrl = page.Url;
        Assert.Equal(number, (await page.Locator("[data-testid=invoice-number]").TextContentAsync())?.Trim());
        var total = (await page.Locator("[data-testid=invoice-total]").TextContentAsync())!.Trim();
        Assert.StartsWith("¥", total, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("invoice-pdf").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"journey-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        try
        {
            Assert.Equal($"{number}.pdf", download.SuggestedFilename);
            var text = await PdfTextAsync(path);
            Assert.Contains(number, text, StringComparison.Ordinal);
            Assert.Contains(total, text, StringComparison.Ordinal);
            Assert.Contains("T6011001106696", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        var denied = await SignInAsync(other, otherPassword);
        Assert.Equal(organizationUrl, denied.Url);
        // The notices' "請求書" category tab stays; the invoices menu item and the home tile do not.
        Assert.Equal(0, await denied.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "請求書", Exact = true }).CountAsync());
        Assert.Equal(0, await denied.GetByTestId("last-month-invoices").CountAsync());
        var response = await denied.GotoAsync(invoiceUrl);
        Assert.Equal(403, response!.Status);
        Assert.Contains("佐藤 花子", await denied.Locator("[data-testid=power-users]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await denied.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    private async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/orgs/[0-9a-f-]{36}$"));
        return page;
    }

    private static async Task<string> PdfTextAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}
