using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Projects;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Projects;

public sealed class StaffProjectTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task Staff_CreatesAndEditsProject_InvalidNameStoresNothing(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("staffproj");
        using var staff = await StaffClientAsync(app);
        var name = $"基幹システム {Guid.NewGuid():N}";

        using var created = await staff.SubmitFormAsync("/staff/projects", new Dictionary<string, string>
        {
            ["OrganizationId"] = world.OrgId.ToString(), ["Name"] = name, ["Plan"] = "Enterprise", ["PaymentMethod"] = "口座振替",
            ["ServiceLevel"] = "Premium", ["Currency"] = "Usd",
        });
        using var blank = await staff.SubmitFormAsync("/staff/projects", new Dictionary<string, string> { ["OrganizationId"] = world.OrgId.ToString(), ["Name"] = " " });
        var editUrl = created.Headers.Location!.OriginalString.Split('?')[0];
        using var edited = await staff.SubmitFormAsync(editUrl, new Dictionary<string, string> { ["Name"] = name + " 改", ["Plan"] = "Standard", ["Currency"] = "Jpy" });
        using var blankEdit = await staff.SubmitFormAsync(editUrl, new Dictionary<string, string> { ["Name"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blankEdit.StatusCode);
        var project = await app.WithDbAsync(c => c.Projects.AsNoTracking().SingleAsync(p => p.OrganizationId == world.OrgId && p.Name.StartsWith(name)));
        Assert.Equal((name + " 改", "Standard", "口座振替", "Premium", Currency.Jpy), (project.Name, project.Plan, project.PaymentMethod, project.ServiceLevel, project.Currency));
        Assert.Equal(2, await app.WithDbAsync(c => c.Projects.CountAsync(p => p.OrganizationId == world.OrgId)));
        Assert.Equal(2, await app.WithDbAsync(c => c.AuditEvents.CountAsync(e => e.Subject == project.Id.ToString() && e.Event.StartsWith("project."))));
    }

    [Theory, BothDatabases]
    public async Task Staff_RegistersAccount_TwelveDigitsUniqueAcrossTheSystem(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("staffacct");
        var other = await app.CreateWorldAsync("staffother");
        using var staff = await StaffClientAsync(app);
        var number = Tenants.NewAccountNumber();
        Dictionary<string, string> Form(string id, Guid projectId) => new()
        {
            ["AccountNumber"] = id, ["Name"] = "本番環境", ["ProjectId"] = projectId.ToString(), ["JoinedOn"] = "2026-05-18",
        };

        using var tooShort = await staff.SubmitFormAsync("/staff/accounts", Form(number[..11], world.ProjectId), "form[data-testid=new-account]");
        using var letters = await staff.SubmitFormAsync("/staff/accounts", Form(number[..11] + "a", world.ProjectId), "form[data-testid=new-account]");
        using var created = await staff.SubmitFormAsync("/staff/accounts", Form(number, world.ProjectId), "form[data-testid=new-account]");
        using var duplicate = await staff.SubmitFormAsync("/staff/accounts", Form(number, other.ProjectId), "form[data-testid=new-account]");
        using var takenByWorld = await staff.SubmitFormAsync("/staff/accounts", Form(world.AccountNumber, other.ProjectId), "form[data-testid=new-account]");

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("12桁", (await HtmlForms.ParseAsync(letters)).Text("[data-testid=account-error]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, letters.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains(number, (await HtmlForms.ParseAsync(duplicate)).Text("[data-testid=account-error]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, takenByWorld.StatusCode);
        var stored = await app.WithDbAsync(c => c.AwsAccounts.AsNoTracking().Where(a => a.AccountNumber == number).ToListAsync());
        var account = Assert.Single(stored);
        Assert.Equal((world.OrgId, world.ProjectId, new DateOnly(2026, 5, 18)), (account.OrganizationId, account.ProjectId, account.JoinedOn));
        Assert.Equal(0, await app.WithDbAsync(c => c.AwsAccounts.CountAsync(a => a.OrganizationId == other.OrgId && a.AccountNumber != other.AccountNumber)));
        var history = await app.WithDbAsync(c => c.ProjectAssignments.Where(p => p.AwsAccountId == account.Id).Select(p => new { p.ProjectId, p.EffectiveFrom }).ToListAsync());
        Assert.Equal(world.ProjectId, Assert.Single(history).ProjectId);
        Assert.Equal(new DateOnly(2026, 5, 1), history[0].EffectiveFrom);
    }

    [Theory, BothDatabases]
    public async Task Staff_EditsAccount_AnotherOrganizationsProjectRefused_StatusAndProjectChangeKept(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("staffedit");
        var other = await app.CreateWorldAsync("staffeditother");
        var second = await app.CreateProjectAsync(world.OrgId, "第二プロジェクト");
        using var staff = await StaffClientAsync(app);
        var url = $"/staff/accounts/{world.AccountId}";

        using var foreign = await staff.SubmitFormAsync(url, new Dictionary<string, string> { ["ProjectId"] = other.ProjectId.ToString() });
        using var moved = await staff.SubmitFormAsync(url, new Dictionary<string, string> { ["ProjectId"] = second.Id.ToString(), ["Status"] = "Cancelled", ["Name"] = "renamed" });

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var account = await app.WithDbAsync(c => c.AwsAccounts.AsNoTracking().SingleAsync(a => a.Id == world.AccountId));
        Assert.Equal((second.Id, AccountStatus.Cancelled, "renamed", world.OrgId), (account.ProjectId, account.Status, account.Name, account.OrganizationId));
        // The clock is in November 2026: the move counts from that month; April to October stay with the first project.
        Assert.Equal(world.ProjectId, await app.WithDbAsync(c => c.ProjectOfAsync(world.AccountId, new DateOnly(2026, 10, 1), CancellationToken.None)));
        Assert.Equal(second.Id, await app.WithDbAsync(c => c.ProjectOfAsync(world.AccountId, new DateOnly(2026, 11, 1), CancellationToken.None)));
    }

    [Theory, BothDatabases]
    public async Task BaselineServices_StaffMaintainList_AccountPageExplainsThemInTheUsersLanguage(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("baseline");
        using var staff = await StaffClientAsync(app);
        var service = $"AWS Config {Guid.NewGuid():N}";

        using var added = await staff.SubmitFormAsync("/staff/baseline-services", new Dictionary<string, string>
        {
            ["ServiceName"] = service, ["DescriptionJa"] = "設定変更を記録します", ["DescriptionEn"] = "Records configuration changes", ["Position"] = "1",
        }, "form[data-testid=baseline-form]");
        var afterSave = await staff.GetDocumentAsync("/staff/baseline-services");
        using var duplicate = await staff.SubmitFormAsync("/staff/baseline-services", new Dictionary<string, string> { ["ServiceName"] = service }, "form[data-testid=baseline-form]");
        using var customer = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var page = await customer.GetDocumentAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"標準設定サービス {service} を保存しました。", afterSave.Text("[data-testid=baseline-message]"));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var listed = page.QuerySelectorAll("[data-testid=baseline-services] li").Select(li => li.TextContent).Single(t => t.Contains(service, StringComparison.Ordinal));
        Assert.Contains("設定変更を記録します", listed, StringComparison.Ordinal);
        Assert.Contains("利用を開始する前から料金が発生します", page.Body!.TextContent, StringComparison.Ordinal);
        await app.WithDbAsync(c => c.BaselineServices.Where(s => s.ServiceName == service).ExecuteDeleteAsync());
    }

    [Theory, BothDatabases]
    public async Task StaffProjectPages_CustomerPowerUser_IsForbidden(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        foreach (var url in new[] { "/staff/projects", $"/staff/projects/{world.ProjectId}", "/staff/accounts", $"/staff/accounts/{world.AccountId}", "/staff/applications", "/staff/baseline-services" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("signin", StringComparison.Ordinal) != true, $"{url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Cli_ProjectCreateAndAccountAdd_PrintIdsAndValidate()
    {
        var folder = Directory.CreateTempSubdirectory("portal-cli-project-").FullName;
        try
        {
            await PortalCli.RunAsync(folder, null, "migrate");
            var org = await PortalCli.RunAsync(folder, null, "org", "create", "--name", "CLI商事", "--code", "cli-proj");
            var project = await PortalCli.RunAsync(folder, null, "project", "create", "--org", "cli-proj", "--name", "分析基盤", "--currency", "USD", "--plan", "Enterprise");
            var badCurrency = await PortalCli.RunAsync(folder, null, "project", "create", "--org", "cli-proj", "--name", "x", "--currency", "EUR");
            var projectId = project.Output.Trim();
            var account = await PortalCli.RunAsync(folder, null, "account", "add", "--project", projectId, "--id", "123456789012", "--name", "prod", "--joined", "2026-04-01");
            var duplicate = await PortalCli.RunAsync(folder, null, "account", "add", "--project", projectId, "--id", "123456789012", "--name", "again", "--joined", "2026-04-01");
            var shortId = await PortalCli.RunAsync(folder, null, "account", "add", "--project", projectId, "--id", "12345", "--name", "short", "--joined", "2026-04-01");

            Assert.True(org.ExitCode == 0, org.Error);
            Assert.True(project.ExitCode == 0, project.Error);
            Assert.True(Guid.TryParse(projectId, out _), project.Output);
            Assert.NotEqual(0, badCurrency.ExitCode);
            Assert.True(account.ExitCode == 0, account.Error);
            Assert.True(Guid.TryParse(account.Output.Trim(), out _), account.Output);
            Assert.NotEqual(0, duplicate.ExitCode);
            Assert.Contains("already registered", duplicate.Error, StringComparison.Ordinal);
            Assert.NotEqual(0, shortId.ExitCode);
            Assert.Contains("12 digits", shortId.Error, StringComparison.Ordinal);
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "data", "portal.db")};Pooling=false");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT p.currency || '|' || p.plan || '|' || a.name FROM aws_accounts a JOIN projects p ON p.id = a.project_id WHERE a.account_number = '123456789012'";
            Assert.Equal("1|Enterprise|prod", (string)command.ExecuteScalar()!);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Staff must have MFA before anything else, so the staff client signs in with a code.</summary>
    internal static async Task<HttpClient> StaffClientAsync(PortalApp app) => (await app.SignedInStaffAsync()).Client;
}
