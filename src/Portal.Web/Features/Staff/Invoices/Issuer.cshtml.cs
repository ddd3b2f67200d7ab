using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registration = Portal.Billing.Invoicing.RegistrationNumber;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Invoices;

/// <summary>
/// The issuer printed on every invoice: name, address and qualified-invoice registration number (check digit
/// validated), and whether the invoice mail carries the PDF. Issued invoices keep the values they were issued with.
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class IssuerModel(PortalDbContext db, AuditLog audit, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? RegistrationNumber { get; set; }

    [BindProperty]
    public bool AttachPdf { get; set; }

    [TempData]
    public string? Message { get; set; }

    public Dictionary<string, List<string>> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var issuer = await db.InvoiceIssuers.AsNoTracking().SingleOrDefaultAsync(ct);
        (Name, Address, RegistrationNumber, AttachPdf) = (issuer?.Name, issuer?.Address, issuer?.RegistrationNumber, issuer?.AttachPdf ?? false);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = Name?.Trim() ?? "";
        var address = Address?.Trim() ?? "";
        var number = Registration.Normalize(RegistrationNumber);
        if (name.Length is 0 or > 200)
        {
            Errors["Name"] = [t["Invoices.Error.IssuerName"]];
        }
        if (address.Length is 0 or > 500)
        {
            Errors["Address"] = [t["Invoices.Error.IssuerAddress"]];
        }
        if (!Registration.IsValid(number))
        {
            Errors["RegistrationNumber"] = [t["Invoices.Error.RegistrationNumber"]];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var issuer = await db.InvoiceIssuers.SingleOrDefaultAsync(ct);
        if (issuer is null)
        {
            issuer = new InvoiceIssuer();
            db.InvoiceIssuers.Add(issuer);
        }
        (issuer.Name, issuer.Address, issuer.RegistrationNumber, issuer.AttachPdf, issuer.UpdatedAt) = (name, address, number, AttachPdf, clock.GetUtcNow());
        audit.Record("invoice.issuer.updated", User.UserId(), number, detail: $"name={name}; attachPdf={AttachPdf}");
        await db.SaveChangesAsync(ct);
        Message = t["Staff.Saved"];
        return RedirectToPage();
    }

    public IReadOnlyList<string> ErrorsFor(string field) => Errors.GetValueOrDefault(field) ?? [];
}
