using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Auditing;
using Portal.Web.Tests.Infrastructure;
using static Portal.Web.Tests.Features.Account.AccountSteps;

namespace Portal.Web.Tests.Features.Account;

public sealed class SignInTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task SignInPage_RememberMe_IsOffByDefaultAndTheCookieEndsWithTheBrowser(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var client = app.NewClient();

        var page = await client.GetDocumentAsync("/signin");
        using var response = await client.SubmitFormAsync(page, "/signin", Form(("Email", user.Email!), ("Password", password)));

        Assert.False(page.QuerySelector("#RememberMe")!.HasAttribute("checked"));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, BothDatabases]
    public async Task SignIn_OverHttps_SetsASecureHttpOnlyLaxCookie(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var response = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", password), ("RememberMe", "true")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Contains("expires=", cookie, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task SignIn_Outcomes_AreAuditedWithTheUserAgent(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var client = app.NewClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AuditProbe/1.0");

        using var wrong = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", "Wrong#Passw0rd-1")));
        using var right = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", password)));

        var events = await app.AuditOfAsync(user.Id);
        var failed = Assert.Single(events, e => e.Event == "signin.failed");
        var ok = Assert.Single(events, e => e.Event == "signin.ok");
        Assert.Equal(AuditResult.Failure, failed.Result);
        Assert.Equal(AuditResult.Success, ok.Result);
        Assert.Equal(user.Id, ok.ActorId);
        Assert.Equal("AuditProbe/1.0", ok.UserAgent);
        Assert.True(ok.OccurredAt >= PortalApp.Start);
    }

    [Theory, BothDatabases]
    public async Task SignIn_TenthFailure_LocksForFifteenMinutesAndMailsTheUser(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        using var client = app.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");

        for (var i = 1; i <= 9; i++)
        {
            using var failure = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", $"Wrong#Passw0rd-{i}")));
            Assert.Equal("The email address or password is incorrect.", (await HtmlForms.ParseAsync(failure)).Text("[data-testid=signin-error]"));
        }
        using var tenth = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", "Wrong#Passw0rd-10")));
        using var rightButLocked = await client.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", password)));

        var lockedText = (await HtmlForms.ParseAsync(tenth)).Text("[data-testid=signin-error]");
        Assert.StartsWith("Your ID is locked for 15 minutes", lockedText, StringComparison.Ordinal);
        Assert.Equal(lockedText, (await HtmlForms.ParseAsync(rightButLocked)).Text("[data-testid=signin-error]"));
        var lockoutEnd = await app.WithDbAsync(c => c.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync());
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(user.Email!);
        Assert.Equal("Your Members ID has been locked", mail.Subject);
        Assert.Contains("10 failed sign-in attempts", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(password, mail.TextBody, StringComparison.Ordinal);
        Assert.Single(app.Mail.To(user.Email!));
        Assert.Contains(await app.AuditOfAsync(user.Id), e => e.Event == "signin.locked");
    }

    [Theory, BothDatabases]
    public async Task SignIn_DeletedOrUnknownEmail_GetsTheFailureMessage(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        using var response = await client.SubmitFormAsync("/signin", Form(("Email", $"nobody-{Guid.NewGuid():N}@test.example"), ("Password", "Wrong#Passw0rd-1")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("メールアドレスまたはパスワードが正しくありません。", (await HtmlForms.ParseAsync(response)).Text("[data-testid=signin-error]"));
    }

    [Theory, BothDatabases]
    public async Task SignIn_TooManyPostsFromOneAddress_AreRejectedWith429AndRetryAfter(DatabaseKind db)
    {
        var app = await apps.For(db);
        var attacker = IPAddress.Parse("203.0.113.7");
        Task<HttpContext> PostFrom(IPAddress address) => app.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/signin";
            c.Connection.RemoteIpAddress = address;
        });

        for (var i = 0; i < 60; i++)
        {
            var allowed = await PostFrom(attacker);
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, allowed.Response.StatusCode);
        }
        var rejected = await PostFrom(attacker);
        var someoneElse = await PostFrom(IPAddress.Parse("198.51.100.7"));

        Assert.Equal(StatusCodes.Status429TooManyRequests, rejected.Response.StatusCode);
        Assert.True(int.Parse(rejected.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, someoneElse.Response.StatusCode);
    }
}
