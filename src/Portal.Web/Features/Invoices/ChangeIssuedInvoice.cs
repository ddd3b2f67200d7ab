using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Billing.Invoicing;
using Portal.Billing.Rating;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Invoices;

public enum ChangeOutcome
{
    Done,
    NotFound,

    /// <summary>The invoice is not in the state the change needs (for example voiding a draft).</summary>
    WrongState,
    ReasonRequired,
    InvalidAmount,

    /// <summary>The project already has a live invoice for the month.</summary>
    AlreadyReplaced,
}

public enum LateCreditTreatment
{
    /// <summary>A line on the project's next month's invoice.</summary>
    NextMonth = 0,

    /// <summary>A credit note that references the issued invoice.</summary>
    CreditNote = 1,
}

public sealed record ChangeResult(ChangeOutcome Outcome, Guid? InvoiceId = null);

/// <summary>
/// What staff may do to an issued invoice, which itself never changes (SPEC F10): void it with a reason and re-issue
/// a new draft for the same project and month, or issue a credit note that references it; a credit that arrives after
/// close goes to the next month's invoice or to a credit note, as staff choose.
/// </summary>
public sealed class ChangeIssuedInvoice(PortalDbContext db, InvoiceDrafts drafts, AuditLog audit, TimeProvider clock)
{
    public const int MaxTextLength = 200;

    public async Task<ChangeResult> VoidAsync(Guid invoiceId, string? reason, Guid? actorId, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > CloseMonth.MaxReasonLength)
        {
            return new(ChangeOutcome.ReasonRequired);
        }
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return new(ChangeOutcome.NotFound);
        }
        var now = clock.GetUtcNow();
        var changed = await db.Invoices.Where(i => i.Id == invoiceId && i.Status == InvoiceStatus.Issued).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, InvoiceStatus.Void).SetProperty(i => i.VoidReason, reason).SetProperty(i => i.VoidedAt, now).SetProperty(i => i.UpdatedAt, now), ct);
        if (changed == 0)
        {
            return new(ChangeOutcome.WrongState);
        }
        audit.Record("invoice.voided", actorId, invoiceId.ToString(), invoice.OrganizationId, detail: $"number={invoice.Number}; reason: {reason}");
        await db.SaveChangesAsync(ct);
        return new(ChangeOutcome.Done, invoiceId);
    }

    /// <summary>A new draft for the month of a voided invoice, from the (frozen) charges; staff review and issue it.</summary>
    public async Task<ChangeResult> ReissueAsync(Guid voidedId, Guid? actorId, CancellationToken ct)
    {
        var voided = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == voidedId, ct);
        if (voided is null)
        {
            return new(ChangeOutcome.NotFound);
        }
        if (voided.Status != InvoiceStatus.Void || voided.Kind != InvoiceKind.Invoice)
        {
            return new(ChangeOutcome.WrongState);
        }
        if (await db.Invoices.AnyAsync(i => i.ProjectId == voided.ProjectId && i.Month == voided.Month && i.Kind == InvoiceKind.Invoice && i.Status != InvoiceStatus.Void, ct))
        {
            return new(ChangeOutcome.AlreadyReplaced);
        }
        try
        {
            var draft = await drafts.WriteDraftAsync(voided.ProjectId, voided.Month, voidedId, ct);
            if (draft is null)
            {
                return new(ChangeOutcome.WrongState);
            }
            audit.Record("invoice.reissue.drafted", actorId, draft.Id.ToString(), voided.OrganizationId, detail: $"replaces={voided.Number}");
            await db.SaveChangesAsync(ct);
            return new(ChangeOutcome.Done, draft.Id);
        }
        catch (DbUpdateException)
        {
            return new(ChangeOutcome.AlreadyReplaced);
        }
    }

    /// <summary>
    /// A late credit (or a correction) of <paramref name="amount"/> against an issued invoice: a draft credit note that
    /// references it, or an adjustment line on the project's next month's invoice.
    /// </summary>
    public async Task<ChangeResult> LateCreditAsync(Guid invoiceId, decimal amount, string? description, LateCreditTreatment treatment, Guid? actorId, CancellationToken ct)
    {
        description = description?.Trim();
        if (string.IsNullOrEmpty(description) || description.Length > MaxTextLength)
        {
            return new(ChangeOutcome.ReasonRequired);
        }
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return new(ChangeOutcome.NotFound);
        }
        if (invoice.Status != InvoiceStatus.Issued || invoice.Kind != InvoiceKind.Invoice)
        {
            return new(ChangeOutcome.WrongState);
        }
        if (amount <= 0 || amount > invoice.Subtotal || InvoiceCalculation.Round(amount, invoice.Currency) != amount || !Enum.IsDefined(treatment))
        {
            return new(ChangeOutcome.InvalidAmount);
        }
        var now = clock.GetUtcNow();
        Guid created;
        if (treatment == LateCreditTreatment.NextMonth)
        {
            var adjustment = new InvoiceAdjustment
            {
                OrganizationId = invoice.OrganizationId, ProjectId = invoice.ProjectId, TargetMonth = invoice.Month.AddMonths(1), Amount = -amount,
                Description = description, SourceInvoiceId = invoice.Id, CreatedAt = now, CreatedById = actorId,
            };
            db.InvoiceAdjustments.Add(adjustment);
            created = adjustment.Id;
        }
        else
        {
            var lines = new[] { new InvoiceLineInput("", "", ChargeCategory.Credit, -amount, description, description) };
            var amounts = InvoiceCalculation.Calculate(lines, invoice.Currency, invoice.UsdToJpy);
            var note = new Invoice
            {
                ProjectId = invoice.ProjectId, Month = invoice.Month, Kind = InvoiceKind.CreditNote, CreditsInvoiceId = invoice.Id, CreatedAt = now,
                Note = description,
            };
            await drafts.FillAsync(note, amounts, ct);
            // The credit note states the rate of the invoice it corrects, not today's.
            (note.UsdToJpy, note.RateSource, note.RateDate) = (invoice.UsdToJpy, invoice.RateSource, invoice.RateDate);
            db.Invoices.Add(note);
            created = note.Id;
        }
        audit.Record("invoice.late-credit", actorId, invoice.Id.ToString(), invoice.OrganizationId,
            detail: string.Create(CultureInfo.InvariantCulture, $"number={invoice.Number}; amount={amount}; treatment={treatment}; {description}"));
        await db.SaveChangesAsync(ct);
        return new(ChangeOutcome.Done, created);
    }
}
