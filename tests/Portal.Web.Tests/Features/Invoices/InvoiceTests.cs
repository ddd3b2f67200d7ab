using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Rating;
using Portal.Core.Invoices;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Features.Invoices;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Invoices;

public sealed class InvoiceTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task CloseMonth_NotFinal_RefusedUnlessForcedWithReason_OneDraftPerProject(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("close");
        var (payer, month) = await app.BillableMonthAsync(world);
        var usdProject = await app.CreateProjectAsync(world.OrgId, "USD " + world.ProjectName, Currency.Usd);
        var usdAccount = await app.CreateAccountAsync(usdProject.Id, "usd");
        await app.AddChargesAsync(payer, month, world.OrgId, usdProject.Id, usdAccount.AccountNumber, Currency.Usd, (ChargeCategory.Usage, 99.995m));
        await app.SetFinalAsync(payer, month, final: false);
        var (_, staff) = await app.SignedInStaffAsync();
        var key = InvoiceText.MonthKey(month);
        Dictionary<string, string> Form(bool force, string reason) => new() { ["month"] = key, ["Force"] = force ? "true" : "false", ["Reason"] = reason };

        using var refused = await staff.SubmitFormAsync($"/staff/invoices?month={key}", Form(false, ""), "form[data-testid=close-month]");
        using var noReason = await staff.SubmitFormAsync($"/staff/invoices?month={key}", Form(true, " "), "form[data-testid=close-month]");
        var draftsBefore = await app.WithDbAsync(c => c.Invoices.CountAsync(i => i.OrganizationId == world.OrgId && i.Month == month));
        using var forced = await staff.SubmitFormAsync($"/staff/invoices?month={key}", Form(true, "AWS請求確定前に先行発行"), "form[data-testid=close-month]");
        using var again = await staff.SubmitFormAsync($"/staff/invoices?month={key}", Form(true, "再実行"), "form[data-testid=close-month]");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(payer, (await HtmlForms.ParseAsync(refused)).Text("[data-testid=close-month] .invalid-feedback"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(0, draftsBefore);
        Assert.Equal(HttpStatusCode.Redirect, forced.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var drafts = await app.WithDbAsync(c => c.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.OrganizationId == world.OrgId && i.Month == month).ToListAsync());
        Assert.Equal(2, drafts.Count);
        Assert.All(drafts, d => Assert.Equal((InvoiceStatus.Draft, (string?)null), (d.Status, d.Number)));
        var jpy = drafts.Single(d => d.ProjectId == world.ProjectId);
        Assert.Equal((12346m, -345m, 12001m, 1200m, 13201m), (jpy.Lines[0].Amount, jpy.Lines[1].Amount, jpy.Subtotal, jpy.Tax, jpy.Total));
        var usd = drafts.Single(d => d.ProjectId == usdProject.Id);
        Assert.Equal((100.00m, 10.00m, 110.00m, 1500m), (usd.Subtotal, usd.Tax, usd.Total, usd.TaxYen));
        var audit = await app.WithDbAsync(c => c.AuditEvents.AsNoTracking().Where(e => e.Subject == key && e.Event == "invoice.month.force-closed").Select(e => e.Detail).ToListAsync());
        Assert.Contains(audit, d => d!.Contains("AWS請求確定前に先行発行", StringComparison.Ordinal) && d.Contains(payer, StringComparison.Ordinal));
        var page = await staff.GetDocumentAsync($"/staff/invoices?month={key}");
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=staff-invoices-table] tbody tr").Length);
    }

    [Theory, BothDatabases]
    public async Task Issue_DoubleSubmitByTwoStaff_OneNumber_MailInProjectLanguage_DueDateFromTerms(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("issue");
        var to = $"billing-{Guid.NewGuid():N}@issue.example";
        var cc = $"cfo-{Guid.NewGuid():N}@issue.example";
        await app.WithDbAsync(async c =>
        {
            var project = await c.Projects.SingleAsync(p => p.Id == world.ProjectId);
            (project.InvoiceTo, project.InvoiceCc) = ([to], [cc]);
            return await c.SaveChangesAsync();
        });
        var (_, month) = await app.BillableMonthAsync(world);
        await app.CloseAsync(month);
        var draft = await app.InvoiceOfAsync(world.ProjectId, month);
        var (_, first) = await app.SignedInStaffAsync();
        var (_, second) = await app.SignedInStaffAsync();
        using var badTerms = await first.SubmitFormAsync($"/staff/invoices/projects/{world.ProjectId}", new Dictionary<string, string> { ["PaymentTermsDays"] = "abc", ["InvoiceLanguage"] = "en" });
        using var terms = await first.SubmitFormAsync($"/staff/invoices/projects/{world.ProjectId}", new Dictionary<string, string> { ["PaymentTermsDays"] = "45", ["InvoiceLanguage"] = "en" });
        var url = $"/staff/invoices/{draft.Id}";
        var pageA = await first.GetDocumentAsync(url);
        var pageB = await second.GetDocumentAsync(url);

        var posts = await Task.WhenAll(
            first.SubmitFormAsync(pageA, url, new Dictionary<string, string>(), "form[data-testid=issue-form]"),
            second.SubmitFormAsync(pageB, url, new Dictionary<string, string>(), "form[data-testid=issue-form]"),
            first.SubmitFormAsync(pageA, url, new Dictionary<string, string>(), "form[data-testid=issue-form]"));

        Assert.Equal(HttpStatusCode.BadRequest, badTerms.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, terms.StatusCode);
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        var issued = await app.InvoiceOfAsync(world.ProjectId, month);
        Assert.Equal(InvoiceStatus.Issued, issued.Status);
        Assert.Equal(1, await app.WithDbAsync(c => c.Invoices.CountAsync(i => i.ProjectId == world.ProjectId && i.Month == month)));
        Assert.Equal(1, await app.WithDbAsync(c => c.AuditEvents.CountAsync(e => e.Event == "invoice.issued" && e.Subject == draft.Id.ToString())));
        Assert.Equal(1, await app.WithDbAsync(c => c.OutboxMails.CountAsync(m => m.To == to)));
        var today = new DateOnly(2026, 11, 20);
        Assert.Equal((today, today.AddDays(45), "en"), (issued.IssueDate!.Value, issued.DueDate!.Value, issued.Language));
        Assert.Equal((InvoiceSetup.IssuerName, InvoiceSetup.IssuerNumber), (issued.IssuerName, issued.RegistrationNumber));
        var again = await app.IssueAsync(draft.Id);
        Assert.Equal((IssueOutcome.AlreadyIssued, issued.Number), (again.Outcome, again.Number));

        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(to);
        Assert.Contains(issued.Number!, mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Invoice", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"/orgs/{world.OrgId}/invoices/{issued.Id}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(cc, mail.Cc.Mailboxes.Select(m => m.Address));
        Assert.Empty(mail.Attachments);
        posts.ToList().ForEach(p => p.Dispose());
    }

    [Theory, BothDatabases]
    public async Task ParallelIssue_ManyDraftsAndRepeats_ConsecutiveUniqueNumbersWithoutGaps(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("parallel");
        var (payer, month) = await app.BillableMonthAsync(world);
        for (var i = 0; i < 5; i++)
        {
            var project = await app.CreateProjectAsync(world.OrgId, $"並列 {i} {world.ProjectName}");
            var account = await app.CreateAccountAsync(project.Id, $"p{i}");
            await app.AddChargesAsync(payer, month, world.OrgId, project.Id, account.AccountNumber, Currency.Jpy, (ChargeCategory.Usage, 1000m + i));
        }
        await app.CloseAsync(month);
        var drafts = await app.WithDbAsync(c => c.Invoices.Where(i => i.OrganizationId == world.OrgId && i.Month == month).Select(i => i.Id).ToListAsync());

        var results = await Task.WhenAll(drafts.Concat(drafts).Select(id => Task.Run(() => app.IssueAsync(id))));

        Assert.Equal(6, drafts.Count);
        Assert.Equal(6, results.Count(r => r.Outcome == IssueOutcome.Issued));
        Assert.Equal(6, results.Count(r => r.Outcome == IssueOutcome.AlreadyIssued));
        var mine = await app.WithDbAsync(c => c.Invoices.Where(i => drafts.Contains(i.Id)).Select(i => new { i.Number, i.Sequence }).ToListAsync());
        Assert.Equal(6, mine.Select(i => i.Number).Distinct().Count());
        Assert.Equal(6, mine.Select(i => i.Sequence).Distinct().Count());
        // Across every test of this run: the issuer's numbers are 1..n, each once.
        var all = await app.WithDbAsync(c => c.Invoices.Where(i => i.Sequence != null).Select(i => i.Sequence!.Value).ToListAsync());
        var last = await app.WithDbAsync(c => c.InvoiceIssuers.Select(i => i.LastSequence).SingleAsync());
        Assert.Equal(Enumerable.Range(1, all.Count).Select(n => (long)n), all.Order());
        Assert.True(last >= all.Count);
        Assert.All(mine, i => Assert.Equal(IssueInvoice.Format("INV", i.Sequence!.Value), i.Number));
    }

    [Theory, BothDatabases]
    public async Task Issue_UsageCsvAndAccountPage_ShowTheInvoiceNumberInsteadOfEstimated(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("csvnumber");
        await app.EnsureIssuerAsync();
        var month = InvoiceSetup.NextMonth();
        var payer = BillingFacts.NewPayer();
        // The invoice tests' months lie in 2001: an account that had joined by then.
        var account = await app.CreateAccountAsync(world.ProjectId, "since 2000", joinedOn: new DateOnly(2000, 1, 1));
        await app.AddRateAsync(month);
        await app.AddFactsAsync(payer, month, new FactRow(account.AccountNumber, 3, "Usage", 12.5m), new FactRow(account.AccountNumber, 4, "Usage", 7.5m));
        await app.SetFinalAsync(payer, month, final: true);
        await app.WithServicesAsync(s => s.GetRequiredService<RecomputeCharges>().HandleAsync(payer, month, CancellationToken.None));
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var key = InvoiceText.MonthKey(month);
        var charges = $"/orgs/{world.OrgId}/accounts/{account.Id}/charges?month={key}";
        var csv = $"/orgs/{world.OrgId}/accounts/{account.Id}/usage.csv?month={key}";

        var pageBefore = await client.GetDocumentAsync(charges);
        var csvBefore = InvoiceIds(await client.GetStringAsync(csv));
        await app.CloseAsync(month);
        var issued = await app.IssueAsync((await app.InvoiceOfAsync(world.ProjectId, month)).Id);
        var pageAfter = await client.GetDocumentAsync(charges);
        var csvAfter = InvoiceIds(await client.GetStringAsync(csv));

        Assert.NotNull(pageBefore.QuerySelector("[data-testid=estimated]"));
        Assert.Equal(["Estimated", "Estimated"], csvBefore);
        Assert.Equal(IssueOutcome.Issued, issued.Outcome);
        Assert.Null(pageAfter.QuerySelector("[data-testid=estimated]"));
        Assert.Equal([issued.Number!, issued.Number!], csvAfter);
    }

    /// <summary>The invoice_id column (the third) of every data row of a usage CSV.</summary>
    private static List<string> InvoiceIds(string csv) =>
        [.. csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[2])];

    [Theory, BothDatabases]
    public async Task Issue_FreezesCharges_RecomputeLeavesTheMonthAlone(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("freeze");
        var (payer, month) = await app.BillableMonthAsync(world);
        var otherPayer = Tenants.NewAccountNumber();
        await app.AddChargesAsync(otherPayer, month.AddMonths(-1), world.OrgId, world.ProjectId, world.AccountNumber, Currency.Jpy, (ChargeCategory.Usage, 5m));
        await app.CloseAsync(month);
        await app.IssueAsync((await app.InvoiceOfAsync(world.ProjectId, month)).Id);

        // Neither payer has facts: recompute would replace their charges with nothing, unless frozen.
        await app.WithServicesAsync(async s =>
        {
            var recompute = s.GetRequiredService<RecomputeCharges>();
            await recompute.HandleAsync(payer, month, CancellationToken.None);
            await recompute.HandleAsync(otherPayer, month.AddMonths(-1), CancellationToken.None);
        });

        Assert.Equal(2, await app.WithDbAsync(c => c.ChargeLines.CountAsync(l => l.PayerAccountId == payer && l.Month == month)));
        Assert.Equal(0, await app.WithDbAsync(c => c.ChargeLines.CountAsync(l => l.PayerAccountId == otherPayer)));
        Assert.True(await app.WithDbAsync(c => c.FrozenChargeMonths.AnyAsync(f => f.PayerAccountId == payer && f.Month == month)));
    }

    [Theory, BothDatabases]
    public async Task Issue_ChargesChangedSinceReview_DraftRefreshedInsteadOfIssued(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("stale");
        var (payer, month) = await app.BillableMonthAsync(world);
        await app.CloseAsync(month);
        var draft = await app.InvoiceOfAsync(world.ProjectId, month);
        await app.AddChargesAsync(payer, month, world.OrgId, world.ProjectId, world.AccountNumber, Currency.Jpy, (ChargeCategory.Usage, 1000m));

        var stale = await app.IssueAsync(draft.Id);
        var refreshed = await app.InvoiceOfAsync(world.ProjectId, month);
        var issued = await app.IssueAsync(draft.Id);

        Assert.Equal(IssueOutcome.ChangedSinceReview, stale.Outcome);
        Assert.Equal((InvoiceStatus.Draft, draft.Subtotal + 1000m), (refreshed.Status, refreshed.Subtotal));
        Assert.Equal(IssueOutcome.Issued, issued.Outcome);
    }

    [Theory, BothDatabases]
    public async Task VoidAndReissue_NewNumber_InvoiceNumbersFollowsTheLiveInvoice(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("void");
        var (_, month) = await app.BillableMonthAsync(world);
        await app.CloseAsync(month);
        var original = await app.InvoiceOfAsync(world.ProjectId, month);
        var first = await app.IssueAsync(original.Id);
        var (_, staff) = await app.SignedInStaffAsync();
        var url = $"/staff/invoices/{original.Id}";

        using var noReason = await staff.SubmitFormAsync(url, new Dictionary<string, string> { ["VoidReason"] = "" }, "form[data-testid=void-form]");
        using var voided = await staff.SubmitFormAsync(url, new Dictionary<string, string> { ["VoidReason"] = "宛名の誤り" }, "form[data-testid=void-form]");
        var numberWhileVoid = await NumberForAsync(app, world.ProjectId, month);
        using var reissued = await staff.SubmitFormAsync(url, new Dictionary<string, string>(), "form[data-testid=reissue-form]");
        var draftUrl = reissued.Headers.Location!.OriginalString;
        using var issuedAgain = await staff.SubmitFormAsync(draftUrl, new Dictionary<string, string>(), "form[data-testid=issue-form]");
        var replacement = await app.InvoiceOfAsync(world.ProjectId, month, InvoiceStatus.Issued);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, voided.StatusCode);
        Assert.Null(numberWhileVoid);
        Assert.Equal(HttpStatusCode.Redirect, reissued.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, issuedAgain.StatusCode);
        var old = await app.WithDbAsync(c => c.Invoices.AsNoTracking().SingleAsync(i => i.Id == original.Id));
        Assert.Equal((InvoiceStatus.Void, first.Number, "宛名の誤り"), (old.Status, old.Number, old.VoidReason));
        Assert.Equal(original.Id, replacement.ReplacesInvoiceId);
        Assert.NotEqual(first.Number, replacement.Number);
        Assert.Equal(old.Total, replacement.Total);
        Assert.Equal(replacement.Number, await NumberForAsync(app, world.ProjectId, month));
        Assert.Equal(1, await app.WithDbAsync(c => c.AuditEvents.CountAsync(e => e.Event == "invoice.voided" && e.Subject == original.Id.ToString())));

        // The customer still sees the void invoice, marked void, next to its replacement.
        using var customer = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var voidPage = await customer.GetDocumentAsync($"/orgs/{world.OrgId}/invoices/{original.Id}");
        Assert.Contains("宛名の誤り", voidPage.Text("[data-testid=invoice-void]"), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task LateCredit_CreditNoteReferencesInvoice_OrNextMonthsInvoiceTakesIt(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("credit");
        var (payer, month) = await app.BillableMonthAsync(world);
        await app.CloseAsync(month);
        var invoice = await app.InvoiceOfAsync(world.ProjectId, month);
        var issued = await app.IssueAsync(invoice.Id);
        var (_, staff) = await app.SignedInStaffAsync();
        var url = $"/staff/invoices/{invoice.Id}";
        Dictionary<string, string> Form(string amount, string treatment) => new() { ["CreditAmount"] = amount, ["CreditDescription"] = "SLAクレジット", ["Treatment"] = treatment };

        using var tooMuch = await staff.SubmitFormAsync(url, Form("99999999", "CreditNote"), "form[data-testid=late-credit-form]");
        using var fraction = await staff.SubmitFormAsync(url, Form("10.5", "CreditNote"), "form[data-testid=late-credit-form]");
        using var note = await staff.SubmitFormAsync(url, Form("1,005", "CreditNote"), "form[data-testid=late-credit-form]");
        using var noteIssued = await staff.SubmitFormAsync(note.Headers.Location!.OriginalString, new Dictionary<string, string>(), "form[data-testid=issue-form]");
        using var carried = await staff.SubmitFormAsync(url, Form("500", "NextMonth"), "form[data-testid=late-credit-form]");

        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, fraction.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, carried.StatusCode);
        var creditNote = await app.WithDbAsync(c => c.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.CreditsInvoiceId == invoice.Id));
        Assert.Equal((InvoiceKind.CreditNote, InvoiceStatus.Issued), (creditNote.Kind, creditNote.Status));
        Assert.Equal((-1005m, -100m, -1105m), (creditNote.Subtotal, creditNote.Tax, creditNote.Total));
        Assert.NotNull(creditNote.Number);
        Assert.NotEqual(issued.Number, creditNote.Number);
        var unchanged = await app.WithDbAsync(c => c.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == invoice.Id));
        Assert.Equal((InvoiceStatus.Issued, invoice.Total, invoice.Lines.Count), (unchanged.Status, unchanged.Total, unchanged.Lines.Count));
        using var customer = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var page = await customer.GetDocumentAsync($"/orgs/{world.OrgId}/invoices/{creditNote.Id}");
        Assert.Contains(issued.Number!, page.Text("[data-testid=credits-invoice]"), StringComparison.Ordinal);

        // Next month: the carried credit is a line of the project's invoice.
        var next = month.AddMonths(1);
        await app.AddRateAsync(next);
        await app.SetFinalAsync(payer, next, final: true);
        await app.AddChargesAsync(payer, next, world.OrgId, world.ProjectId, world.AccountNumber, Currency.Jpy, (ChargeCategory.Usage, 2000m));
        await app.CloseAsync(next);
        var nextInvoice = await app.InvoiceOfAsync(world.ProjectId, next);
        Assert.Contains(nextInvoice.Lines, l => l.Amount == -500m && l.NameJa == "SLAクレジット" && l.Category == (int)ChargeCategory.Credit);
        Assert.Equal((1500m, 150m), (nextInvoice.Subtotal, nextInvoice.Tax));
    }

    [Theory, BothDatabases]
    public async Task Customer_WithInvoiceViewer_ListsDetailPdfAndCsvMatchTheInvoice(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("customer");
        var (payer, month) = await app.BillableMonthAsync(world);
        var usdProject = await app.CreateProjectAsync(world.OrgId, "USD " + world.ProjectName, Currency.Usd);
        var usdAccount = await app.CreateAccountAsync(usdProject.Id, "usd-prod");
        await app.AddChargesAsync(payer, month, world.OrgId, usdProject.Id, usdAccount.AccountNumber, Currency.Usd, (ChargeCategory.Usage, 1234.565m), (ChargeCategory.Discount, -34.56m));
        await app.WithDbAsync(async c => await c.Projects.Where(p => p.Id == usdProject.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.InvoiceLanguage, "en")));
        await app.CloseAsync(month);
        var jpy = await app.InvoiceOfAsync(world.ProjectId, month);
        var usd = await app.InvoiceOfAsync(usdProject.Id, month);
        await app.IssueAsync(jpy.Id);
        await app.IssueAsync(usd.Id);
        jpy = await app.InvoiceOfAsync(world.ProjectId, month);
        usd = await app.InvoiceOfAsync(usdProject.Id, month);
        var (viewer, password, _) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.InvoiceViewer);
        using var client = await app.SignedInClientAsync(viewer.Email!, password);

        var list = await client.GetDocumentAsync($"/orgs/{world.OrgId}/invoices");
        var detail = await client.GetDocumentAsync($"/orgs/{world.OrgId}/invoices/{usd.Id}");
        var jpyPdf = await InvoiceSetup.PdfTextAsync(await client.GetByteArrayAsync($"/orgs/{world.OrgId}/invoices/{jpy.Id}/pdf"));
        var usdPdf = await InvoiceSetup.PdfTextAsync(await client.GetByteArrayAsync($"/orgs/{world.OrgId}/invoices/{usd.Id}/pdf"));
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/orgs/{world.OrgId}/invoices/{jpy.Id}/csv")).TrimStart('\uFEFF');
        using var draftAsCustomer = await client.GetAsync($"/orgs/{world.OrgId}/invoices/{(await CreateDraftAsync(app, world, month)).Id}");

        var rows = list.QuerySelectorAll("[data-testid=invoices-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains(jpy.Number!, StringComparison.Ordinal) && r.Contains("¥13,201", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(usd.Number!, StringComparison.Ordinal) && r.Contains("$1,320.01", StringComparison.Ordinal));
        Assert.Equal("$1,320.01", detail.Text("[data-testid=invoice-total]"));
        Assert.Equal("¥18,000", detail.Text("[data-testid=invoice-tax-yen]")); // floor(1200.01 × 150 × 10%)
        Assert.Contains("150", detail.Text("[data-testid=invoice-rate]"), StringComparison.Ordinal);
        Assert.Contains("三菱UFJ銀行 TTM", detail.Text("[data-testid=invoice-rate]"), StringComparison.Ordinal);

        foreach (var expected in new[] { "請求書", jpy.Number!, "¥13,201", InvoiceSetup.IssuerNumber, InvoiceSetup.IssuerName, world.AccountNumber })
        {
            Assert.True(jpyPdf.Contains(expected, StringComparison.Ordinal), $"'{expected}' not in:\n{jpyPdf}");
        }
        Assert.Matches(@"1\s*/\s*1", jpyPdf);
        foreach (var expected in new[] { "INVOICE", usd.Number!, "$1,320.01", "¥18,000", InvoiceSetup.IssuerNumber, "1 USD = 150.00 JPY" })
        {
            Assert.True(usdPdf.Contains(expected, StringComparison.Ordinal), $"'{expected}' not in:\n{usdPdf}");
        }

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var amount = Array.IndexOf(InvoiceCsv.Columns.ToArray(), "amount");
        decimal Sum(IEnumerable<string[]> rows) => rows.Sum(r => decimal.Parse(r[amount], CultureInfo.InvariantCulture));
        Assert.Equal(jpy.Subtotal, Sum(lines.Where(l => l[5] != "consumption_tax")));
        Assert.Equal(jpy.Tax, Sum(lines.Where(l => l[5] == "consumption_tax")));
        Assert.Equal(jpy.Total, Sum(lines));
        Assert.All(lines, l => Assert.Equal(jpy.Number, l[0]));
        Assert.Equal(HttpStatusCode.NotFound, draftAsCustomer.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task IssuerSettings_RegistrationNumberCheckDigit_ValidatedOnEntry(DatabaseKind db)
    {
        var app = await apps.For(db);
        await app.EnsureIssuerAsync();
        var (_, staff) = await app.SignedInStaffAsync();
        Dictionary<string, string> Form(string number) => new()
        {
            ["Name"] = InvoiceSetup.IssuerName, ["Address"] = "東京都千代田区1-1-1", ["RegistrationNumber"] = number,
        };

        using var changedDigit = await staff.SubmitFormAsync("/staff/invoices/issuer", Form("T6011001106697"));
        using var tooShort = await staff.SubmitFormAsync("/staff/invoices/issuer", Form("T601100110669"));
        using var valid = await staff.SubmitFormAsync("/staff/invoices/issuer", Form("t 6011-0011-06696"));

        Assert.Equal(HttpStatusCode.BadRequest, changedDigit.StatusCode);
        Assert.Contains("T6011001106696", (await HtmlForms.ParseAsync(changedDigit)).Text("[data-testid=field-error]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, valid.StatusCode);
        Assert.Equal(InvoiceSetup.IssuerNumber, await app.WithDbAsync(c => c.InvoiceIssuers.Select(i => i.RegistrationNumber).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task LastMonthTile_ShowsTheOrganizationsIssuedInvoicesOfLastMonth(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("tile");
        var other = await app.CreateWorldAsync("tileother");
        var october = new DateOnly(2026, 10, 1);
        var invoiceId = await app.CreateIssuedInvoiceRowAsync(world.OrgId, world.ProjectId, world.ProjectName, world.AccountNumber, "tile-oct", october);
        var otherId = await app.CreateIssuedInvoiceRowAsync(other.OrgId, other.ProjectId, other.ProjectName, other.AccountNumber, "tileother-oct", october);
        LastMonthInvoicesTile? tile = null;
        await app.WithServicesAsync(async s => tile = await s.GetRequiredService<LastMonthInvoices>().ForAsync(world.OrgId, CancellationToken.None));

        // The clock stands in November 2026 (JST); the world's own August invoice is not last month's.
        Assert.Equal(october, tile!.Month);
        var only = Assert.Single(tile.Invoices);
        Assert.Equal(invoiceId, only.Id);
        Assert.NotEqual(otherId, only.Id);
    }

    [Theory, BothDatabases]
    public async Task InvoiceMail_WithAttachPdfSetting_CarriesThePdf(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("attach");
        var to = $"ap-{Guid.NewGuid():N}@attach.example";
        await app.WithDbAsync(async c => await c.Projects.Where(p => p.Id == world.ProjectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.InvoiceTo, new List<string> { to })));
        var (_, month) = await app.BillableMonthAsync(world);
        await app.CloseAsync(month);
        await app.IssueAsync((await app.InvoiceOfAsync(world.ProjectId, month)).Id);
        var issued = await app.InvoiceOfAsync(world.ProjectId, month);

        // The issuer setting is global and shared by parallel tests, so the mail is queued here with the setting on.
        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<InvoiceMail>().QueueAsync(issued, attachPdf: true, CancellationToken.None);
            await s.GetRequiredService<Portal.Core.Data.PortalDbContext>().SaveChangesAsync();
        });
        await app.DeliverMailAsync();
        var mails = app.Mail.To(to);
        for (var i = 0; i < 40 && mails.Count < 2; i++)
        {
            await Task.Delay(250);
            mails = app.Mail.To(to);
        }

        Assert.Equal(2, mails.Count);
        Assert.Single(mails, m => !m.Attachments.Any());
        var attached = mails.Single(m => m.Attachments.Any());
        var part = Assert.IsType<MimeKit.MimePart>(Assert.Single(attached.Attachments));
        Assert.Equal($"{issued.Number}.pdf", part.FileName);
        using var pdf = new MemoryStream();
        await part.Content!.DecodeToAsync(pdf);
        Assert.Contains(issued.Number!, await InvoiceSetup.PdfTextAsync(pdf.ToArray()), StringComparison.Ordinal);
    }

    private static async Task<string?> NumberForAsync(PortalApp app, Guid projectId, DateOnly month)
    {
        string? number = null;
        await app.WithServicesAsync(async s => number = await s.GetRequiredService<InvoiceNumbers>().NumberForAsync(projectId, month, CancellationToken.None));
        return number;
    }

    private static async Task<Invoice> CreateDraftAsync(PortalApp app, TenantWorld world, DateOnly month)
    {
        var project = await app.CreateProjectAsync(world.OrgId, "draft " + world.ProjectName);
        var account = await app.CreateAccountAsync(project.Id, "draft");
        await app.AddChargesAsync(Tenants.NewAccountNumber(), month, world.OrgId, project.Id, account.AccountNumber, Currency.Jpy, (ChargeCategory.Usage, 10m));
        await app.CloseAsync(month, force: true, reason: "test");
        return await app.InvoiceOfAsync(project.Id, month, InvoiceStatus.Draft);
    }
}
