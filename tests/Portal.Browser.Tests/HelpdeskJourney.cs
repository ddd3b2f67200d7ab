using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;

namespace Portal.Browser.Tests;

public sealed class HelpdeskJourney(BrowserPortal portal)
{
    /// <summary>
    /// A customer opens an inquiry with a screenshot attached; a staff member signs in with MFA, finds it in the queue
    /// and replies; the customer sees the reply on the inquiry and the reply mail has arrived.
    /// </summary>
    [Fact]
    public async Task Customer_OpensInquiryWithAttachment_StaffReply_CustomerSeesReplyAndMail()
    {
        const string customer = "hanako.sato@sakura-trading.example";
        var subject = $"請求書の宛名について {Guid.NewGuid():N}"[..24];
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.Locator("#Email").FillAsync(customer);
        await page.Locator("#Password").FillAsync(portal.DemoPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        // Only the address is needed before the next navigation: waiting for the load event once hung 60 s on a busy
        // machine although the page had arrived (as MfaJourney's sign-out did).
        await page.WaitForURLAsync(new Regex("/orgs/[0-9a-f-]{36}$"), new() { WaitUntil = WaitUntilState.Commit });
        var organizationUrl = page.Url;

        await page.GotoAsync(organizationUrl + "/inquiries/new");
        await page.GetByLabel("種別").SelectOptionAsync("Billing");
        await page.GetByLabel("件名").FillAsync(subject);
        await page.GetByLabel("本文").FillAsync("請求書の宛名を**部署名入り**に変更したいです。");
        await page.Locator("#Files").SetInputFilesAsync(new FilePayload
        {
            Name = "invoice.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "お問い合わせを送信" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/inquiries/[0-9a-f-]{36}\\?done=opened$"));
        var inquiryUrl = page.Url.Split('?')[0];
        Assert.Contains("invoice.png", await page.Locator("[data-testid=attachments]").InnerTextAsync(), StringComparison.Ordinal);

        var (staffEmail, staffPassword, key) = await portal.CreateStaffWithMfaAsync();
        var staff = await portal.NewPageAsync();
        await staff.GotoAsync("/signin");
        await staff.Locator("#Email").FillAsync(staffEmail);
        await staff.Locator("#Password").FillAsync(staffPassword);
        await staff.Locator("main form button[type=submit]").ClickAsync();
        await staff.WaitForURLAsync("**/signin/mfa**");
        await staff.Locator("#totp-form #Code").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow));
        await staff.Locator("#totp-form button[type=submit]").ClickAsync();
        await staff.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await staff.GotoAsync("/staff/inquiries");
        await staff.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await staff.WaitForURLAsync(new Regex("/staff/inquiries/[0-9a-f-]{36}$"));
        Assert.Contains("<strong>部署名入り</strong>", await staff.Locator("[data-testid=thread]").InnerHTMLAsync(), StringComparison.Ordinal);
        await staff.Locator("[data-testid=reply-form] #Body").FillAsync("承知しました。次回の請求書から変更いたします。");
        await staff.Locator("[data-testid=reply-form] button[type=submit]").ClickAsync();
        await staff.WaitForURLAsync(new Regex("\\?done=replied$"));

        await page.GotoAsync(inquiryUrl);
        Assert.Contains("次回の請求書から変更いたします", await page.Locator("[data-testid=thread]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("お客様の返信待ち", (await page.Locator("[data-testid=inquiry-status]").InnerTextAsync()).Trim());
        var mail = await portal.WaitForMailAsync(customer, TimeSpan.FromSeconds(30), m => (m.Subject ?? "").Contains(subject, StringComparison.Ordinal));
        Assert.Contains("次回の請求書から変更いたします", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(new Uri(inquiryUrl).AbsolutePath, mail.TextBody, StringComparison.Ordinal);
    }
}
