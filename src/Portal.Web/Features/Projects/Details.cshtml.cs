using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Charges;

namespace Portal.Web.Features.Projects;

public sealed record ProjectView(Guid Id, string Name, string Plan, string PaymentMethod, string ServiceLevel, Currency Currency, List<string> InvoiceTo, List<string> InvoiceCc);

public sealed record ProjectAccountRow(Guid Id, string AccountNumber, string Name, AccountStatus Status, DateOnly JoinedOn);

public sealed record ApplicationRow(Guid Id, ApplicationKind Kind, ApplicationStatus Status, string? AccountNumber, string? AccountName, DateOnly? EffectiveMonth, DateTimeOffset SubmittedAt);

/// <summary>Project details (SPEC F5): fields, invoice recipients, accounts, applications; the charge summary comes with the charges issue.</summary>
[OrgPermission(Permission.ProjectViewer)]
public sealed class DetailsModel(PortalDbContext db, ChargeReadCache charges, CurrentMembership membership, TimeProvider clock) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public ProjectView Project { get; private set; } = null!;

    public IReadOnlyList<ProjectAccountRow> Accounts { get; private set; } = [];

    public IReadOnlyList<ApplicationRow> Applications { get; private set; } = [];

    public bool CanEdit => membership.Has(Permission.ProjectEditor);

    public bool CanSeeAccounts => membership.Has(Permission.AccountViewer);

    /// <summary>The monthly charge summary per AWS account: the last three months; the charges page has thirteen.</summary>
    public ProjectChargeTable Charges { get; private set; } = null!;

    public ProjectChargeTableView ChargesView => new(OrgId, Charges, amount => ChargeFormat.Money(amount, Project.Currency), CanSeeAccounts, "charge-summary");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == ProjectId && p.OrganizationId == OrgId)
            .Select(p => new ProjectView(p.Id, p.Name, p.Plan, p.PaymentMethod, p.ServiceLevel, p.Currency, p.InvoiceTo, p.InvoiceCc))
            .SingleOrDefaultAsync(ct);
        if (project is null)
        {
            return NotFound();
        }
        Project = project;
        Accounts = await db.AwsAccounts.AsNoTracking().Where(a => a.ProjectId == ProjectId && a.OrganizationId == OrgId).OrderBy(a => a.AccountNumber)
            .Select(a => new ProjectAccountRow(a.Id, a.AccountNumber, a.Name, a.Status, a.JoinedOn)).ToListAsync(ct);
        Charges = await ProjectChargeTable.LoadAsync(db, charges, OrgId, ProjectId, ChargeFormat.ThisMonth(clock.GetUtcNow()), 3, ct);
        Applications = await db.ServiceApplications.AsNoTracking().Where(a => a.ProjectId == ProjectId && a.OrganizationId == OrgId)
            .OrderByDescending(a => a.SubmittedAt).Take(50)
            .Select(a => new ApplicationRow(a.Id, a.Kind, a.Status, a.AwsAccount != null ? a.AwsAccount.AccountNumber : a.AccountNumber, a.AccountName, a.EffectiveMonth, a.SubmittedAt))
            .ToListAsync(ct);
        return Page();
    }
}
