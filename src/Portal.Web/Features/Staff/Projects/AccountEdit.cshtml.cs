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

/// <summary>Staff edit an account's name, project (of the same organization), status and joined day.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class AccountEditModel(PortalDbContext db, SaveAccount save, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid AccountId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public Guid ProjectId { get; set; }

    [BindProperty]
    public AccountStatus Status { get; set; }

    [BindProperty]
    public DateOnly? JoinedOn { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public string AccountNumber { get; private set; } = "";

    public string Organization { get; private set; } = "";

    public IReadOnlyList<ProjectOption> Projects { get; private set; } = [];

    public IReadOnlyList<(DateOnly From, string Project)> History { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var account = await db.AwsAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == AccountId, ct);
        if (account is null)
        {
            return NotFound();
        }
        (Name, ProjectId, Status, JoinedOn) = (account.Name, account.ProjectId, account.Status, account.JoinedOn);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await save.UpdateAsync(AccountId, new AccountFields("", Name ?? "", ProjectId, Status, JoinedOn), User.UserId(), ct);
        if (outcome == SaveAccountOutcome.NotFound)
        {
            return NotFound();
        }
        if (outcome == SaveAccountOutcome.Saved)
        {
            return Redirect($"/staff/accounts/{AccountId}?done=saved");
        }
        await LoadAsync(ct);
        Error = StaffProjectErrors.Describe(outcome, t, AccountNumber);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var account = await db.AwsAccounts.AsNoTracking().Where(a => a.Id == AccountId)
            .Select(a => new { a.AccountNumber, a.OrganizationId, Organization = a.Organization.Alias ?? a.Organization.Name }).SingleAsync(ct);
        (AccountNumber, Organization) = (account.AccountNumber, account.Organization);
        // Only the account's own organization's projects: an account never changes organization.
        Projects = await db.Projects.AsNoTracking().Where(p => p.OrganizationId == account.OrganizationId).OrderBy(p => p.Name)
            .Select(p => new ProjectOption(p.Id, p.Name)).ToListAsync(ct);
        History = (await db.ProjectAssignments.AsNoTracking().Where(p => p.AwsAccountId == AccountId).OrderBy(p => p.EffectiveFrom).ThenBy(p => p.CreatedAt)
            .Select(p => new { p.EffectiveFrom, p.Project.Name }).ToListAsync(ct)).Select(p => (p.EffectiveFrom, p.Name)).ToList();
    }
}
