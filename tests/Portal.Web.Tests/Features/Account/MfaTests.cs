using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Infrastructure;
using static Portal.Web.Tests.Features.Account.AccountSteps;

namespace Portal.Web.Tests.Features.Account;

[Collection(ClockSensitive.Name)]
public sealed class MfaTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task Enrol_WithACodeFromTheManualKey_TurnsMfaOnAndShowsTenRecoveryCodesOnce(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        using var client = await app.SignedInClientAsync(user.Email!, password);
        var home = await client.GetDocumentAsync("/");
        var setup = await client.GetDocumentAsync("/id/mfa");

        var (_, codes) = await app.EnrolMfaAsync(client);
        var after = await client.GetDocumentAsync("/id/mfa");
        var homeAfter = await client.GetDocumentAsync("/");

        Assert.NotNull(home.QuerySelector("[data-testid=mfa-banner]"));
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector("[data-testid=mfa-qr]")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.NotNull(after.QuerySelector("[data-testid=mfa-on]"));
        Assert.Null(after.QuerySelector("[data-testid=recovery-codes]"));
        Assert.Null(homeAfter.QuerySelector("[data-testid=mfa-banner]"));
        Assert.Contains(await app.AuditOfAsync(user.Id), e => e.Event == "mfa.enabled");
    }

    [Theory, BothDatabases]
    public async Task Enrol_WrongCode_KeepsMfaOff(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        using var client = await app.SignedInClientAsync(user.Email!, password);
        var page = await client.GetDocumentAsync("/id/mfa");
        var key = page.Text("[data-testid=mfa-key]");

        using var response = await client.SubmitFormAsync(page, "/id/mfa", Form(("Code", app.Code(key, steps: 3))), "#enable-form");

        Assert.StartsWith("That code is not right.", (await HtmlForms.ParseAsync(response)).Text("[data-testid=mfa-error]"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(c => c.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task SignIn_WithMfa_AsksForTheCodeAndAcceptsIt(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using (var setup = await app.SignedInClientAsync(user.Email!, password))
        {
            var (key, _) = await app.EnrolMfaAsync(setup);
            app.NextTotpStep();

            using var client = await app.SignedInWithMfaAsync(user.Email!, password, key);

            Assert.True(await client.IsSignedInAsync());
        }
        Assert.Contains(await app.AuditOfAsync(user.Id), e => e.Event == "signin.ok" && e.Detail == "mfa: totp");
    }

    [Theory, BothDatabases]
    public async Task SignIn_PasswordOnlyWithMfaOn_IsNotSignedIn(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using (var setup = await app.SignedInClientAsync(user.Email!, password))
        {
            await app.EnrolMfaAsync(setup);
        }
        using var client = app.NewClient();

        using var first = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", password)));

        Assert.StartsWith("/signin/mfa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(await client.IsSignedInAsync());
    }

    [Theory, BothDatabases]
    public async Task TotpCode_UsedTwice_IsRefusedTheSecondTime(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        string key;
        using (var setup = await app.SignedInClientAsync(user.Email!, password))
        {
            (key, _) = await app.EnrolMfaAsync(setup);
        }
        app.NextTotpStep();
        var code = app.Code(key);
        using (var signedIn = await app.SignedInWithMfaAsync(user.Email!, password, key))
        {
            Assert.True(await signedIn.IsSignedInAsync());
        }

        // The same code, still within its time step, a second time.
        using var client = app.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");
        using var first = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", password)));
        using var reused = await client.SubmitFormAsync(first.Headers.Location!.OriginalString, Form(("Code", code)), "#totp-form");

        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Equal("The code is not right.", (await HtmlForms.ParseAsync(reused)).Text("[data-testid=signin-error]"));
        app.NextTotpStep();
        using var fresh = await client.SubmitFormAsync(first.Headers.Location!.OriginalString, Form(("Code", app.Code(key))), "#totp-form");
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task TotpCode_OneStepOldPasses_TwoStepsOldFails(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        string key;
        using (var setup = await app.SignedInClientAsync(user.Email!, password))
        {
            (key, _) = await app.EnrolMfaAsync(setup);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        using var client = app.NewClient();
        using var first = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", password)));
        var mfaUrl = first.Headers.Location!.OriginalString;

        using var tooOld = await client.SubmitFormAsync(mfaUrl, Form(("Code", app.Code(key, steps: -2))), "#totp-form");
        using var tooNew = await client.SubmitFormAsync(mfaUrl, Form(("Code", app.Code(key, steps: 2))), "#totp-form");
        using var oneOld = await client.SubmitFormAsync(mfaUrl, Form(("Code", app.Code(key, steps: -1))), "#totp-form");

        Assert.Equal(HttpStatusCode.OK, tooOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tooNew.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, oneOld.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task RecoveryCode_SignsInOnceOnly(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        IReadOnlyList<string> codes;
        using (var setup = await app.SignedInClientAsync(user.Email!, password))
        {
            (_, codes) = await app.EnrolMfaAsync(setup);
        }

        var firstUse = await SignInWithRecoveryCodeAsync(app, user.Email!, password, codes[0]);
        var secondUse = await SignInWithRecoveryCodeAsync(app, user.Email!, password, codes[0]);

        Assert.Equal(HttpStatusCode.Redirect, firstUse);
        Assert.Equal(HttpStatusCode.OK, secondUse);
        var stored = await app.WithDbAsync(c => c.UserTokens.Where(t => t.UserId == user.Id && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync());
        Assert.DoesNotContain(codes[1], stored!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, await SignInWithRecoveryCodeAsync(app, user.Email!, password, " " + codes[1].ToLowerInvariant()));
        Assert.Contains(await app.AuditOfAsync(user.Id), e => e.Event == "signin.ok" && e.Detail == "mfa: recovery code");
    }

    [Theory, BothDatabases]
    public async Task RecoveryCodes_Regenerated_OldOnesStopWorking(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var setup = await app.SignedInClientAsync(user.Email!, password);
        var (_, oldCodes) = await app.EnrolMfaAsync(setup);

        using var regenerated = await setup.SubmitFormAsync("/id/mfa", Form(), "#regenerate-form");
        var newCodes = (await HtmlForms.ParseAsync(regenerated)).QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();

        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Equal(HttpStatusCode.OK, await SignInWithRecoveryCodeAsync(app, user.Email!, password, oldCodes[1]));
        Assert.Equal(HttpStatusCode.Redirect, await SignInWithRecoveryCodeAsync(app, user.Email!, password, newCodes[1]));
    }

    [Theory, BothDatabases]
    public async Task Disable_NeedsThePasswordAndACode(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var client = await app.SignedInClientAsync(user.Email!, password);
        var (key, _) = await app.EnrolMfaAsync(client);
        app.NextTotpStep();

        using var wrongPassword = await client.SubmitFormAsync("/id/mfa/disable", Form(("Password", "Wrong#Passw0rd-1"), ("Code", app.Code(key))));
        using var noCode = await client.SubmitFormAsync("/id/mfa/disable", Form(("Password", password), ("Code", "")));
        var stillOn = await app.WithDbAsync(c => c.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync());
        using var both = await client.SubmitFormAsync("/id/mfa/disable", Form(("Password", password), ("Code", app.Code(key))));

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, noCode.StatusCode);
        Assert.True(stillOn);
        Assert.Equal(HttpStatusCode.Redirect, both.StatusCode);
        Assert.False(await app.WithDbAsync(c => c.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Contains(await app.AuditOfAsync(user.Id), e => e.Event == "mfa.disabled");
        Assert.NotNull((await client.GetDocumentAsync("/")).QuerySelector("[data-testid=mfa-banner]"));
    }

    [Theory, BothDatabases]
    public async Task Lockout_FailuresAcrossPasswordTotpAndRecoveryCodes_LockAtTheTenth(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        string key;
        using (var setup = await app.SignedInClientAsync(user.Email!, password))
        {
            (key, _) = await app.EnrolMfaAsync(setup);
        }
        app.NextTotpStep();
        using var client = app.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", $"Wrong#Passw0rd-{i}")));
        }
        using var first = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", password)));
        var mfaUrl = first.Headers.Location!.OriginalString;
        for (var i = 0; i < 3; i++)
        {
            using var wrongCode = await client.SubmitFormAsync(mfaUrl, Form(("Code", app.Code(key, steps: 5 + i))), "#totp-form");
        }
        for (var i = 0; i < 2; i++)
        {
            using var wrongRecovery = await client.SubmitFormAsync(mfaUrl, Form(("RecoveryCode", $"AAAAA-BBBB{i}")), "#recovery-form");
            Assert.Equal("The code is not right.", (await HtmlForms.ParseAsync(wrongRecovery)).Text("[data-testid=signin-error]"));
        }
        using var tenth = await client.SubmitFormAsync(mfaUrl, Form(("RecoveryCode", "AAAAA-CCCCC")), "#recovery-form");
        using var rightCode = await client.SubmitFormAsync(mfaUrl, Form(("Code", app.Code(key))), "#totp-form");

        Assert.StartsWith("Your ID is locked for 15 minutes", (await HtmlForms.ParseAsync(tenth)).Text("[data-testid=signin-error]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rightCode.StatusCode);
        Assert.False(await client.IsSignedInAsync());
        await app.DeliverMailAsync();
        Assert.Equal("Your Members ID has been locked", (await app.Mail.WaitForAsync(user.Email!)).Subject);
    }

    private static async Task<HttpStatusCode> SignInWithRecoveryCodeAsync(PortalApp app, string email, string password, string code)
    {
        using var client = app.NewClient();
        using var first = await client.SubmitFormAsync("/signin", Form(("Email", email), ("Password", password)));
        using var second = await client.SubmitFormAsync(first.Headers.Location!.OriginalString, Form(("RecoveryCode", code)), "#recovery-form");
        return second.StatusCode;
    }
}
