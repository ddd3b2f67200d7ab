using Microsoft.EntityFrameworkCore;
using Portal.Billing.Invoicing;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Invoices;

public enum CloseMonthOutcome
{
    Closed,

    /// <summary>A source's month is not final (AWS has not invoiced it) and the close was not forced.</summary>
    NotFinal,

    /// <summary>Forcing needs a reason for the audit log.</summary>
    ReasonRequired,

    /// <summary>The issuer's name or registration number is missing or invalid.</summary>
    NoIssuer,

    /// <summary>The month has no USD→JPY exchange rate.</summary>
    NoRate,

    /// <summary>The month has not ended yet.</summary>
    NotEnded,
}

public sealed record CloseMonthResult(CloseMonthOutcome Outcome, IReadOnlyList<string> NotFinalPayers, int Drafts);

/// <summary>
/// Closes a month for invoicing (SPEC F10, F15): refuses while a payer's month is not final unless forced with
/// a reason (audited), then writes one draft invoice per project with charges. Running it again regenerates the drafts
/// from the current charges and never duplicates an invoice (a unique index allows one live invoice per project-month).
/// </summary>
public sealed class CloseMonth(PortalDbContext db, InvoiceDrafts drafts, AuditLog audit, TimeProvider clock)
{
    public const int MaxReasonLength = 1000;

    public async Task<CloseMonthResult> HandleAsync(DateOnly month, bool force, string? reason, Guid? actorId, CancellationToken ct)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        reason = reason?.Trim();
        if (month.AddMonths(1) > Jst.Today(clock.GetUtcNow()))
        {
            return new(CloseMonthOutcome.NotEnded, [], 0);
        }
        var issuer = await db.InvoiceIssuers.AsNoTracking().SingleOrDefaultAsync(ct);
        if (issuer is null || string.IsNullOrWhiteSpace(issuer.Name) || !RegistrationNumber.IsValid(issuer.RegistrationNumber))
        {
            return new(CloseMonthOutcome.NoIssuer, [], 0);
        }
        if (!await db.ExchangeRates.AnyAsync(r => r.Month == month, ct))
        {
            return new(CloseMonthOutcome.NoRate, [], 0);
        }
        // Not final: a payer whose delivered month AWS has not invoiced yet, or whose charges have no delivered month.
        // A source with nothing delivered for the month has no charges in it and does not hold the close up.
        var periods = await db.BillingPeriods.AsNoTracking().Where(p => p.Month == month).Select(p => new { p.PayerAccountId, p.IsFinal }).ToListAsync(ct);
        var charged = await db.ChargeLines.AsNoTracking().Where(c => c.Month == month).Select(c => c.PayerAccountId).Distinct().ToListAsync(ct);
        var notFinal = periods.Where(p => !p.IsFinal).Select(p => p.PayerAccountId).Union(charged)
            .Except(periods.Where(p => p.IsFinal).Select(p => p.PayerAccountId)).Order(StringComparer.Ordinal).ToList();
        if (notFinal.Count > 0 && !force)
        {
            return new(CloseMonthOutcome.NotFinal, notFinal, 0);
        }
        if (notFinal.Count > 0 && (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength))
        {
            return new(CloseMonthOutcome.ReasonRequired, notFinal, 0);
        }

        var close = await db.MonthCloses.SingleOrDefaultAsync(c => c.Month == month, ct);
        if (close is null)
        {
            close = new MonthClose { Month = month };
            db.MonthCloses.Add(close);
        }
        (close.ClosedAt, close.ClosedById, close.Forced, close.Reason) = (clock.GetUtcNow(), actorId, notFinal.Count > 0, notFinal.Count > 0 ? reason : null);
        audit.Record(notFinal.Count > 0 ? "invoice.month.force-closed" : "invoice.month.closed", actorId, $"{month:yyyy-MM}",
            detail: notFinal.Count > 0 ? $"not final: {string.Join(" ", notFinal)}; reason: {reason}" : null);
        await db.SaveChangesAsync(ct);

        var projects = await db.ChargeLines.AsNoTracking().Where(c => c.Month == month).Select(c => c.ProjectId)
            .Union(db.InvoiceAdjustments.AsNoTracking().Where(a => a.TargetMonth == month).Select(a => a.ProjectId))
            .Distinct().ToListAsync(ct);
        // A project that already has an issued (or voided, awaiting re-issue) invoice keeps it.
        var settled = await db.Invoices.AsNoTracking()
            .Where(i => i.Month == month && i.Kind == InvoiceKind.Invoice && i.Status != InvoiceStatus.Draft).Select(i => i.ProjectId).ToListAsync(ct);
        var count = 0;
        foreach (var projectId in projects.Except(settled))
        {
            try
            {
                if (await drafts.WriteDraftAsync(projectId, month, null, ct) is not null)
                {
                    await db.SaveChangesAsync(ct);
                    count++;
                }
            }
            catch (DbUpdateException)
            {
                // Another close wrote this project's draft at the same moment; its draft stands.
                db.ChangeTracker.Clear();
            }
        }
        return new(CloseMonthOutcome.Closed, notFinal, count);
    }
}
