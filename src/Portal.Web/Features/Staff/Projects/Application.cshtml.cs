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

public sealed record StaffApplicationView(
    Guid Id, string Organization, ApplicationKind Kind, ApplicationStatus Status, string Project, string? AccountNumber, string? AccountName,
    string? TargetProject, DateOnly? EffectiveMonth, string? Note, string? SubmittedBy, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, string? StaffComment);

/// <summary>One application with its structured fields; staff approve (which applies a transfer, rename or cancellation) or reject it.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class ApplicationModel(PortalDbContext db, DecideApplication decide, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid ApplicationId { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public StaffApplicationView Application { get; private set; } = null!;

    public string? Error { get; private set; }

    /// <summary>The helpdesk inquiry this application appears as.</summary>
    public Guid? InquiryId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => DecideAsync(true, ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) => DecideAsync(false, ct);

    private async Task<IActionResult> DecideAsync(bool approve, CancellationToken ct)
    {
        var outcome = await decide.DecideAsync(ApplicationId, approve, Comment, User.UserId(), ct);
        if (outcome == DecideOutcome.NotFound)
        {
            return NotFound();
        }
        if (outcome == DecideOutcome.Done)
        {
            return Redirect($"/staff/applications/{ApplicationId}");
        }
        await LoadAsync(ct);
        Error = outcome == DecideOutcome.AlreadyDecided ? t["Staff.ApplicationDecided"] : t["Transfer.ChooseProject"];
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var view = await db.ServiceApplications.AsNoTracking().Where(a => a.Id == ApplicationId)
            .Select(a => new StaffApplicationView(a.Id,
                db.Organizations.Where(o => o.Id == a.OrganizationId).Select(o => o.Alias ?? o.Name).FirstOrDefault() ?? "",
                a.Kind, a.Status, a.Project.Name, a.AwsAccount != null ? a.AwsAccount.AccountNumber : a.AccountNumber, a.AccountName,
                db.Projects.Where(p => p.Id == a.TargetProjectId).Select(p => p.Name).FirstOrDefault(), a.EffectiveMonth, a.Note,
                db.Users.Where(u => u.Id == a.SubmittedById).Select(u => u.DisplayName).FirstOrDefault(), a.SubmittedAt, a.DecidedAt, a.StaffComment))
            .SingleOrDefaultAsync(ct);
        if (view is null)
        {
            return false;
        }
        Application = view;
        InquiryId = await db.Inquiries.AsNoTracking().Where(i => i.ServiceApplicationId == ApplicationId).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        return true;
    }
}
