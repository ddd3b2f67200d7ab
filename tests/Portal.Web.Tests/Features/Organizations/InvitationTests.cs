using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Organizations;

public sealed partial class InvitationTests(PortalApps apps)
{
    private static Dictionary<string, string> InviteForm(string email, string type, params string[] permissions)
    {
        var form = new Dictionary<string, string> { ["Email"] = email, ["Type"] = type, ["Language"] = "en" };
        // Several values of one field: the form helper takes a dictionary, so repeated checkboxes are joined by index keys.
        for (var i = 0; i < permissions.Length; i++)
        {
            form[$"Permissions[{i}]"] = permissions[i];
        }
        return form;
    }

    private static async Task<string> InvitationLinkAsync(PortalApp app, string email)
    {
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(email, m => (m.Subject ?? "").Contains("Invitation", StringComparison.Ordinal) || (m.Subject ?? "").Contains("招待", StringComparison.Ordinal));
        return LinkPattern().Match(mail.TextBody ?? "").Value;
    }

    [Theory, BothDatabases]
    public async Task Invite_NewAddress_SignsUpAndJoinsWithExactlyTheGrantedPermissions(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var email = $"newcomer-{Guid.NewGuid():N}@test.example";

        using var sent = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/new", InviteForm(email, "General", "UserViewer", "ProjectViewer"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var link = await InvitationLinkAsync(app, email);
        var path = new Uri(link).PathAndQuery;

        using var invitee = app.NewClient();
        var page = await invitee.GetDocumentAsync(path);
        Assert.Contains(world.Name, page.Text("main h1"), StringComparison.Ordinal);
        using var joined = await invitee.SubmitFormAsync(page, path, new Dictionary<string, string> { ["SignUp.DisplayName"] = "New Comer", ["SignUp.Password"] = "Fresh#Passw0rd-42", ["SignUp.ConfirmPassword"] = "Fresh#Passw0rd-42" });

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/orgs/{world.OrgId}", joined.Headers.Location!.OriginalString);
        using (var members = await invitee.GetAsync($"/orgs/{world.OrgId}/members"))
        {
            Assert.Equal(HttpStatusCode.OK, members.StatusCode);
        }
        using (var invitations = await invitee.GetAsync($"/orgs/{world.OrgId}/invitations"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, invitations.StatusCode);
        }
        var membership = await app.WithDbAsync(c => c.Memberships.SingleAsync(m => m.OrganizationId == world.OrgId && m.User.Email == email));
        Assert.Equal(MemberType.General, membership.Type);
        Assert.Equal(Permission.UserViewer | Permission.ProjectViewer, membership.Permissions);
        await app.DeliverMailAsync();
        var welcome = await app.Mail.WaitForAsync(email, m => (m.Subject ?? "").Contains("Welcome", StringComparison.Ordinal));
        Assert.Contains(world.Name, welcome.Subject, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Accept_SecondTime_IsRefused(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var email = $"once-{Guid.NewGuid():N}@test.example";
        using var sent = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/new", InviteForm(email, "General"));
        var path = new Uri(await InvitationLinkAsync(app, email)).PathAndQuery;
        using var first = app.NewClient();
        using var joined = await first.SubmitFormAsync(path, new Dictionary<string, string> { ["SignUp.DisplayName"] = "Once", ["SignUp.Password"] = "Fresh#Passw0rd-42", ["SignUp.ConfirmPassword"] = "Fresh#Passw0rd-42" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);

        using var second = app.NewClient();
        var again = await second.GetDocumentAsync(path);

        Assert.NotNull(again.QuerySelector("[data-testid=invitation-invalid]"));
        Assert.Equal(1, await app.WithDbAsync(c => c.Memberships.CountAsync(m => m.OrganizationId == world.OrgId && m.User.Email == email)));
    }

    [Theory, BothDatabases]
    public async Task Accept_ExpiredOrRevokedLink_IsRefused(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var expiredEmail = $"expired-{Guid.NewGuid():N}@test.example";
        var revokedEmail = $"revoked-{Guid.NewGuid():N}@test.example";
        using var a = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/new", InviteForm(expiredEmail, "General"));
        using var b = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/new", InviteForm(revokedEmail, "General"));
        var expiredPath = new Uri(await InvitationLinkAsync(app, expiredEmail)).PathAndQuery;
        var revokedPath = new Uri(await InvitationLinkAsync(app, revokedEmail)).PathAndQuery;
        // The clock is shared by parallel tests, so this invitation's seven days pass in its own row instead.
        await app.WithDbAsync(c => c.Invitations.Where(i => i.Email == expiredEmail)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, app.Clock.GetUtcNow().AddSeconds(-1))));
        var revokedId = await app.WithDbAsync(c => c.Invitations.Where(i => i.Email == revokedEmail).Select(i => i.Id).SingleAsync());
        using var revoke = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/{revokedId}", new Dictionary<string, string>(), "form[action$='handler=Revoke']");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);

        using var invitee = app.NewClient();
        var expired = await invitee.GetDocumentAsync(expiredPath);
        var revoked = await invitee.GetDocumentAsync(revokedPath);
        using var forcedPost = await invitee.PostAsync(revokedPath + "?handler=SignUp", new FormUrlEncodedContent([]));

        Assert.NotNull(expired.QuerySelector("[data-testid=invitation-invalid]"));
        Assert.NotNull(revoked.QuerySelector("[data-testid=invitation-invalid]"));
        Assert.NotEqual(HttpStatusCode.Redirect, forcedPost.StatusCode);
        var list = await power.GetDocumentAsync($"/orgs/{world.OrgId}/invitations");
        Assert.NotNull(list.QuerySelector("[data-status=Expired]"));
        Assert.NotNull(list.QuerySelector("[data-status=Revoked]"));
        Assert.Equal(0, await app.WithDbAsync(c => c.Users.CountAsync(u => u.Email == expiredEmail || u.Email == revokedEmail)));
    }

    [Theory, BothDatabases]
    public async Task Accept_SignedInWithAnotherEmail_IsRefused(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        var (intruder, intruderPassword) = await app.CreateUserAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var email = $"invited-{Guid.NewGuid():N}@test.example";
        using var sent = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/new", InviteForm(email, "General"));
        var path = new Uri(await InvitationLinkAsync(app, email)).PathAndQuery;

        using var client = await app.SignedInClientAsync(intruder.Email!, intruderPassword);
        var page = await client.GetDocumentAsync(path);
        using var post = await client.PostAsync(path, new FormUrlEncodedContent([new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "")]));

        Assert.NotNull(page.QuerySelector("[data-testid=invitation-wrong-user]"));
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.False(await app.WithDbAsync(c => c.Memberships.AnyAsync(m => m.OrganizationId == world.OrgId && m.UserId == intruder.Id)));
    }

    [Theory, BothDatabases]
    public async Task Accept_ExistingId_SignsInThenJoins(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        var (existing, password) = await app.CreateUserAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var sent = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/new", InviteForm(existing.Email!, "Power"));
        var path = new Uri(await InvitationLinkAsync(app, existing.Email!)).PathAndQuery;

        using var anonymous = app.NewClient();
        var asksToSignIn = await anonymous.GetDocumentAsync(path);
        using var client = await app.SignedInClientAsync(existing.Email!, password);
        using var joined = await client.SubmitFormAsync(path, new Dictionary<string, string>());

        Assert.NotNull(asksToSignIn.QuerySelector("[data-testid=invitation-sign-in]"));
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal(MemberType.Power, await app.WithDbAsync(c => c.Memberships.Where(m => m.OrganizationId == world.OrgId && m.UserId == existing.Id).Select(m => m.Type).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task Resend_IssuesNewLink_OldLinkStopsWorking(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var email = $"resend-{Guid.NewGuid():N}@test.example";
        using var sent = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/new", InviteForm(email, "General"));
        var firstPath = new Uri(await InvitationLinkAsync(app, email)).PathAndQuery;
        var id = await app.WithDbAsync(c => c.Invitations.Where(i => i.Email == email).Select(i => i.Id).SingleAsync());

        using var resend = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/{id}", new Dictionary<string, string>(), "form[action$='handler=Resend']");
        await app.DeliverMailAsync();
        var mails = app.Mail.To(email);
        var secondPath = new Uri(LinkPattern().Match(mails[^1].TextBody ?? "").Value).PathAndQuery;
        using var invitee = app.NewClient();

        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        Assert.Equal(2, mails.Count);
        Assert.NotEqual(firstPath, secondPath);
        Assert.NotNull((await invitee.GetDocumentAsync(firstPath)).QuerySelector("[data-testid=invitation-invalid]"));
        Assert.Null((await invitee.GetDocumentAsync(secondPath)).QuerySelector("[data-testid=invitation-invalid]"));
    }

    [Theory, BothDatabases]
    public async Task Invitation_StoresOnlyTheTokensHash(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var email = $"hash-{Guid.NewGuid():N}@test.example";
        using var sent = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/new", InviteForm(email, "General"));
        var link = await InvitationLinkAsync(app, email);
        var token = link[(link.LastIndexOf('/') + 1)..];

        var stored = await app.WithDbAsync(c => c.Invitations.Where(i => i.Email == email).Select(i => i.TokenHash).SingleAsync());

        Assert.True(token.Length >= 22, "at least 128 random bits");
        Assert.NotEqual(token, stored);
        Assert.Equal(Invitation.HashToken(token), stored);
    }

    [Theory, BothDatabases]
    public async Task Invite_BadInput_ShowsAnErrorAndStoresNothing(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        using var invalid = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/new", InviteForm("not-an-address", "General"));
        using var member = await power.SubmitFormAsync($"/orgs/{world.OrgId}/invitations/new", InviteForm(world.GeneralUser.Email!, "General"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, member.StatusCode);
        Assert.Contains(world.GeneralUser.Email!, (await HtmlForms.ParseAsync(member)).Text("[data-testid=invite-error]"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(c => c.Invitations.CountAsync(i => i.OrganizationId == world.OrgId)));
    }

    [GeneratedRegex(@"http://localhost/id/invitations/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
