using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Projects;

public sealed class ProjectPagesTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task ProjectListAndDetails_ProjectViewer_SeesFieldsAndAccounts(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("plist");
        var usd = await app.CreateProjectAsync(world.OrgId, "Global 分析", Currency.Usd);
        var (viewer, password, _) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.ProjectViewer);
        using var client = await app.SignedInClientAsync(viewer.Email!, password);

        var list = await client.GetDocumentAsync($"/orgs/{world.OrgId}/projects");
        var details = await client.GetDocumentAsync($"/orgs/{world.OrgId}/projects/{world.ProjectId}");

        var rows = list.QuerySelectorAll("[data-testid=projects-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        var row = rows.Single(r => r.Contains(world.ProjectName, StringComparison.Ordinal));
        foreach (var expected in new[] { "Standard", "請求書払い", "Business", "JPY" })
        {
            Assert.Contains(expected, row, StringComparison.Ordinal);
        }
        Assert.Contains("USD", rows.Single(r => r.Contains(usd.Name, StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(world.AccountNumber, details.Text("[data-testid=project-accounts]"), StringComparison.Ordinal);
        // Without AWS account viewer the account is listed but not linked; without Project editor there is no edit link.
        Assert.Null(details.QuerySelector($"a[href='/orgs/{world.OrgId}/accounts/{world.AccountId}']"));
        Assert.Null(details.QuerySelector($"a[href$='/recipients']"));
    }

    [Theory, BothDatabases]
    public async Task CsvExport_IsUtf8WithBom_WithColumnsRecipientsAndJapaneseIntact(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("csv");
        var project = await app.CreateProjectAsync(world.OrgId, "経理, \"本社\" 部門", Currency.Usd);
        await app.WithDbAsync(async c =>
        {
            var p = await c.Projects.SingleAsync(x => x.Id == project.Id);
            p.InvoiceTo = ["keiri@csv.example", "boss@csv.example"];
            p.InvoiceCc = ["cc@csv.example"];
            return await c.SaveChangesAsync();
        });
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        using var response = await client.GetAsync($"/orgs/{world.OrgId}/projects/export");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3).ToArray());
        var rows = ParseCsv(new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(["project_id", "name", "plan", "payment_method", "service_level", "currency", "aws_accounts", "invoice_to", "invoice_cc"], rows[0]);
        Assert.Equal(3, rows.Count);
        var row = rows.Single(r => r[0] == project.Id.ToString());
        Assert.Equal(["経理, \"本社\" 部門", "Standard", "請求書払い", "Business", "USD", "0", "keiri@csv.example; boss@csv.example", "cc@csv.example"], row.Skip(1).ToArray());
        var worldRow = rows.Single(r => r[0] == world.ProjectId.ToString());
        Assert.Equal((world.ProjectName, "1"), (worldRow[1], worldRow[6]));
    }

    [Theory, BothDatabases]
    public async Task InvoiceRecipients_EnforceOneToSixCcValidAndDistinct_RefusalsStoreNothing(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("recip");
        var (editor, password, _) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.ProjectViewer | Permission.ProjectEditor);
        using var client = await app.SignedInClientAsync(editor.Email!, password);
        var url = $"/orgs/{world.OrgId}/projects/{world.ProjectId}/recipients";
        var cc = Enumerable.Range(1, 7).Select(i => $"cc{i}@recip.example").ToList();
        async Task<HttpResponseMessage> SaveAsync(string to, IEnumerable<string> ccs) =>
            await client.SubmitFormAsync(url, new Dictionary<string, string> { ["To"] = to, ["Cc"] = string.Join("\n", ccs) }, "form[data-testid=recipients-form]");

        using var noTo = await SaveAsync("", cc.Take(1));
        using var sevenCc = await SaveAsync("to@recip.example", cc);
        using var invalid = await SaveAsync("to@recip.example\nnot-an-address", []);
        using var duplicate = await SaveAsync("to@recip.example", ["TO@recip.example"]);
        var afterRefusals = await app.WithDbAsync(c => c.Projects.AsNoTracking().Where(p => p.Id == world.ProjectId).Select(p => new { p.InvoiceTo, p.InvoiceCc }).SingleAsync());
        using var saved = await SaveAsync("to@recip.example", cc.Take(6));

        Assert.Equal(HttpStatusCode.BadRequest, noTo.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, sevenCc.StatusCode);
        Assert.Contains("6", (await HtmlForms.ParseAsync(sevenCc)).Text("[data-testid=recipients-error]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("not-an-address", (await HtmlForms.ParseAsync(invalid)).Text("[data-testid=recipients-error]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Empty(afterRefusals.InvoiceTo);
        Assert.Empty(afterRefusals.InvoiceCc);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.WithDbAsync(c => c.Projects.AsNoTracking().Where(p => p.Id == world.ProjectId).Select(p => new { p.InvoiceTo, p.InvoiceCc }).SingleAsync());
        Assert.Equal(["to@recip.example"], stored.InvoiceTo);
        Assert.Equal(cc.Take(6), stored.InvoiceCc);
        Assert.Equal(1, await app.WithDbAsync(c => c.AuditEvents.CountAsync(e => e.OrganizationId == world.OrgId && e.Event == "project.recipients.updated")));
    }

    [Theory, BothDatabases]
    public async Task InvoiceRecipients_SendTestEmail_ReachesToAndCcInTheSendersLanguage(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("recipmail");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var url = $"/orgs/{world.OrgId}/projects/{world.ProjectId}/recipients";
        var to = $"invoice-{Guid.NewGuid():N}@recip.example";
        var cc = $"invoice-cc-{Guid.NewGuid():N}@recip.example";

        using var beforeSaving = await client.SubmitFormAsync(url, new Dictionary<string, string>(), "form[data-testid=recipients-test]");
        using var saved = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["To"] = to, ["Cc"] = cc }, "form[data-testid=recipients-form]");
        using var test = await client.SubmitFormAsync(url, new Dictionary<string, string>(), "form[data-testid=recipients-test]");
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(to);

        Assert.Equal(HttpStatusCode.BadRequest, beforeSaving.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        Assert.Contains("テストメール", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(world.ProjectName, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(cc, mail.Cc.Mailboxes.Select(m => m.Address));
        Assert.Contains($"/orgs/{world.OrgId}/projects/{world.ProjectId}", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task ProjectApplications_NewAccountAndTransferIn_BecomeStaffWorkItems(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("papply");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var url = $"/orgs/{world.OrgId}/projects/{world.ProjectId}/applications/new";
        var newName = $"新規開発 {Guid.NewGuid():N}";
        var transferNumber = Tenants.NewAccountNumber();

        using var created = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Kind"] = "NewAccount", ["AccountName"] = newName, ["Note"] = "至急お願いします" });
        using var badNumber = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Kind"] = "TransferIn", ["AccountName"] = "既存", ["AccountNumber"] = "12345" });
        using var alreadyOurs = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Kind"] = "TransferIn", ["AccountName"] = "既存", ["AccountNumber"] = world.AccountNumber });
        using var transferIn = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Kind"] = "TransferIn", ["AccountName"] = "既存", ["AccountNumber"] = transferNumber });
        using var staff = await StaffProjectTests.StaffClientAsync(app);
        var queue = await staff.GetDocumentAsync("/staff/applications");
        var details = await client.GetDocumentAsync($"/orgs/{world.OrgId}/projects/{world.ProjectId}");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badNumber.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, alreadyOurs.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, transferIn.StatusCode);
        var stored = await app.WithDbAsync(c => c.ServiceApplications.AsNoTracking().Where(a => a.OrganizationId == world.OrgId).OrderBy(a => a.Kind).ToListAsync());
        Assert.Equal([ApplicationKind.NewAccount, ApplicationKind.TransferIn], stored.Select(a => a.Kind));
        Assert.All(stored, a => Assert.Equal((ApplicationStatus.Submitted, world.ProjectId, (Guid?)world.PowerUser.Id), (a.Status, a.ProjectId, a.SubmittedById)));
        Assert.Equal((newName, "至急お願いします"), (stored[0].AccountName, stored[0].Note));
        Assert.Equal(transferNumber, stored[1].AccountNumber);
        var queueText = queue.Text("[data-testid=staff-applications]");
        Assert.Contains(newName, queueText, StringComparison.Ordinal);
        Assert.Contains(transferNumber, queueText, StringComparison.Ordinal);
        Assert.Contains(transferNumber, details.Text("[data-testid=applications]"), StringComparison.Ordinal);
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    internal static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                // CRLF ends the row (the \n below); a CR inside quotes is data and stays.
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }
}
