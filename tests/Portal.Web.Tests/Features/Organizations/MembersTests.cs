using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Organizations;

public sealed class MembersTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task MembersList_ShowsNameEmailTypeJoinedAndLatestAccess(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var general = await app.SignedInClientAsync(world.GeneralUser.Email!, world.Password);
        using var visit = await general.GetAsync($"/orgs/{world.OrgId}");
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        var page = await power.GetDocumentAsync($"/orgs/{world.OrgId}/members");
        var rows = page.QuerySelectorAll("[data-testid=members-table] tbody tr").Select(r => r.TextContent).ToList();

        Assert.Equal(2, rows.Count);
        var generalRow = rows.Single(r => r.Contains(world.GeneralUser.Email!, StringComparison.Ordinal));
        Assert.Contains(world.GeneralUser.DisplayName, generalRow, StringComparison.Ordinal);
        Assert.Contains("一般ユーザー", generalRow, StringComparison.Ordinal);
        Assert.Contains("JST", generalRow, StringComparison.Ordinal);
        Assert.DoesNotContain("なし", generalRow, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task PowerUser_ChangesPermissions_TakesEffectOnTheNextRequest(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var general = await app.SignedInClientAsync(world.GeneralUser.Email!, world.Password);
        using (var before = await general.GetAsync($"/orgs/{world.OrgId}/members"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        }

        using var grant = await power.SubmitFormAsync($"/orgs/{world.OrgId}/members/{world.GeneralMembershipId}",
            new Dictionary<string, string> { ["Type"] = "General", ["Permissions[0]"] = "UserViewer" }, "form[action$='handler=Save']");
        using var granted = await general.GetAsync($"/orgs/{world.OrgId}/members");
        // Unticking every box: the checkbox field is replaced by the no-permission value.
        using var revoke = await power.SubmitFormAsync($"/orgs/{world.OrgId}/members/{world.GeneralMembershipId}",
            new Dictionary<string, string> { ["Type"] = "General", ["Permissions"] = "None" }, "form[action$='handler=Save']");
        using var revoked = await general.GetAsync($"/orgs/{world.OrgId}/members");

        Assert.Equal(HttpStatusCode.Redirect, grant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revoked.StatusCode);
        var events = await app.WithDbAsync(c => c.AuditEvents.Where(e => e.OrganizationId == world.OrgId && e.Event == "membership.changed").CountAsync());
        Assert.Equal(2, events);
    }

    [Theory, BothDatabases]
    public async Task LastPowerUser_CannotBeDemotedOrRemoved(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var ownMembership = await app.WithDbAsync(c => c.Memberships.Where(m => m.UserId == world.PowerUser.Id).Select(m => m.Id).SingleAsync());

        using var demote = await power.SubmitFormAsync($"/orgs/{world.OrgId}/members/{ownMembership}",
            new Dictionary<string, string> { ["Type"] = "General" }, "form[action$='handler=Save']");
        using var remove = await power.SubmitFormAsync($"/orgs/{world.OrgId}/members/{ownMembership}", new Dictionary<string, string>(), "form[action$='handler=Remove']");

        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        Assert.Contains("最後の特権ユーザー", (await HtmlForms.ParseAsync(remove)).Text("[data-testid=member-error]"), StringComparison.Ordinal);
        Assert.Equal(MemberType.Power, await app.WithDbAsync(c => c.Memberships.Where(m => m.Id == ownMembership).Select(m => m.Type).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task RemovedMember_LosesThisOrganizationOnly(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        var other = await app.CreateWorldAsync("other");
        await app.AddMemberAsync(other.OrgId, world.GeneralUser.Id, MemberType.General);
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var general = await app.SignedInClientAsync(world.GeneralUser.Email!, world.Password);

        using var remove = await power.SubmitFormAsync($"/orgs/{world.OrgId}/members/{world.GeneralMembershipId}", new Dictionary<string, string>(), "form[action$='handler=Remove']");
        using var removedOrg = await general.GetAsync($"/orgs/{world.OrgId}");
        using var otherOrg = await general.GetAsync($"/orgs/{other.OrgId}");

        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, removedOrg.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherOrg.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task AccessDenied_NamesTheMissingPermissionAndThePowerUsers(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var general = await app.SignedInClientAsync(world.GeneralUser.Email!, world.Password);

        using var response = await general.GetAsync($"/orgs/{world.OrgId}/invitations");
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("アクセスに必要な権限が許可されていません：組織招待閲覧", page.Text("[data-testid=status-message]"));
        Assert.Contains(world.PowerUser.Email!, page.Text("[data-testid=power-users]"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/help/permissions']"));
    }

    [Theory, BothDatabases]
    public async Task PermissionEditor_AccountViewerWithoutProjectViewer_ShowsTheWarning(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        await app.SetPermissionsAsync(world.GeneralMembershipId, Permission.AccountViewer);
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        var editor = await power.GetDocumentAsync($"/orgs/{world.OrgId}/members/{world.GeneralMembershipId}");
        var newInvitation = await power.GetDocumentAsync($"/orgs/{world.OrgId}/invitations/new");

        Assert.DoesNotContain("d-none", editor.QuerySelector("[data-testid=account-needs-project]")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("d-none", newInvitation.QuerySelector("[data-testid=account-needs-project]")!.ClassName, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task PermissionsHelp_ListsEveryPermissionInBothLanguages(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        var japanese = await client.GetDocumentAsync("/help/permissions");
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");
        var english = await client.GetDocumentAsync("/help/permissions");

        Assert.Equal(PermissionRules.Grantable.Count, japanese.QuerySelectorAll("[data-testid=permission-catalogue] tbody tr").Length);
        Assert.Contains("お問い合わせ", japanese.Text("[data-testid=permission-catalogue]"), StringComparison.Ordinal);
        Assert.Contains("Inquiry user", english.Text("[data-testid=permission-catalogue]"), StringComparison.Ordinal);
    }
}
