using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Infrastructure;
using static Portal.Web.Tests.Features.Account.AccountSteps;

namespace Portal.Web.Tests.Features.Account;

/// <summary>Password change and reset by mailed link.</summary>
public sealed class PasswordTests(PortalApps apps)
{
    private const string NewPassword = "Neue-Passw0rt#2026";

    [Theory, BothDatabases]
    public async Task Change_NeedsTheCurrentPassword(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        using var client = await app.SignedInClientAsync(user.Email!, password);

        using var wrong = await client.SubmitFormAsync("/id/password", Form(("CurrentPassword", "Wrong#Passw0rd-1"), ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)));
        using var right = await client.SubmitFormAsync("/id/password", Form(("CurrentPassword", password), ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)));

        Assert.Equal(["The current password is not right."], (await HtmlForms.ParseAsync(wrong)).QuerySelectorAll("[data-testid=field-error]").Select(e => e.TextContent.Trim()));
        Assert.NotNull((await HtmlForms.ParseAsync(right)).QuerySelector("[data-testid=password-changed]"));
        Assert.True(await client.IsSignedInAsync());
        using var again = await app.SignedInClientAsync(user.Email!, NewPassword);
        Assert.Contains(await app.AuditOfAsync(user.Id), e => e.Event == "password.changed" && e.Result == Portal.Core.Auditing.AuditResult.Success);
        await app.DeliverMailAsync();
        var notice = await app.Mail.WaitForAsync(user.Email!, m => m.Subject == "The password of your Members ID was changed");
        Assert.DoesNotContain(NewPassword, notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/id/password/forgot", notice.TextBody, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Change_WeakNewPassword_ShowsEachBrokenRule(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        using var client = await app.SignedInClientAsync(user.Email!, password);

        using var response = await client.SubmitFormAsync("/id/password", Form(("CurrentPassword", password), ("NewPassword", "lowercaseonly"), ("ConfirmPassword", "lowercaseonly")));

        var errors = (await HtmlForms.ParseAsync(response)).QuerySelectorAll("[data-testid=field-error]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Add at least one uppercase letter (A-Z).", "Add at least one digit (0-9).", "Add at least one of these symbols: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '"], errors);
    }

    [Theory, BothDatabases]
    public async Task ResetRequest_KnownAndUnknownAddress_GetTheSameAnswer(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, _) = await app.CreateUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@test.example";
        using var client = app.NewClient();

        using var known = await client.SubmitFormAsync("/id/password/forgot", Form(("Email", user.Email!)));
        using var missing = await client.SubmitFormAsync("/id/password/forgot", Form(("Email", unknown)));
        await app.DeliverMailAsync();

        Assert.Equal((await HtmlForms.ParseAsync(known)).Text("main"), (await HtmlForms.ParseAsync(missing)).Text("main"));
        await app.Mail.WaitForAsync(user.Email!);
        Assert.Empty(app.Mail.To(unknown));
    }

    [Theory, BothDatabases]
    public async Task ResetLink_InTheUsersLanguage_SetsThePasswordOnceOnly(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        using var client = app.NewClient();
        using var requested = await client.SubmitFormAsync("/id/password/forgot", Form(("Email", user.Email!)));
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(user.Email!);
        var link = PathOf(LinkIn(mail.TextBody));

        using var reset = await client.SubmitFormAsync(link, Form(("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)));
        var reused = await client.GetDocumentAsync(link);

        Assert.Equal("Set a new password for your Members ID", mail.Subject);
        Assert.Contains("expires in 30 minutes", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("/signin?done=password", reset.Headers.Location!.OriginalString);
        Assert.NotNull(reused.QuerySelector("[data-testid=reset-invalid]"));
        using var signedIn = await app.SignedInClientAsync(user.Email!, NewPassword);
        using var old = app.NewClient();
        using var oldPassword = await old.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", password)));
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        Assert.Contains(await app.AuditOfAsync(user.Id), e => e.Event == "password.reset");
        var stored = await app.WithDbAsync(c => c.PasswordTokens.Where(t => t.UserId == user.Id).Select(t => t.TokenHash).SingleAsync());
        Assert.Equal(32, stored.Length);
        Assert.DoesNotContain(Convert.ToBase64String(stored), link, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task ResetLink_WeakPassword_ShowsTheRulesAndKeepsTheLinkUsable(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, _) = await app.CreateUserAsync(language: "en");
        using var client = app.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");
        using var requested = await client.SubmitFormAsync("/id/password/forgot", Form(("Email", user.Email!)));
        await app.DeliverMailAsync();
        var link = PathOf(LinkIn((await app.Mail.WaitForAsync(user.Email!)).TextBody));

        using var weak = await client.SubmitFormAsync(link, Form(("NewPassword", "Short1!"), ("ConfirmPassword", "Short1!")));
        var weakPage = await HtmlForms.ParseAsync(weak);
        using var good = await client.SubmitFormAsync(link, Form(("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)));

        Assert.Equal(["The password must have at least 10 characters."], weakPage.QuerySelectorAll("[data-testid=field-error]").Select(e => e.TextContent.Trim()));
        Assert.Equal(5, weakPage.QuerySelectorAll("[data-testid=password-rules] li").Length);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task ResetLink_AfterALaterPasswordChange_IsRefused(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var anonymous = app.NewClient();
        using var requested = await anonymous.SubmitFormAsync("/id/password/forgot", Form(("Email", user.Email!)));
        await app.DeliverMailAsync();
        var link = PathOf(LinkIn((await app.Mail.WaitForAsync(user.Email!)).TextBody));
        var openPage = await anonymous.GetDocumentAsync(link);
        using var client = await app.SignedInClientAsync(user.Email!, password);
        using var changed = await client.SubmitFormAsync("/id/password", Form(("CurrentPassword", password), ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)));

        using var reset = await anonymous.SubmitFormAsync(openPage, link, Form(("NewPassword", "Another-Passw0rt#1"), ("ConfirmPassword", "Another-Passw0rt#1")));

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(reset)).QuerySelector("[data-testid=reset-invalid]"));
        using var stillNew = await app.SignedInClientAsync(user.Email!, NewPassword);
    }

    [Theory, BothDatabases]
    public async Task ResetLink_Forged_IsRefused(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        var page = await client.GetDocumentAsync("/id/password/reset?token=" + Guid.NewGuid().ToString("N"));

        Assert.NotNull(page.QuerySelector("[data-testid=reset-invalid]"));
        Assert.Null(page.QuerySelector("#NewPassword"));
    }

    [Theory, BothDatabases]
    public async Task Forms_PostedWithoutTheAntiforgeryToken_AreRejected(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var client = await app.SignedInClientAsync(user.Email!, password);

        foreach (var path in new[] { "/id/password", "/id/profile", "/id/delete", "/id/mfa?handler=Enable", "/id/password/forgot", "/signin" })
        {
            using var content = new FormUrlEncodedContent([new("CurrentPassword", password), new("Email", user.Email!)]);
            using var response = await client.PostAsync(path, content);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode}");
        }
    }
}
