using Microsoft.EntityFrameworkCore;
using Portal.Billing.Invoicing;
using Portal.Billing.Rating;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Invoices;

namespace Portal.Web.Features.Invoices;

/// <summary>
/// Builds a project's invoice for a month from its charges (lines per AWS account and category, named fees, and
/// adjustments carried from earlier months) and writes it into a draft. Drafts are regenerated freely; issued
/// invoices are never touched here.
/// </summary>
public sealed class InvoiceDrafts(PortalDbContext db, TimeProvider clock)
{
    /// <summary>The invoice's figures from the current charges, or null when the month cannot be invoiced (no rate).</summary>
    public async Task<InvoiceAmounts?> ComputeAsync(Guid projectId, DateOnly month, CancellationToken ct)
    {
        var currency = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Currency).SingleAsync(ct);
        var sums = await db.ChargeLines.AsNoTracking().Where(c => c.ProjectId == projectId && c.Month == month)
            .GroupBy(c => new { c.AccountNumber, c.Category, c.NameJa, c.NameEn })
            .Select(g => new { g.Key.AccountNumber, g.Key.Category, g.Key.NameJa, g.Key.NameEn, Amount = g.Sum(c => c.Amount) })
            .ToListAsync(ct);
        var numbers = sums.Select(s => s.AccountNumber).Where(n => n.Length > 0).Distinct().ToList();
        var names = await db.AwsAccounts.AsNoTracking().Where(a => numbers.Contains(a.AccountNumber))
            .ToDictionaryAsync(a => a.AccountNumber, a => a.Name, ct);
        var adjustments = await db.InvoiceAdjustments.AsNoTracking().Where(a => a.ProjectId == projectId && a.TargetMonth == month)
            .Select(a => new { a.Amount, a.Description }).ToListAsync(ct);
        var rate = await RateAsync(month, ct);
        var inputs = sums
            .Select(s => new InvoiceLineInput(s.AccountNumber, names.GetValueOrDefault(s.AccountNumber, ""), (ChargeCategory)s.Category,
                FixedPoint.ToDecimal(s.Amount), s.NameJa, s.NameEn))
            .Concat(adjustments.Select(a => new InvoiceLineInput("", "", a.Amount < 0 ? ChargeCategory.Credit : ChargeCategory.Fee, a.Amount, a.Description, a.Description)));
        if (rate is null)
        {
            return null;
        }
        return InvoiceCalculation.Calculate(inputs, currency, rate.UsdToJpy);
    }

    /// <summary>Creates or regenerates the draft invoice of a project and month; null when nothing is billable.</summary>
    public async Task<Invoice?> WriteDraftAsync(Guid projectId, DateOnly month, Guid? replaces, CancellationToken ct)
    {
        var amounts = await ComputeAsync(projectId, month, ct);
        if (amounts is null || amounts.Lines.Count == 0)
        {
            return null;
        }
        var draft = await db.Invoices.Include(i => i.Lines)
            .SingleOrDefaultAsync(i => i.ProjectId == projectId && i.Month == month && i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Draft, ct);
        if (draft is null)
        {
            draft = new Invoice { ProjectId = projectId, Month = month, Kind = InvoiceKind.Invoice, CreatedAt = clock.GetUtcNow() };
            db.Invoices.Add(draft);
        }
        draft.ReplacesInvoiceId ??= replaces;
        await FillAsync(draft, amounts, ct);
        return draft;
    }

    /// <summary>Customer, project, issuer, rate and lines of <paramref name="invoice"/> as they are now.</summary>
    public async Task FillAsync(Invoice invoice, InvoiceAmounts amounts, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == invoice.ProjectId)
            .Select(p => new { p.OrganizationId, p.Name, p.Currency, p.InvoiceLanguage, p.PaymentTermsDays, p.Organization.LegalName, OrganizationName = p.Organization.Name, p.Organization.Address })
            .SingleAsync(ct);
        var issuer = await db.InvoiceIssuers.AsNoTracking().SingleOrDefaultAsync(ct);
        var rate = await RateAsync(invoice.Month, ct);
        invoice.OrganizationId = project.OrganizationId;
        invoice.ProjectName = project.Name;
        invoice.CustomerName = string.IsNullOrWhiteSpace(project.LegalName) ? project.OrganizationName : project.LegalName;
        invoice.CustomerAddress = project.Address;
        invoice.Currency = project.Currency;
        invoice.Language = project.InvoiceLanguage;
        invoice.PaymentTermsDays = project.PaymentTermsDays;
        invoice.IssuerName = issuer?.Name ?? "";
        invoice.IssuerAddress = issuer?.Address ?? "";
        invoice.RegistrationNumber = issuer?.RegistrationNumber ?? "";
        invoice.UsdToJpy = rate?.UsdToJpy;
        invoice.RateSource = rate?.Source;
        invoice.RateDate = rate?.RateDate;
        invoice.TaxRatePercent = amounts.TaxRatePercent;
        invoice.Subtotal = amounts.Subtotal;
        invoice.Tax = amounts.Tax;
        invoice.Total = amounts.Total;
        invoice.TaxYen = amounts.TaxYen;
        invoice.UpdatedAt = clock.GetUtcNow();
        invoice.Lines.Clear();
        invoice.Lines.AddRange(amounts.Lines.Select((l, i) => new InvoiceLine
        {
            Position = i + 1, AccountNumber = l.AccountNumber, AccountName = l.AccountName, Category = (int)l.Category, NameJa = l.NameJa, NameEn = l.NameEn,
            Amount = l.Amount, TaxRatePercent = amounts.TaxRatePercent,
        }));
    }

    /// <summary>True when the stored lines of <paramref name="invoice"/> are exactly <paramref name="amounts"/>.</summary>
    public static bool Matches(Invoice invoice, InvoiceAmounts amounts) =>
        invoice.Subtotal == amounts.Subtotal
        && invoice.Lines.OrderBy(l => l.Position).Select(l => (l.AccountNumber, l.Category, l.Amount, l.NameEn))
            .SequenceEqual(amounts.Lines.Select(l => (l.AccountNumber, (int)l.Category, l.Amount, l.NameEn)));

    private Task<ExchangeRateEntry?> RateAsync(DateOnly month, CancellationToken ct) =>
        db.ExchangeRates.AsNoTracking().SingleOrDefaultAsync(r => r.Month == month, ct);
}
