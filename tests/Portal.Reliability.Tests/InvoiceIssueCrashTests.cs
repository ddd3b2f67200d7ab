using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing;
using Portal.Billing.Rating;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Core.Projects;
using Portal.Web.Features.Invoices;

namespace Portal.Reliability.Tests;

/// <summary>
/// A web node killed (SIGKILL) while it issues an invoice for staff: no number taken, the draft untouched, no mail; the
/// same staff member issues it on the other node and gets the next number, once.
/// </summary>
public sealed class InvoiceIssueCrashTests(Deployment portal)
{
    [Fact]
    public async Task WebNodeKilledWhileCommittingInvoiceIssue_DraftAndCounterUnchanged_ReissueOnOtherNodeTakesNextNumber()
    {
        // A month of its own, long past: closing it touches only this test's project.
        var month = new DateOnly(2001, 3, 1);
        var recipient = $"billing-{Guid.NewGuid():N}@rel.example";
        var project = await portal.CreateProjectAsync(Currency.Jpy, accounts: 2, invoiceTo: recipient);
        await portal.AddUsageFactsAsync(project, month, days: 5);
        var prefix = await PrepareMonthAsync(project.Payer, month);
        await portal.WithServicesAsync(sp => sp.GetRequiredService<RecomputeCharges>().HandleAsync(project.Payer, month, CancellationToken.None));
        var closed = await portal.WithServicesAsync(sp => sp.GetRequiredService<CloseMonth>().HandleAsync(month, false, null, null, CancellationToken.None));
        Assert.Equal((CloseMonthOutcome.Closed, 1), (closed.Outcome, closed.Drafts));
        var draft = await InvoiceAsync(project.ProjectId, month);
        var sequenceBefore = await SequenceAsync();
        var (staff, key) = await portal.CreateStaffAsync("issuer");
        using var browser = new Browser();
        await browser.SignInWithMfaAsync(portal.WebB, staff.Email!, Deployment.Password, key);

        // Node A stops inside the issue's transaction, after the number, the claim and the mail, before the commit.
        await portal.RestartWebAAsync(new Dictionary<string, string> { ["Billing:PauseAtPhase"] = CrashTestPause.InvoiceCommitting });
        try
        {
            var issueOnA = browser.SubmitAsync(portal.WebA, $"/staff/invoices/{draft.Id}", new Dictionary<string, string>(), "form[data-testid=issue-form]");
            await portal.WebA.WaitForOutputAsync("PAUSED " + CrashTestPause.InvoiceCommitting, TimeSpan.FromMinutes(3));
            var killedAt = DateTime.UtcNow;
            portal.WebA.Kill();
            // The request dies with the node (or has already given up waiting for it).
            var lost = await Record.ExceptionAsync(() => issueOnA);
            Assert.True(lost is HttpRequestException or TaskCanceledException, $"The issue on the killed node ended with {lost?.GetType().Name ?? "an answer"}.");

            var afterKill = await InvoiceAsync(project.ProjectId, month);
            var sequenceAfterKill = await SequenceAsync();
            var mailsAfterKill = await MailsToAsync(recipient);
            var frozenAfterKill = await FrozenAsync(project.Payer, month);
            var auditAfterKill = await IssuedAuditsAsync(draft.Id);

            // The staff member tries again on the node that still runs.
            using var reissue = await browser.SubmitAsync(portal.WebB, $"/staff/invoices/{draft.Id}", new Dictionary<string, string>(), "form[data-testid=issue-form]");
            var reissuedIn = DateTime.UtcNow - killedAt;
            Assert.True(reissue.StatusCode == HttpStatusCode.Redirect, $"The issue on node B answered {(int)reissue.StatusCode}.");
            var (page, document) = await browser.GetDocumentAsync(portal.WebB, $"/staff/invoices/{draft.Id}");
            page.Dispose();
            var issued = await InvoiceAsync(project.ProjectId, month);
            var invoicesOfMonth = await portal.WithDbAsync(db => db.Invoices.IgnoreQueryFilters([PortalDbContext.TenantFilter])
                .CountAsync(i => i.ProjectId == project.ProjectId && i.Month == month && i.Status == InvoiceStatus.Issued));
            await Eventually.ThatAsync(() => Task.FromResult(portal.Smtp.To(recipient).Count >= 1), TimeSpan.FromMinutes(2), "the invoice mail to arrive");
            Figures.Record($"web node killed at commit of an invoice issue: draft kept, counter {sequenceBefore}→{sequenceAfterKill}, {mailsAfterKill} mails; " +
                $"re-issued on the other node as {issued.Number} {reissuedIn.TotalSeconds:0.0} s after the kill, {await MailsToAsync(recipient)} mail");

            Assert.Equal(InvoiceStatus.Draft, afterKill.Status);
            Assert.Null(afterKill.Number);
            Assert.Equal(Lines(draft), Lines(afterKill));
            Assert.Equal(sequenceBefore, sequenceAfterKill);
            Assert.Equal(0, mailsAfterKill);
            Assert.Equal(0, frozenAfterKill);
            Assert.Equal(0, auditAfterKill);

            Assert.Equal(InvoiceStatus.Issued, issued.Status);
            Assert.Equal(IssueInvoice.Format(prefix, sequenceBefore + 1), issued.Number);
            Assert.Contains(issued.Number!, document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(sequenceBefore + 1, await SequenceAsync());
            Assert.Equal(Lines(draft), Lines(issued));
            Assert.Equal(1, invoicesOfMonth);
            Assert.Equal(1, await MailsToAsync(recipient));
            Assert.Equal(1, await FrozenAsync(project.Payer, month));
            Assert.Equal(1, await IssuedAuditsAsync(draft.Id));
            Assert.Single(portal.Smtp.To(recipient));
        }
        finally
        {
            await portal.RestartWebAAsync();
        }
    }

    /// <summary>The issuer (the first test to need it creates it), the month's rate and the payer's final month; returns the number prefix.</summary>
    private Task<string> PrepareMonthAsync(string payer, DateOnly month) => portal.WithDbAsync(async db =>
    {
        var issuer = await db.InvoiceIssuers.SingleOrDefaultAsync();
        if (issuer is null)
        {
            issuer = new InvoiceIssuer { Name = "メンバーズ・リセラー株式会社", Address = "東京都千代田区1-1-1", RegistrationNumber = "T6011001106696", UpdatedAt = DateTimeOffset.UtcNow };
            db.InvoiceIssuers.Add(issuer);
        }
        db.ExchangeRates.Add(new ExchangeRateEntry { Month = month, UsdToJpy = 150m, Source = "三菱UFJ銀行 TTM", RateDate = month.AddMonths(1).AddDays(-1), UpdatedAt = DateTimeOffset.UtcNow });
        var period = await db.BillingPeriods.SingleAsync(p => p.PayerAccountId == payer && p.Month == month);
        period.IsFinal = true;
        await db.SaveChangesAsync();
        return issuer.NumberPrefix;
    });

    private Task<Invoice> InvoiceAsync(Guid projectId, DateOnly month) => portal.WithDbAsync(db => db.Invoices.IgnoreQueryFilters([PortalDbContext.TenantFilter])
        .AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.ProjectId == projectId && i.Month == month && i.Kind == InvoiceKind.Invoice));

    private Task<long> SequenceAsync() => portal.WithDbAsync(db => db.InvoiceIssuers.Select(i => i.LastSequence).SingleAsync());

    private Task<int> MailsToAsync(string address) => portal.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.To == address));

    private Task<int> FrozenAsync(string payer, DateOnly month) => portal.WithDbAsync(db => db.FrozenChargeMonths.CountAsync(f => f.PayerAccountId == payer && f.Month == month));

    private Task<int> IssuedAuditsAsync(Guid invoiceId) => portal.WithDbAsync(db => db.AuditEvents.IgnoreQueryFilters().CountAsync(e => e.Event == "invoice.issued" && e.Subject == invoiceId.ToString()));

    private static List<string> Lines(Invoice invoice) =>
        invoice.Lines.OrderBy(l => l.Position).Select(l => $"{l.Position} {l.AccountNumber} {l.Amount} {l.TaxRatePercent}").Append($"{invoice.Subtotal} {invoice.Tax} {invoice.Total}").ToList();
}
