using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Organizations;

public sealed class StaffOrganizationTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task Staff_CreatesOrganizationAndInvitesItsFirstPowerUser(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (_, staffClient) = await app.SignedInStaffAsync();
        using var client = staffClient;
        var code = $"new-{Guid.NewGuid():N}"[..20];
        var email = $"first-{Guid.NewGuid():N}@test.example";

        using var created = await client.SubmitFormAsync("/staff/organizations", new Dictionary<string, string> { ["Name"] = "新規株式会社", ["Code"] = code, ["LegalName"] = "新規株式会社", ["Address"] = "大阪府" });
        var invitePath = created.Headers.Location!.OriginalString;
        using var duplicate = await client.SubmitFormAsync("/staff/organizations", new Dictionary<string, string> { ["Name"] = "Other", ["Code"] = code });
        using var invited = await client.SubmitFormAsync(invitePath, new Dictionary<string, string> { ["Email"] = email, ["Type"] = "Power" });
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(email);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Contains("新規株式会社", mail.Subject, StringComparison.Ordinal);
        var invitation = await app.WithDbAsync(c => c.Invitations.SingleAsync(i => i.Email == email));
        Assert.Equal(MemberType.Power, invitation.Type);
        Assert.Equal(1, await app.WithDbAsync(c => c.Organizations.CountAsync(o => o.Code == code)));
    }

    [Theory, BothDatabases]
    public async Task StaffPages_CustomerUser_IsForbidden(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        foreach (var url in new[] { "/staff", "/staff/organizations", "/staff/audit", $"/staff/organizations/{world.OrgId}/invite" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("signin", StringComparison.Ordinal) != true, url);
        }
    }

    [Fact]
    public async Task Cli_OrgCreateAndInvite_PrintTheIdAndTheLinkOnce()
    {
        var folder = Directory.CreateTempSubdirectory("portal-cli-org-").FullName;
        try
        {
            await PortalCli.RunAsync(folder, null, "migrate");
            var create = await PortalCli.RunAsync(folder, null, "org", "create", "--name", "CLI商事", "--code", "cli-shoji");
            var duplicate = await PortalCli.RunAsync(folder, null, "org", "create", "--name", "CLI商事", "--code", "cli-shoji");
            var invite = await PortalCli.RunAsync(folder, null, "invite", "--org", "cli-shoji", "--email", "boss@cli.example", "--type", "general", "--permissions", "project-viewer,account-viewer");
            var badPermission = await PortalCli.RunAsync(folder, null, "invite", "--org", "cli-shoji", "--email", "x@cli.example", "--type", "general", "--permissions", "everything");

            Assert.True(create.ExitCode == 0, create.Error);
            Assert.True(Guid.TryParse(create.Output.Trim(), out _), create.Output);
            Assert.NotEqual(0, duplicate.ExitCode);
            Assert.Contains("already used", duplicate.Error, StringComparison.Ordinal);
            Assert.True(invite.ExitCode == 0, invite.Error);
            Assert.Matches(@"http://localhost:5080/id/invitations/[A-Za-z0-9_\-]{40,}", invite.Output);
            Assert.NotEqual(0, badPermission.ExitCode);
            Assert.Contains("Unknown permission 'everything'", badPermission.Error, StringComparison.Ordinal);
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "data", "portal.db")};Pooling=false");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM outbox_mails WHERE \"to\" = 'boss@cli.example'";
            Assert.Equal(1L, (long)command.ExecuteScalar()!);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
