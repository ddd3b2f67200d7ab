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

public sealed record StaffAccountRow(Guid Id, string AccountNumber, string Name, string Organization, string Project, AccountStatus Status, DateOnly JoinedOn);

public sealed record ProjectOption(Guid Id, string Label);

/// <summary>Staff list every AWS account and register new ones; the 12-digit id is unique across the system.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class AccountsModel(PortalDbContext db, SaveAccount save, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? AccountNumber { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public Guid ProjectId { get; set; }

    [BindProperty]
    public DateOnly? JoinedOn { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<StaffAccountRow> Rows { get; private set; } = [];

    public IReadOnlyList<ProjectOption> Projects { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (outcome, account) = await save.CreateAsync(new AccountFields(AccountNumber ?? "", Name ?? "", ProjectId, AccountStatus.Active, JoinedOn), User.UserId(), ct);
        if (outcome == SaveAccountOutcome.Saved)
        {
            return Redirect($"/staff/accounts/{account!.Id}?done=created");
        }
        Error = StaffProjectErrors.Describe(outcome, t, AccountNumber?.Trim());
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = db.AwsAccounts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(a => a.AccountNumber.StartsWith(q) || a.Name.Contains(q));
        }
        Rows = await query.OrderBy(a => a.AccountNumber).Take(500)
            .Select(a => new StaffAccountRow(a.Id, a.AccountNumber, a.Name, a.Organization.Alias ?? a.Organization.Name, a.Project.Name, a.Status, a.JoinedOn)).ToListAsync(ct);
        Projects = await db.Projects.AsNoTracking().OrderBy(p => p.Organization.Code).ThenBy(p => p.Name)
            .Select(p => new ProjectOption(p.Id, (p.Organization.Alias ?? p.Organization.Name) + " / " + p.Name)).ToListAsync(ct);
    }
}
