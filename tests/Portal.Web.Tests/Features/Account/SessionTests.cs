using System.Net;
using Portal.Web.Tests.Infrastructure;
using static Portal.Web.Tests.Features.Account.AccountSteps;

namespace Portal.Web.Tests.Features.Account;

/// <summary>Expiry of reset links and the end of other sessions within a minute; these move the shared clock.</summary>
[Collection(ClockSensitive.Name)]
public sealed class SessionTests(PortalApps apps)
{
    private const string NewPassword = "Neue-Passw0rt#2026";

    [Theory, BothDatabases]
    public async Task PasswordChange_EndsTheOtherSessionWithinAMinute(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var laptop = await app.SignedInClientAsync(user.Email!, password);
        using var phone = await app.SignedInClientAsync(user.Email!, password);

        using var changed = await laptop.SubmitFormAsync("/id/password", Form(("CurrentPassword", password), ("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)));
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.False(await phone.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
    }

    [Theory, BothDatabases]
    public async Task PasswordReset_EndsEverySessionWithinAMinute(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var session = await app.SignedInClientAsync(user.Email!, password);
        using var anonymous = app.NewClient();
        using var requested = await anonymous.SubmitFormAsync("/id/password/forgot", Form(("Email", user.Email!)));
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(user.Email!);
        var link = PathOf(LinkIn(mail.TextBody));

        using var reset = await anonymous.SubmitFormAsync(link, Form(("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)));
        var before = await session.IsSignedInAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal("Members ID のパスワード再設定", mail.Subject);
        Assert.Contains("30分で無効になります", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.True(before, "The validation interval has not passed yet; the session is only checked every minute.");
        Assert.False(await session.IsSignedInAsync());
    }

    [Theory, BothDatabases]
    public async Task ResetLink_After30Minutes_IsRefused(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, _) = await app.CreateUserAsync();
        using var client = app.NewClient();
        using var requested = await client.SubmitFormAsync("/id/password/forgot", Form(("Email", user.Email!)));
        await app.DeliverMailAsync();
        var link = PathOf(LinkIn((await app.Mail.WaitForAsync(user.Email!)).TextBody));

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        var stillValid = await client.GetDocumentAsync(link);
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var expired = await client.SubmitFormAsync(stillValid, link, Form(("NewPassword", NewPassword), ("ConfirmPassword", NewPassword)));

        Assert.NotNull(stillValid.QuerySelector("#NewPassword"));
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(expired)).QuerySelector("[data-testid=reset-invalid]"));
    }

    [Theory, BothDatabases]
    public async Task DeletingTheId_EndsTheOtherSessionsWithinAMinute(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var laptop = await app.SignedInClientAsync(user.Email!, password);
        using var phone = await app.SignedInClientAsync(user.Email!, password);

        using var deleted = await laptop.SubmitFormAsync("/id/delete", Form(("CurrentPassword", password), ("Confirm", "true")));
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await phone.IsSignedInAsync());
        Assert.False(await laptop.IsSignedInAsync());
    }
}
