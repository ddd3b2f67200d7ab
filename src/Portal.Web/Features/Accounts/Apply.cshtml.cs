using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Accounts;

/// <summary>Account applications (SPEC F6): a name change or a cancellation, stored as a staff work item.</summary>
[OrgPermission(Permission.AccountEditor)]
public sealed class ApplyModel(PortalDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t, Helpdesk.ApplicationInquiries inquiries) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid AccountId { get; set; }

    [BindProperty]
    public ApplicationKind Kind { get; set; } = ApplicationKind.NameChange;

    [BindProperty]
    public string? AccountName { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public string AccountLabel { get; private set; } = "";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } projectId)
        {
            return NotFound();
        }
        var name = AccountName?.Trim() ?? "";
        Error = Kind switch
        {
            not (ApplicationKind.NameChange or ApplicationKind.Cancellation) => t["Applications.InvalidKind"].Value,
            ApplicationKind.NameChange when name.Length is 0 or > 200 => t["Validation.Required", t["Applications.NewName"]].Value,
            _ when Note?.Length > 2000 => t["Applications.NoteTooLong"].Value,
            _ => null,
        };
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var application = new ServiceApplication
        {
            OrganizationId = OrgId, ProjectId = projectId, AwsAccountId = AccountId, Kind = Kind,
            AccountName = Kind == ApplicationKind.NameChange ? name : null, Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
            SubmittedById = User.UserId(), SubmittedAt = clock.GetUtcNow(),
        };
        db.ServiceApplications.Add(application);
        inquiries.Add(application, AccountLabel.Split(' ')[0]);
        audit.Record("application.submitted", User.UserId(), application.Id.ToString(), OrgId, detail: $"kind={Kind}; account={AccountId}");
        await db.SaveChangesAsync(ct);
        return Redirect($"/orgs/{OrgId}/accounts/{AccountId}?done=applied");
    }

    private async Task<Guid?> LoadAsync(CancellationToken ct)
    {
        var account = await db.AwsAccounts.AsNoTracking().Where(a => a.Id == AccountId && a.OrganizationId == OrgId)
            .Select(a => new { a.AccountNumber, a.Name, a.ProjectId }).SingleOrDefaultAsync(ct);
        AccountLabel = account is null ? "" : $"{account.AccountNumber} {account.Name}";
        return account?.ProjectId;
    }
}
