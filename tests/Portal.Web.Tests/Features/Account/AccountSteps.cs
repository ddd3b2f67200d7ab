using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Portal.Core.Auditing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Account;

/// <summary>
/// Tests that must run alone: they move the shared fixed clock (expiry, session revalidation), compute TOTP codes from
/// it, or measure answer times. A parallel test moving the clock between computing and posting a code would make them
/// flaky, and their clock moves would disturb others. Other features' clock-moving tests belong here too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClockSensitive
{
    public const string Name = "Members ID clock";
}

/// <summary>Steps the Members ID tests share: forms, TOTP codes from the shown key, audit and mail look-ups.</summary>
public static class AccountSteps
{
    public static Dictionary<string, string> Form(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);

    /// <summary>The TOTP code for <paramref name="key"/> at the app's clock, shifted by <paramref name="steps"/> time steps.</summary>
    public static string Code(this PortalApp app, string key, int steps = 0) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()))
            .ComputeTotp(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * steps));

    /// <summary>Moves the clock to the next TOTP time step, so that a fresh code differs from the last one used.</summary>
    public static void NextTotpStep(this PortalApp app) => app.Clock.Advance(TimeSpan.FromSeconds(30));

    /// <summary>Enrols MFA through the set-up page with a code computed from the manual key; returns the key and recovery codes.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolMfaAsync(this PortalApp app, HttpClient client)
    {
        var page = await client.GetDocumentAsync("/id/mfa");
        var key = page.Text("[data-testid=mfa-key]");
        using var response = await client.SubmitFormAsync(page, "/id/mfa", Form(("Code", app.Code(key))), "#enable-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await HtmlForms.ParseAsync(response);
        var codes = done.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    /// <summary>Signs in with password then code; returns the client and the final response's location.</summary>
    public static async Task<HttpClient> SignedInWithMfaAsync(this PortalApp app, string email, string password, string key)
    {
        var client = app.NewClient();
        using var first = await client.SubmitFormAsync("/signin", Form(("Email", email), ("Password", password)));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/signin/mfa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var second = await client.SubmitFormAsync(first.Headers.Location!.OriginalString, Form(("Code", app.Code(key))), "#totp-form");
        Assert.True(second.StatusCode == HttpStatusCode.Redirect, "The MFA step did not accept the code.");
        return client;
    }

    public static async Task<IHtmlDocument> FollowAsync(this HttpClient client, HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return await client.GetDocumentAsync(redirect.Headers.Location!.OriginalString);
    }

    public static Task<List<AuditEvent>> AuditOfAsync(this PortalApp app, Guid userId) =>
        app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Subject == userId.ToString()).OrderBy(e => e.Id).ToListAsync());

    /// <summary>True when an anonymous-looking answer came back: a redirect to the sign-in page.</summary>
    public static async Task<bool> IsSignedInAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/id/profile");
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The first link to the ID service's pages in a mail body.</summary>
    public static string LinkIn(string? body)
    {
        body ??= "";
        return LinkInText(body);
    }

    private static string LinkInText(string body)
    {
        var start = body.IndexOf("http://localhost/id/", StringComparison.Ordinal);
        Assert.True(start >= 0, "No link in the mail: " + body);
        var end = body.IndexOfAny([' ', '\n', '\r'], start);
        return body[start..(end < 0 ? body.Length : end)];
    }

    public static string PathOf(string link) => new Uri(link).PathAndQuery;
}
