using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Web.Auth;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Organizations;

public sealed record StaffOrganizationRow(Guid Id, string Name, string Code, int Members);

/// <summary>Staff list and create organizations.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class IndexModel(PortalDbContext db, CreateOrganization create, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Alias { get; set; }

    [BindProperty]
    public string? LegalName { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Created { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<StaffOrganizationRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (outcome, organization) = await create.HandleAsync(new NewOrganization(Name ?? "", Code ?? "", Alias, LegalName, Address), User.UserId(), ct);
        if (outcome == CreateOrganizationOutcome.Created)
        {
            return Redirect($"/staff/organizations/{organization!.Id}/invite?created=true");
        }
        Error = outcome switch
        {
            CreateOrganizationOutcome.InvalidName => t["Validation.Required", t["Org.Name"]],
            CreateOrganizationOutcome.CodeTaken => t["Staff.CodeTaken", Code ?? ""],
            _ => t["Staff.CodeInvalid"],
        };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.Organizations.AsNoTracking().OrderBy(o => o.Code)
            .Select(o => new StaffOrganizationRow(o.Id, o.Alias ?? o.Name, o.Code, db.Memberships.Count(m => m.OrganizationId == o.Id)))
            .ToListAsync(ct);
}
