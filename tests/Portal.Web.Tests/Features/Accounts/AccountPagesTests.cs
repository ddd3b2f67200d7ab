using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Accounts;

public sealed class AccountPagesTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task AccountListAndDetails_AccountViewer_SeesProjectStatusAndCurrentMonthCharges(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("alist");
        var cancelled = await app.CreateAccountAsync(world.ProjectId, "旧環境", AccountStatus.Cancelled);
        var (viewer, password, _) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.ProjectViewer | Permission.AccountViewer);
        using var client = await app.SignedInClientAsync(viewer.Email!, password);

        var list = await client.GetDocumentAsync($"/orgs/{world.OrgId}/accounts");
        var details = await client.GetDocumentAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}");

        var row = list.QuerySelector($"tr[data-account='{world.AccountNumber}']")!;
        Assert.Contains(world.ProjectName, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("利用中", row.TextContent, StringComparison.Ordinal);
        // No charges yet this month: zero, in the project's currency (SPEC F6), linking to the account's charges.
        Assert.Equal("¥0", row.QuerySelector("[data-testid=current-charges]")!.TextContent.Trim());
        Assert.NotNull(details.QuerySelector($"a[href='/orgs/{world.OrgId}/accounts/{world.AccountId}/charges']"));
        Assert.Contains("解約済み", list.QuerySelector($"tr[data-account='{cancelled.AccountNumber}']")!.TextContent, StringComparison.Ordinal);
        // A viewer cannot select accounts for bulk edit.
        Assert.Null(list.QuerySelector("input[name=ids]"));
        Assert.Contains(world.ProjectName, details.Text("[data-testid=account-fields]"), StringComparison.Ordinal);
        Assert.Contains("2026-04", details.Text("[data-testid=project-history]"), StringComparison.Ordinal);
        Assert.Null(details.QuerySelector("a[href$='/notifications']"));
    }

    [Theory, BothDatabases]
    public async Task NotificationSettings_SaveWithLimitsAndPhone_RefusalsStoreNothing(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("notify");
        var (editor, password, _) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.ProjectViewer | Permission.AccountEditor);
        using var client = await app.SignedInClientAsync(editor.Email!, password);
        var url = $"/orgs/{world.OrgId}/accounts/{world.AccountId}/notifications";
        var seven = string.Join("\n", Enumerable.Range(1, 7).Select(i => $"sec{i}@notify.example"));
        var six = string.Join("\n", Enumerable.Range(1, 6).Select(i => $"sec{i}@notify.example"));
        async Task<HttpResponseMessage> SaveAsync(Dictionary<string, string> values) =>
            await client.SubmitFormAsync(url, values, "form[data-testid=notifications-form]");

        using var tooMany = await SaveAsync(new() { ["SecurityCc"] = seven });
        using var badAddress = await SaveAsync(new() { ["BillingTo"] = "billing@notify" });
        using var badPhone = await SaveAsync(new() { ["BillingTo"] = "billing@notify.example", ["EmergencyPhone"] = "call me" });
        using var duplicate = await SaveAsync(new() { ["TechnicalTo"] = "ops@notify.example", ["TechnicalCc"] = "ops@notify.example" });
        var afterRefusals = await app.WithDbAsync(c => c.AccountNotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.AwsAccountId == world.AccountId));
        using var saved = await SaveAsync(new()
        {
            ["BillingTo"] = "billing@notify.example", ["BillingCc"] = "", ["TechnicalTo"] = "ops@notify.example", ["SecurityCc"] = six,
            ["Language"] = "en", ["EmergencyPhone"] = "+81 3-1234-5678",
        });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("セキュリティ", (await HtmlForms.ParseAsync(tooMany)).Text("[data-testid=notifications-error]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badAddress.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Contains("電話番号", (await HtmlForms.ParseAsync(badPhone)).Text("[data-testid=notifications-error]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Null(afterRefusals);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = await app.WithDbAsync(c => c.AccountNotificationSettings.AsNoTracking().SingleAsync(s => s.AwsAccountId == world.AccountId));
        Assert.Equal(["billing@notify.example"], settings.BillingTo);
        Assert.Empty(settings.BillingCc);
        Assert.Equal(6, settings.SecurityCc.Count);
        Assert.Equal(("en", "+81 3-1234-5678", world.OrgId), (settings.Language, settings.EmergencyPhone, settings.OrganizationId));
        Assert.Equal(1, await app.WithDbAsync(c => c.AuditEvents.CountAsync(e => e.OrganizationId == world.OrgId && e.Event == "account.notifications.updated")));
    }

    [Theory, BothDatabases]
    public async Task NotificationTestEmail_PerList_InTheAccountsLanguage(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("notifymail");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var url = $"/orgs/{world.OrgId}/accounts/{world.AccountId}/notifications";
        var security = $"security-{Guid.NewGuid():N}@notify.example";
        var billing = $"billing-{Guid.NewGuid():N}@notify.example";

        using var saved = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["BillingTo"] = billing, ["SecurityCc"] = security, ["Language"] = "en" }, "form[data-testid=notifications-form]");
        using var securityTest = await client.SubmitFormAsync(url, new Dictionary<string, string>(), "form[data-testid=test-security]");
        using var technicalTest = await client.SubmitFormAsync(url, new Dictionary<string, string>(), "form[data-testid=test-technical]");
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(security);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, securityTest.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, technicalTest.StatusCode);
        Assert.Equal($"[Members Portal] Test mail: Security notifications of {world.AccountNumber}", mail.Subject);
        Assert.Contains("No action is needed", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.Mail.To(billing));
    }

    [Theory, BothDatabases]
    public async Task BulkEdit_Confirmed_OverwritesEverySelectedAccount(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("bulk");
        var second = await app.CreateAccountAsync(world.ProjectId, "second");
        var untouched = await app.CreateAccountAsync(world.ProjectId, "untouched");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var first = await client.SubmitFormAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}/notifications",
            new Dictionary<string, string> { ["TechnicalTo"] = "old@bulk.example", ["EmergencyPhone"] = "03-0000-0000" }, "form[data-testid=notifications-form]");
        var url = $"/orgs/{world.OrgId}/accounts/bulk?ids={world.AccountId}&ids={second.Id}";
        var page = await client.GetDocumentAsync(url);

        using var unconfirmed = await client.SubmitFormAsync(page, url, new Dictionary<string, string> { ["BillingTo"] = "new@bulk.example" }, "form[data-testid=bulk-form]");
        using var response = await client.SubmitFormAsync(page, url, new Dictionary<string, string>
        {
            ["BillingTo"] = "new@bulk.example", ["SecurityTo"] = "sec@bulk.example", ["Language"] = "en", ["EmergencyPhone"] = "090-1234-5678", ["ConfirmOverwrite"] = "true",
        }, "form[data-testid=bulk-form]");

        Assert.Contains("上書き", page.QuerySelector("form[data-testid=bulk-form]")!.GetAttribute("data-confirm"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var settings = await app.WithDbAsync(c => c.AccountNotificationSettings.AsNoTracking().Where(s => s.OrganizationId == world.OrgId).ToListAsync());
        Assert.Equal(2, settings.Count);
        Assert.All(settings, s =>
        {
            Assert.Equal(["new@bulk.example"], s.BillingTo);
            Assert.Equal(["sec@bulk.example"], s.SecurityTo);
            Assert.Empty(s.TechnicalTo);
            Assert.Equal(("en", "090-1234-5678"), (s.Language, s.EmergencyPhone));
        });
        Assert.DoesNotContain(settings, s => s.AwsAccountId == untouched.Id);
    }

    [Theory, BothDatabases]
    public async Task BulkEdit_ValidationErrorOnOneAccountOrValue_UpdatesNone(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("bulkatomic");
        var other = await app.CreateWorldAsync("bulkforeign");
        var cancelled = await app.CreateAccountAsync(world.ProjectId, "closed", AccountStatus.Cancelled);
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var before = await client.SubmitFormAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}/notifications",
            new Dictionary<string, string> { ["BillingTo"] = "keep@bulk.example" }, "form[data-testid=notifications-form]");
        var valid = new Dictionary<string, string> { ["BillingTo"] = "overwrite@bulk.example", ["ConfirmOverwrite"] = "true" };

        var withCancelled = $"/orgs/{world.OrgId}/accounts/bulk?ids={world.AccountId}&ids={cancelled.Id}";
        using var cancelledRefused = await client.SubmitFormAsync(withCancelled, valid, "form[data-testid=bulk-form]");
        var withBadValue = $"/orgs/{world.OrgId}/accounts/bulk?ids={world.AccountId}";
        using var badValue = await client.SubmitFormAsync(withBadValue, new Dictionary<string, string>(valid) { ["SecurityTo"] = "ok@bulk.example\nbroken@" }, "form[data-testid=bulk-form]");
        // Another organization's account smuggled into the posted ids.
        var page = await client.GetDocumentAsync(withBadValue);
        var form = page.QuerySelector("form[data-testid=bulk-form]")!;
        var foreignInput = page.CreateElement("input");
        foreignInput.SetAttribute("type", "hidden");
        foreignInput.SetAttribute("name", "Ids");
        foreignInput.SetAttribute("value", other.AccountId.ToString());
        form.AppendChild(foreignInput);
        using var foreign = await client.SubmitFormAsync(page, withBadValue, valid, "form[data-testid=bulk-form]");

        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, cancelledRefused.StatusCode);
        Assert.Contains(cancelled.AccountNumber, (await HtmlForms.ParseAsync(cancelledRefused)).Text("[data-testid=bulk-error]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        var billing = await app.WithDbAsync(c => c.AccountNotificationSettings.AsNoTracking().IgnoreQueryFilters()
            .Where(s => s.AwsAccountId == world.AccountId || s.AwsAccountId == cancelled.Id || s.AwsAccountId == other.AccountId)
            .Select(s => new { s.AwsAccountId, s.BillingTo }).ToListAsync());
        Assert.Equal(["keep@bulk.example"], Assert.Single(billing).BillingTo);
        Assert.Equal(world.AccountId, billing[0].AwsAccountId);
    }

    [Theory, BothDatabases]
    public async Task Bookmarks_PinnedAccountAppearsInSideNavigationOfThatUserOnly(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("bookmark");
        var (viewer, password, _) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.ProjectViewer | Permission.AccountViewer);
        using var client = await app.SignedInClientAsync(viewer.Email!, password);
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var url = $"/orgs/{world.OrgId}/accounts/{world.AccountId}";
        var link = $"nav a[href='/orgs/{world.OrgId}/accounts/{world.AccountId}']";

        using var pin = await client.SubmitFormAsync(url, new Dictionary<string, string>(), "form[data-testid=bookmark-form]");
        var pinned = await client.GetDocumentAsync($"/orgs/{world.OrgId}/projects");
        var powerView = await power.GetDocumentAsync($"/orgs/{world.OrgId}/projects");
        using var unpin = await client.SubmitFormAsync(url, new Dictionary<string, string>(), "form[data-testid=bookmark-form]");
        var unpinned = await client.GetDocumentAsync($"/orgs/{world.OrgId}/projects");

        Assert.Equal(HttpStatusCode.Redirect, pin.StatusCode);
        Assert.Contains(world.AccountNumber, pinned.QuerySelector(link)!.TextContent, StringComparison.Ordinal);
        Assert.Null(powerView.QuerySelector(link));
        Assert.Equal(HttpStatusCode.Redirect, unpin.StatusCode);
        Assert.Null(unpinned.QuerySelector(link));
        Assert.Equal(0, await app.WithDbAsync(c => c.AccountBookmarks.CountAsync(b => b.AwsAccountId == world.AccountId)));
    }

    [Theory, BothDatabases]
    public async Task Transfer_RequestedByCustomerApprovedByStaff_KeepsHistoryByMonth(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("transfer");
        var other = await app.CreateWorldAsync("transferforeign");
        var target = await app.CreateProjectAsync(world.OrgId, "移管先プロジェクト");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var url = $"/orgs/{world.OrgId}/accounts/{world.AccountId}/transfer";

        using var foreign = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["TargetProjectId"] = other.ProjectId.ToString(), ["Month"] = "2026-12" });
        using var tooEarly = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["TargetProjectId"] = target.Id.ToString(), ["Month"] = "2026-05" });
        using var requested = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["TargetProjectId"] = target.Id.ToString(), ["Month"] = "2026-12" });
        var before = await app.WithDbAsync(c => c.AwsAccounts.AsNoTracking().Where(a => a.Id == world.AccountId).Select(a => a.ProjectId).SingleAsync());
        var application = await app.WithDbAsync(c => c.ServiceApplications.AsNoTracking().SingleAsync(a => a.AwsAccountId == world.AccountId));
        using var staff = await Projects.StaffProjectTests.StaffClientAsync(app);
        var staffUrl = $"/staff/applications/{application.Id}";
        var staffPage = await staff.GetDocumentAsync(staffUrl);
        using var approved = await staff.SubmitFormAsync(staffPage, staffUrl + "?handler=Approve", new Dictionary<string, string> { ["Comment"] = "OK" }, "form[data-testid=decide-form]");
        var details = await client.GetDocumentAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}");

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        Assert.Equal(world.ProjectId, before);
        Assert.Equal((ApplicationKind.ProjectTransfer, (Guid?)target.Id, (DateOnly?)new DateOnly(2026, 12, 1)), (application.Kind, application.TargetProjectId, application.EffectiveMonth));
        Assert.Contains("移管先プロジェクト", staffPage.Text("[data-testid=application-fields]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(ApplicationStatus.Approved, await app.WithDbAsync(c => c.ServiceApplications.Where(a => a.Id == application.Id).Select(a => a.Status).SingleAsync()));
        Assert.Equal(target.Id, await app.WithDbAsync(c => c.AwsAccounts.Where(a => a.Id == world.AccountId).Select(a => a.ProjectId).SingleAsync()));
        Assert.Equal(world.ProjectId, await app.WithDbAsync(c => c.ProjectOfAsync(world.AccountId, new DateOnly(2026, 11, 1), CancellationToken.None)));
        // Before the first assignment (joined April 2026) the account still counts for its first project, not its current one.
        Assert.Equal(world.ProjectId, await app.WithDbAsync(c => c.ProjectOfAsync(world.AccountId, new DateOnly(2026, 1, 1), CancellationToken.None)));
        Assert.Equal(target.Id, await app.WithDbAsync(c => c.ProjectOfAsync(world.AccountId, new DateOnly(2026, 12, 1), CancellationToken.None)));
        Assert.Equal(target.Id, await app.WithDbAsync(c => c.ProjectOfAsync(world.AccountId, new DateOnly(2027, 3, 1), CancellationToken.None)));
        var monthly = await app.WithDbAsync(c => c.ForMonth(new DateOnly(2026, 11, 1)).Where(a => a.OrganizationId == world.OrgId).ToListAsync());
        Assert.Equal(world.ProjectId, Assert.Single(monthly).ProjectId);
        var history = details.QuerySelectorAll("[data-testid=project-history] li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains("2026-12", history[1], StringComparison.Ordinal);
        Assert.Contains("移管先プロジェクト", history[1], StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(c => c.AuditEvents.CountAsync(e => e.OrganizationId == world.OrgId && e.Event == "account.transferred")));
    }

    [Theory, BothDatabases]
    public async Task AccountApplications_NameChangeApproved_RenamesTheAccount(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("aapply");
        var (editor, password, _) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.ProjectViewer | Permission.AccountEditor);
        using var client = await app.SignedInClientAsync(editor.Email!, password);
        var url = $"/orgs/{world.OrgId}/accounts/{world.AccountId}/applications/new";

        using var missingName = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Kind"] = "NameChange", ["AccountName"] = "" });
        using var rename = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Kind"] = "NameChange", ["AccountName"] = "新しい名前" });
        using var cancel = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Kind"] = "Cancellation", ["Note"] = "来月で終了" });
        var applications = await app.WithDbAsync(c => c.ServiceApplications.AsNoTracking().Where(a => a.AwsAccountId == world.AccountId).OrderBy(a => a.Kind).ToListAsync());
        using var staff = await Projects.StaffProjectTests.StaffClientAsync(app);
        var staffUrl = $"/staff/applications/{applications[0].Id}";
        var staffPage = await staff.GetDocumentAsync(staffUrl);
        using var approved = await staff.SubmitFormAsync(staffPage, staffUrl + "?handler=Approve", new Dictionary<string, string>(), "form[data-testid=decide-form]");
        // The same (now stale) form again: a decided application cannot be decided twice.
        using var again = await staff.SubmitFormAsync(staffPage, staffUrl + "?handler=Reject", new Dictionary<string, string>(), "form[data-testid=decide-form]");

        Assert.Equal(HttpStatusCode.BadRequest, missingName.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal([ApplicationKind.NameChange, ApplicationKind.Cancellation], applications.Select(a => a.Kind));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal("新しい名前", await app.WithDbAsync(c => c.AwsAccounts.Where(a => a.Id == world.AccountId).Select(a => a.Name).SingleAsync()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ApplicationStatus.Approved, await app.WithDbAsync(c => c.ServiceApplications.Where(a => a.Id == applications[0].Id).Select(a => a.Status).SingleAsync()));
        Assert.Equal(ApplicationStatus.Submitted, await app.WithDbAsync(c => c.ServiceApplications.Where(a => a.Id == applications[1].Id).Select(a => a.Status).SingleAsync()));
    }
}
