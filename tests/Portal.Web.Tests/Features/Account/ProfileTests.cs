using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;
using static Portal.Web.Tests.Features.Account.AccountSteps;

namespace Portal.Web.Tests.Features.Account;

/// <summary>The profile page and deleting the ID.</summary>
public sealed class ProfileTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task Profile_NameAndLanguage_ChangeOnlyWithTheCurrentPassword(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync("Hiro");
        using var client = await app.SignedInClientAsync(user.Email!, password);

        using var wrong = await client.SubmitFormAsync("/id/profile", Form(("DisplayName", "Hiroshi"), ("Language", "en"), ("CurrentPassword", "Wrong#Passw0rd-1")));
        using var right = await client.SubmitFormAsync("/id/profile", Form(("DisplayName", "Hiroshi"), ("Language", "en"), ("CurrentPassword", password)));
        var saved = await client.FollowAsync(right);

        Assert.Equal(["現在のパスワードが正しくありません。"], (await HtmlForms.ParseAsync(wrong)).QuerySelectorAll("[data-testid=field-error]").Select(e => e.TextContent.Trim()));
        Assert.Equal("en", saved.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Your profile has been saved.", saved.Text("[data-testid=profile-saved]"));
        Assert.Equal("Hiroshi", ((IHtmlInputElement)saved.QuerySelector("#DisplayName")!).Value);
        var stored = await app.WithDbAsync(c => c.Users.Where(u => u.Id == user.Id).Select(u => new { u.DisplayName, u.Language }).SingleAsync());
        Assert.Equal(("Hiroshi", "en"), (stored.DisplayName, stored.Language));
    }

    [Theory, BothDatabases]
    public async Task Profile_Email_IsReadOnlyWithWhatToDoInstead(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        using var client = await app.SignedInClientAsync(user.Email!, password);

        var page = await client.GetDocumentAsync("/id/profile");
        using var attempt = await client.SubmitFormAsync(page, "/id/profile", Form(("Email", "other@test.example"), ("CurrentPassword", password)));

        var email = (IHtmlInputElement)page.QuerySelector("#Email")!;
        Assert.True(email.IsReadOnly);
        Assert.Null(email.GetAttribute("name"));
        Assert.Contains("invite that address", page.Text("[data-testid=email-fixed]"), StringComparison.Ordinal);
        Assert.Equal(user.Id.ToString(), page.Text("[data-testid=profile-id]"));
        Assert.Equal(user.Email, await app.WithDbAsync(c => c.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task Delete_WhileAMember_IsRefusedWithTheOrganizations(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        var name = $"Kaisha {Guid.NewGuid():N}";
        await app.WithDbAsync(async c =>
        {
            var organization = new Organization { Name = name, Code = Guid.NewGuid().ToString("N")[..20], LegalName = name, CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow() };
            c.Organizations.Add(organization);
            c.Memberships.Add(new Membership { Organization = organization, UserId = user.Id, Type = MemberType.General, JoinedAt = app.Clock.GetUtcNow() });
            return await c.SaveChangesAsync();
        });
        using var client = await app.SignedInClientAsync(user.Email!, password);

        var page = await client.GetDocumentAsync("/id/delete");
        using var forced = await client.PostAsync("/id/delete", new FormUrlEncodedContent(
            [new("CurrentPassword", password), new("Confirm", "true"), new("__RequestVerificationToken", ((IHtmlInputElement)page.QuerySelector("input[name=__RequestVerificationToken]")!).Value)]));

        Assert.Equal([name], page.QuerySelectorAll("[data-testid=delete-organizations] li").Select(li => li.TextContent.Trim()));
        Assert.Null(page.QuerySelector("main form"));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(forced)).QuerySelector("[data-testid=delete-refused]"));
        Assert.True(await client.IsSignedInAsync());
    }

    [Theory, BothDatabases]
    public async Task Delete_WithoutOrganizations_ErasesPersonalDataAndEndsSignIn(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync("Erase");
        using var client = await app.SignedInClientAsync(user.Email!, password);

        using var withoutConfirm = await client.SubmitFormAsync("/id/delete", Form(("CurrentPassword", password)));
        using var deleted = await client.SubmitFormAsync("/id/delete", Form(("CurrentPassword", password), ("Confirm", "true")));

        Assert.NotNull((await HtmlForms.ParseAsync(withoutConfirm)).QuerySelector("[data-testid=delete-error]"));
        Assert.Equal("/signin?done=deleted", deleted.Headers.Location!.OriginalString);
        var row = await app.WithDbAsync(c => c.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal($"deleted-{user.Id:N}@deleted.invalid", row.Email);
        Assert.Equal("", row.DisplayName);
        Assert.Null(row.PasswordHash);
        Assert.NotNull(row.DeletedAt);
        Assert.False(await client.IsSignedInAsync());
        using var again = app.NewClient();
        using var signIn = await again.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", password)));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var audit = Assert.Single(await app.AuditOfAsync(user.Id), e => e.Event == "account.deleted");
        Assert.Equal(user.Id, audit.ActorId);
        Assert.DoesNotContain(user.Email!, audit.Detail ?? "", StringComparison.Ordinal);
    }
}
