using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Invoices;

/// <summary>Staff set a project's payment terms (days to the due date) and its invoice language.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class ProjectSettingsModel(PortalDbContext db, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxTermsDays = 120;

    [FromRoute]
    public Guid ProjectId { get; set; }

    [BindProperty]
    public string? PaymentTermsDays { get; set; }

    [BindProperty]
    public string? InvoiceLanguage { get; set; }

    public string ProjectName { get; private set; } = "";

    [TempData]
    public string? Message { get; set; }

    public Dictionary<string, List<string>> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == ProjectId, ct);
        if (project is null)
        {
            return NotFound();
        }
        (ProjectName, PaymentTermsDays, InvoiceLanguage) = (project.Name, project.PaymentTermsDays.ToString(System.Globalization.CultureInfo.InvariantCulture), project.InvoiceLanguage);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == ProjectId, ct);
        if (project is null)
        {
            return NotFound();
        }
        ProjectName = project.Name;
        if (!int.TryParse(PaymentTermsDays?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) || days is < 0 or > MaxTermsDays)
        {
            Errors["PaymentTermsDays"] = [t["Invoices.Error.Terms", MaxTermsDays]];
        }
        if (InvoiceLanguage is not (Languages.Japanese or Languages.English))
        {
            Errors["InvoiceLanguage"] = [t["Invoices.Error.Language"]];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        (project.PaymentTermsDays, project.InvoiceLanguage) = (days, InvoiceLanguage!);
        audit.Record("project.invoice-settings.updated", User.UserId(), project.Id.ToString(), project.OrganizationId, detail: $"terms={days}; language={InvoiceLanguage}");
        await db.SaveChangesAsync(ct);
        Message = t["Staff.Saved"];
        return RedirectToPage();
    }

    public IReadOnlyList<string> ErrorsFor(string field) => Errors.GetValueOrDefault(field) ?? [];
}
