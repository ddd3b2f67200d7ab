using Portal.Core.Data;

namespace Portal.Web.Features.Charges;

/// <summary>
/// Which invoice a project's month was billed on. This is the one place that decides whether an amount is
/// *Estimated* (SPEC F8) and what the usage CSV writes as <c>invoice_id</c> (SPEC F11): invoices do not exist yet, so
/// every month is estimated; the invoices issue fills in <see cref="ForAsync"/> and every screen follows.
/// </summary>
public static class InvoiceNumbers
{
    public const string Estimated = "Estimated";

    /// <summary>The issued invoice's number, or null while the month is not invoiced.</summary>
    public static Task<string?> ForAsync(PortalDbContext db, Guid projectId, DateOnly month, CancellationToken ct)
    {
        _ = (db, projectId, month, ct);
        return Task.FromResult<string?>(null);
    }
}
