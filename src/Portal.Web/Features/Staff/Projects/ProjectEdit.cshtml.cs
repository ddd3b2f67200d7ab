using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Features.Projects;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Projects;

/// <summary>Staff edit a project's name, plan, payment method, service level and currency.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class ProjectEditModel(PortalDbContext db, SaveProject save, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid ProjectId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Plan { get; set; }

    [BindProperty]
    public string? PaymentMethod { get; set; }

    [BindProperty]
    public string? ServiceLevel { get; set; }

    [BindProperty]
    public Currency Currency { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public string Organization { get; private set; } = "";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == ProjectId)
            .Select(p => new { p.Name, p.Plan, p.PaymentMethod, p.ServiceLevel, p.Currency, Organization = p.Organization.Alias ?? p.Organization.Name })
            .SingleOrDefaultAsync(ct);
        if (project is null)
        {
            return NotFound();
        }
        (Name, Plan, PaymentMethod, ServiceLevel, Currency, Organization) = (project.Name, project.Plan, project.PaymentMethod, project.ServiceLevel, project.Currency, project.Organization);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await save.UpdateAsync(ProjectId, new ProjectFields(Name ?? "", Plan, PaymentMethod, ServiceLevel, Currency), User.UserId(), ct);
        if (outcome == SaveProjectOutcome.NotFound)
        {
            return NotFound();
        }
        if (outcome == SaveProjectOutcome.Saved)
        {
            return Redirect($"/staff/projects/{ProjectId}?done=saved");
        }
        Error = StaffProjectErrors.Describe(outcome, t);
        Organization = await db.Projects.AsNoTracking().Where(p => p.Id == ProjectId).Select(p => p.Organization.Alias ?? p.Organization.Name).SingleAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
