using System.Globalization;
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

public sealed record ProjectChoice(Guid Id, string Name);

/// <summary>
/// A customer asks to move an account to another project of the same organization from a chosen month (SPEC F5).
/// Staff approve it; only then does the assignment history change. Only this organization's projects are offered,
/// and a project id of another organization is refused.
/// </summary>
[OrgPermission(Permission.ProjectEditor)]
public sealed class TransferModel(PortalDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t, Helpdesk.ApplicationInquiries inquiries) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid AccountId { get; set; }

    [BindProperty]
    public Guid TargetProjectId { get; set; }

    /// <summary>The first month in the new project, <c>yyyy-MM</c>.</summary>
    [BindProperty]
    public string? Month { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public string AccountLabel { get; private set; } = "";

    public Guid CurrentProjectId { get; private set; }

    public string CurrentProject { get; private set; } = "";

    public IReadOnlyList<ProjectChoice> Projects { get; private set; } = [];

    public string EarliestMonth { get; private set; } = "";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Month ??= CurrentMonth().AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var earliest = DateOnly.ParseExact(EarliestMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var month = DateOnly.TryParseExact((Month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : (DateOnly?)null;
        Error = Projects.All(p => p.Id != TargetProjectId) ? t["Transfer.ChooseProject"].Value
            : month is null || month < earliest || month > CurrentMonth().AddMonths(12) ? t["Transfer.InvalidMonth", EarliestMonth].Value
            : Note?.Length > 2000 ? t["Applications.NoteTooLong"].Value
            : null;
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var application = new ServiceApplication
        {
            OrganizationId = OrgId, Kind = ApplicationKind.ProjectTransfer, ProjectId = CurrentProjectId, AwsAccountId = AccountId,
            TargetProjectId = TargetProjectId, EffectiveMonth = month, Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
            SubmittedById = User.UserId(), SubmittedAt = clock.GetUtcNow(),
        };
        db.ServiceApplications.Add(application);
        inquiries.Add(application, AccountLabel.Split(" ")[0]);
        audit.Record("application.submitted", User.UserId(), application.Id.ToString(), OrgId, detail: $"kind=ProjectTransfer; account={AccountId}; project={TargetProjectId}; from={month:yyyy-MM}");
        await db.SaveChangesAsync(ct);
        return Redirect($"/orgs/{OrgId}/accounts/{AccountId}?done=applied");
    }

    private DateOnly CurrentMonth() => ProjectAssignment.MonthOf(Jst.Today(clock.GetUtcNow()));

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var account = await db.AwsAccounts.AsNoTracking().Where(a => a.Id == AccountId && a.OrganizationId == OrgId)
            .Select(a => new { a.AccountNumber, a.Name, a.ProjectId, Project = a.Project.Name, a.JoinedOn }).SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return false;
        }
        (AccountLabel, CurrentProjectId, CurrentProject) = ($"{account.AccountNumber} {account.Name}", account.ProjectId, account.Project);
        Projects = await db.Projects.AsNoTracking().Where(p => p.OrganizationId == OrgId && p.Id != account.ProjectId).OrderBy(p => p.Name)
            .Select(p => new ProjectChoice(p.Id, p.Name)).ToListAsync(ct);
        // The previous month may still move (it is invoiced after the month closes); earlier months are invoiced.
        var joined = ProjectAssignment.MonthOf(account.JoinedOn);
        var previous = CurrentMonth().AddMonths(-1);
        EarliestMonth = (joined > previous ? joined : previous).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return true;
    }
}
