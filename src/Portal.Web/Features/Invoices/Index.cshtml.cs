using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Invoices;

public sealed record InvoiceRow(Guid Id, string Number, DateOnly Month, string ProjectName, decimal Total, Currency Currency, InvoiceStatus Status, InvoiceKind Kind);

/// <summary>The organization's issued invoices and credit notes, newest first (SPEC F10). Drafts stay with staff.</summary>
[OrgPermission(Permission.InvoiceViewer)]
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    public IReadOnlyList<InvoiceRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await CustomerInvoices.List(db, OrgId)
            .Select(i => new InvoiceRow(i.Id, i.Number!, i.Month, i.ProjectName, i.Total, i.Currency, i.Status, i.Kind))
            .ToListAsync(ct);
    }
}
