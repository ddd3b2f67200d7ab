using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Organizations;

public sealed class OrganizationSettingsTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task PowerUser_EditsAlias_ShownAsTheNameAndAudited(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var alias = $"エイリアス {Guid.NewGuid():N}";

        using var save = await power.SubmitFormAsync($"/orgs/{world.OrgId}/settings", new Dictionary<string, string> { ["Alias"] = alias });
        var home = await power.GetDocumentAsync($"/orgs/{world.OrgId}");
        var audit = await power.GetDocumentAsync($"/orgs/{world.OrgId}/audit");

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal(alias, home.Text("main h1"));
        Assert.Equal(alias, home.Text("[data-testid=current-organization]"));
        Assert.Contains("organization.updated", audit.Text("[data-testid=audit-table]"), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Settings_TooLongAlias_IsRefusedAndNothingChanges(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        using var save = await power.SubmitFormAsync($"/orgs/{world.OrgId}/settings", new Dictionary<string, string> { ["Alias"] = new string('a', 201), ["EnforceMfa"] = "true" });

        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        Assert.Contains("200", (await HtmlForms.ParseAsync(save)).Text("main [role=alert]"), StringComparison.Ordinal);
        var organization = await app.WithDbAsync(c => c.Organizations.SingleAsync(o => o.Id == world.OrgId));
        Assert.Null(organization.Alias);
        Assert.False(organization.EnforceMfa);
    }

    [Theory, BothDatabases]
    public async Task EnforceMfa_MemberWithoutMfa_SeesOnlyTheEnrolPage(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        await app.SetPermissionsAsync(world.GeneralMembershipId, Permission.UserViewer);
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var save = await power.SubmitFormAsync($"/orgs/{world.OrgId}/settings", new Dictionary<string, string> { ["EnforceMfa"] = "true" });
        using var general = await app.SignedInClientAsync(world.GeneralUser.Email!, world.Password);

        using var home = await general.GetAsync($"/orgs/{world.OrgId}");
        using var members = await general.GetAsync($"/orgs/{world.OrgId}/members");
        await app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            await users.SetTwoFactorEnabledAsync((await users.FindByIdAsync(world.GeneralUser.Id.ToString()))!, true);
        });
        using var afterEnrolment = await general.GetAsync($"/orgs/{world.OrgId}/members");

        Assert.Equal(HttpStatusCode.Forbidden, home.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, members.StatusCode);
        var page = await HtmlForms.ParseAsync(members);
        Assert.Contains("多要素認証", page.Text("main h1"), StringComparison.Ordinal);
        Assert.DoesNotContain(world.PowerUser.Email!, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterEnrolment.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Switcher_RemembersTheChosenOrganization(DatabaseKind db)
    {
        var app = await apps.For(db);
        var first = await app.CreateWorldAsync("first");
        var second = await app.CreateWorldAsync("second");
        await app.AddMemberAsync(second.OrgId, first.PowerUser.Id, MemberType.General);
        using var client = await app.SignedInClientAsync(first.PowerUser.Email!, first.Password);

        using var switched = await client.SubmitFormAsync($"/orgs/{first.OrgId}", new Dictionary<string, string> { ["organizationId"] = second.OrgId.ToString() }, "form[action='/orgs/switch']");
        using var home = await client.GetAsync("/");
        using var foreign = await client.SubmitFormAsync($"/orgs/{first.OrgId}", new Dictionary<string, string> { ["organizationId"] = Guid.NewGuid().ToString() }, "form[action='/orgs/switch']");

        Assert.Equal($"/orgs/{second.OrgId}", switched.Headers.Location!.OriginalString);
        Assert.Equal($"/orgs/{second.OrgId}", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
