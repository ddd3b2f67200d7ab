using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Billing;
using Portal.Billing.Invoicing;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Invoices;

public enum IssueOutcome
{
    Issued,

    /// <summary>Already issued (a double submit or a second member of staff): nothing changed.</summary>
    AlreadyIssued,

    /// <summary>The charges changed since the draft was reviewed: the draft now shows the new figures.</summary>
    ChangedSinceReview,

    NotDraft,
    NoIssuer,
    NotFound,
}

public sealed record IssueResult(IssueOutcome Outcome, string? Number);

/// <summary>
/// Issues a draft invoice or credit note (SPEC F10). In one transaction: the issuer's counter row is incremented (on
/// PostgreSQL the row lock queues concurrent issues; SQLite has one writer), the draft is claimed with a conditional
/// update (a second attempt finds it issued and rolls back, returning the counter), the payers' months are frozen and
/// the mail is queued. Numbers are therefore consecutive, unique and without gaps.
/// </summary>
public sealed class IssueInvoice(PortalDbContext db, InvoiceDrafts drafts, InvoiceMail mail, AuditLog audit, TimeProvider clock, CrashTestPause pause)
{
    public async Task<IssueResult> HandleAsync(Guid invoiceId, Guid? actorId, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return new(IssueOutcome.NotFound, null);
        }
        if (invoice.Status == InvoiceStatus.Issued)
        {
            return new(IssueOutcome.AlreadyIssued, invoice.Number);
        }
        if (invoice.Status != InvoiceStatus.Draft)
        {
            return new(IssueOutcome.NotDraft, null);
        }
        var issuer = await db.InvoiceIssuers.AsNoTracking().SingleOrDefaultAsync(ct);
        if (issuer is null || string.IsNullOrWhiteSpace(issuer.Name) || !RegistrationNumber.IsValid(issuer.RegistrationNumber))
        {
            return new(IssueOutcome.NoIssuer, null);
        }
        if (invoice.Kind == InvoiceKind.Invoice && await drafts.ComputeAsync(invoice.ProjectId, invoice.Month, ct) is { } fresh && !InvoiceDrafts.Matches(invoice, fresh))
        {
            return await RefreshAsync(invoice.Id, fresh, ct);
        }

        var now = clock.GetUtcNow();
        var today = Jst.Today(now);
        // Terms and language are the project's as of issue, even if staff changed them after the draft was written.
        var project = await db.Projects.Where(p => p.Id == invoice.ProjectId).Select(p => new { p.PaymentTermsDays, p.InvoiceLanguage }).SingleAsync(ct);
        var terms = project.PaymentTermsDays;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.InvoiceIssuers.Where(i => i.Id == InvoiceIssuer.SingletonId).ExecuteUpdateAsync(s => s.SetProperty(i => i.LastSequence, i => i.LastSequence + 1), ct);
        var sequence = await db.InvoiceIssuers.Where(i => i.Id == InvoiceIssuer.SingletonId).Select(i => i.LastSequence).SingleAsync(ct);
        var number = Format(issuer.NumberPrefix, sequence);
        var claimed = await db.Invoices.Where(i => i.Id == invoiceId && i.Status == InvoiceStatus.Draft).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, InvoiceStatus.Issued)
            .SetProperty(i => i.Number, number)
            .SetProperty(i => i.Sequence, sequence)
            .SetProperty(i => i.IssueDate, today)
            .SetProperty(i => i.DueDate, today.AddDays(terms))
            .SetProperty(i => i.PaymentTermsDays, terms)
            .SetProperty(i => i.Language, project.InvoiceLanguage)
            .SetProperty(i => i.IssuerName, issuer.Name)
            .SetProperty(i => i.IssuerAddress, issuer.Address)
            .SetProperty(i => i.RegistrationNumber, issuer.RegistrationNumber)
            .SetProperty(i => i.IssuedAt, now)
            .SetProperty(i => i.IssuedById, actorId)
            .SetProperty(i => i.UpdatedAt, now), ct);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(ct);
            var current = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => new { i.Status, i.Number }).SingleAsync(ct);
            return current.Status == InvoiceStatus.Issued ? new(IssueOutcome.AlreadyIssued, current.Number) : new(IssueOutcome.NotDraft, null);
        }
        await FreezeChargesAsync(invoice, now, ct);
        var issued = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == invoiceId, ct);
        await mail.QueueAsync(issued, issuer.AttachPdf, ct);
        audit.Record("invoice.issued", actorId, invoiceId.ToString(), issued.OrganizationId,
            detail: string.Create(CultureInfo.InvariantCulture, $"number={number}; month={issued.Month:yyyy-MM}; total={issued.Total} {issued.Currency}"));
        await db.SaveChangesAsync(ct);
        await pause.AtAsync(CrashTestPause.InvoiceCommitting, ct);
        await transaction.CommitAsync(ct);
        return new(IssueOutcome.Issued, number);
    }

    public static string Format(string prefix, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{sequence:D6}");

    /// <summary>Every payer whose charges the invoice used keeps them: recompute skips a frozen (payer, month).</summary>
    private async Task FreezeChargesAsync(Invoice invoice, DateTimeOffset now, CancellationToken ct)
    {
        if (invoice.Kind != InvoiceKind.Invoice)
        {
            return;
        }
        var payers = await db.ChargeLines.AsNoTracking().Where(c => c.ProjectId == invoice.ProjectId && c.Month == invoice.Month)
            .Select(c => c.PayerAccountId).Distinct().ToListAsync(ct);
        var frozen = await db.FrozenChargeMonths.AsNoTracking().Where(f => f.Month == invoice.Month && payers.Contains(f.PayerAccountId))
            .Select(f => f.PayerAccountId).ToListAsync(ct);
        db.FrozenChargeMonths.AddRange(payers.Except(frozen).Select(p => new FrozenChargeMonth { PayerAccountId = p, Month = invoice.Month, FrozenAt = now }));
    }

    /// <summary>
    /// Rewrites a draft whose charges changed since review. Another staff member may have issued or refreshed it a moment
    /// ago: an issued invoice is never touched, and a concurrent refresh wrote the same figures.
    /// </summary>
    private async Task<IssueResult> RefreshAsync(Guid invoiceId, InvoiceAmounts fresh, CancellationToken ct)
    {
        var draft = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == invoiceId && i.Status == InvoiceStatus.Draft, ct);
        if (draft is not null)
        {
            await drafts.FillAsync(draft, fresh, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
        }
        var current = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => new { i.Status, i.Number }).SingleAsync(ct);
        return current.Status == InvoiceStatus.Issued ? new(IssueOutcome.AlreadyIssued, current.Number) : new(IssueOutcome.ChangedSinceReview, null);
    }
}
