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

namespace Portal.Web.Features.Projects;

/// <summary>
/// Project applications (SPEC F5): a new AWS account, or an existing account transferred in, for this project. Stored
/// as a staff work item; the inquiries issue shows it in the helpdesk.
/// </summary>
[OrgPermission(Permission.ProjectEditor)]
public sealed class ApplyModel(PortalDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t, Helpdesk.ApplicationInquiries inquiries) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid ProjectId { get; set; }

    [BindProperty]
    public ApplicationKind Kind { get; set; } = ApplicationKind.NewAccount;

    [BindProperty]
    public string? AccountName { get; set; }

    [BindProperty]
    public string? AccountNumber { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public string ProjectName { get; private set; } = "";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var name = AccountName?.Trim() ?? "";
        var number = AccountNumber?.Trim() ?? "";
        Error = Kind switch
        {
            not (ApplicationKind.NewAccount or ApplicationKind.TransferIn) => t["Applications.InvalidKind"].Value,
            _ when name.Length is 0 or > 200 => t["Validation.Required", t["Accounts.Name"]].Value,
            ApplicationKind.TransferIn when !AwsAccount.IsValidNumber(number) => t["Accounts.InvalidNumber"].Value,
            _ when Note?.Length > 2000 => t["Applications.NoteTooLong"].Value,
            _ => null,
        };
        if (Error is null && Kind == ApplicationKind.TransferIn
            && await db.AwsAccounts.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AnyAsync(a => a.AccountNumber == number, ct))
        {
            Error = t["Applications.AlreadyManaged", number].Value;
        }
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var application = new ServiceApplication
        {
            OrganizationId = OrgId, ProjectId = ProjectId, Kind = Kind, AccountName = name,
            AccountNumber = Kind == ApplicationKind.TransferIn ? number : null, Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
            SubmittedById = User.UserId(), SubmittedAt = clock.GetUtcNow(),
        };
        db.ServiceApplications.Add(application);
        inquiries.Add(application, application.AccountNumber);
        audit.Record("application.submitted", User.UserId(), application.Id.ToString(), OrgId, detail: $"kind={Kind}; project={ProjectId}");
        await db.SaveChangesAsync(ct);
        return Redirect($"/orgs/{OrgId}/projects/{ProjectId}?done=applied");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var name = await db.Projects.AsNoTracking().Where(p => p.Id == ProjectId && p.OrganizationId == OrgId).Select(p => p.Name).SingleOrDefaultAsync(ct);
        ProjectName = name ?? "";
        return name is not null;
    }
}
