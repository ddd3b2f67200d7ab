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

public sealed record StaffProjectRow(Guid Id, string Organization, string Name, string Plan, Currency Currency, int Accounts);

public sealed record OrganizationOption(Guid Id, string Name, string Code);

/// <summary>Staff list every organization's projects and create new ones (SPEC F15).</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class ProjectsModel(PortalDbContext db, SaveProject save, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public Guid OrganizationId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Plan { get; set; }

    [BindProperty]
    public string? PaymentMethod { get; set; }

    [BindProperty]
    public string? ServiceLevel { get; set; }

    [BindProperty]
    public Currency Currency { get; set; } = Currency.Jpy;

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public IReadOnlyList<StaffProjectRow> Rows { get; private set; } = [];

    public IReadOnlyList<OrganizationOption> Organizations { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (outcome, project) = await save.CreateAsync(OrganizationId, new ProjectFields(Name ?? "", Plan, PaymentMethod, ServiceLevel, Currency), User.UserId(), ct);
        if (outcome == SaveProjectOutcome.Saved)
        {
            return Redirect($"/staff/projects/{project!.Id}?done=created");
        }
        Error = StaffProjectErrors.Describe(outcome, t);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await db.Projects.AsNoTracking().OrderBy(p => p.Organization.Code).ThenBy(p => p.Name).Take(1000)
            .Select(p => new StaffProjectRow(p.Id, p.Organization.Alias ?? p.Organization.Name, p.Name, p.Plan, p.Currency, p.Accounts.Count)).ToListAsync(ct);
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Code).Select(o => new OrganizationOption(o.Id, o.Alias ?? o.Name, o.Code)).ToListAsync(ct);
    }
}

public static class StaffProjectErrors
{
    public static string Describe(SaveProjectOutcome outcome, IStringLocalizer<SharedResource> t) => outcome switch
    {
        SaveProjectOutcome.InvalidName => t["Validation.Required", t["Projects.Name"]],
        SaveProjectOutcome.NoOrganization => t["Staff.ChooseOrganization"],
        _ => t["Staff.FieldTooLong"],
    };

    public static string Describe(SaveAccountOutcome outcome, IStringLocalizer<SharedResource> t, string? number) => outcome switch
    {
        SaveAccountOutcome.InvalidNumber => t["Accounts.InvalidNumber"],
        SaveAccountOutcome.NumberTaken => t["Accounts.NumberTaken", number ?? ""],
        SaveAccountOutcome.InvalidName => t["Validation.Required", t["Accounts.Name"]],
        SaveAccountOutcome.NoProject => t["Staff.ChooseProject"],
        _ => t["Accounts.InvalidJoinedOn"],
    };
}
