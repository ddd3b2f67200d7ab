using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Resources;

namespace Portal.Web.Features.Accounts;

public sealed record SelectedAccount(Guid Id, string AccountNumber, string Name, AccountStatus Status);

/// <summary>
/// Bulk edit of notification settings (SPEC F6): the same values overwrite those of every selected account, after the
/// user confirms that the previous values are replaced. All selected accounts are updated, or none.
/// </summary>
[OrgPermission(Permission.AccountEditor)]
public sealed class BulkModel(PortalDbContext db, UpdateNotificationSettings update, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<Guid> Ids { get; set; } = [];

    [BindProperty]
    public string? BillingTo { get; set; }

    [BindProperty]
    public string? BillingCc { get; set; }

    [BindProperty]
    public string? TechnicalTo { get; set; }

    [BindProperty]
    public string? TechnicalCc { get; set; }

    [BindProperty]
    public string? SecurityTo { get; set; }

    [BindProperty]
    public string? SecurityCc { get; set; }

    [BindProperty]
    public string? Language { get; set; } = "ja";

    [BindProperty]
    public string? EmergencyPhone { get; set; }

    [BindProperty]
    public bool ConfirmOverwrite { get; set; }

    public IReadOnlyList<SelectedAccount> Selected { get; private set; } = [];

    public string? Error { get; private set; }

    public NotificationForm Form => new(BillingTo, BillingCc, TechnicalTo, TechnicalCc, SecurityTo, SecurityCc, Language, EmergencyPhone);

    public async Task OnGetAsync(CancellationToken ct) => await LoadSelectedAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadSelectedAsync(ct);
        if (!ConfirmOverwrite)
        {
            Error = t["Accounts.BulkConfirmRequired"];
        }
        else if (await update.SaveAsync(OrgId, Ids, Form, User.UserId()!.Value, ct) is { } problem)
        {
            Error = NotificationErrors.Describe(problem, t);
        }
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/orgs/{OrgId}/accounts?done=bulk");
    }

    private async Task LoadSelectedAsync(CancellationToken ct) =>
        Selected = await db.AwsAccounts.AsNoTracking().Where(a => a.OrganizationId == OrgId && Ids.Contains(a.Id)).OrderBy(a => a.AccountNumber)
            .Select(a => new SelectedAccount(a.Id, a.AccountNumber, a.Name, a.Status)).ToListAsync(ct);
}
