using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Projects;

public enum DecideOutcome
{
    Done,
    NotFound,
    AlreadyDecided,
    Invalid,
}

/// <summary>
/// Staff decide a customer's application. Approving a project transfer adds the account's assignment from the chosen
/// month (history kept) and lists the account under its new project at once; approving a name change renames the
/// account; approving a cancellation marks it cancelled. New accounts and transfers-in are set up by staff by hand
/// (they need work in AWS), so approving them only records the decision.
/// </summary>
public sealed class DecideApplication(PortalDbContext db, AuditLog audit, TimeProvider clock, Helpdesk.ApplicationInquiries inquiries)
{
    public async Task<DecideOutcome> DecideAsync(Guid applicationId, bool approve, string? comment, Guid? staffId, CancellationToken ct)
    {
        var application = await db.ServiceApplications.SingleOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null)
        {
            return DecideOutcome.NotFound;
        }
        if (application.Status != ApplicationStatus.Submitted)
        {
            return DecideOutcome.AlreadyDecided;
        }
        var now = clock.GetUtcNow();
        if (approve && application.AwsAccountId is { } accountId)
        {
            var account = await db.AwsAccounts.SingleAsync(a => a.Id == accountId && a.OrganizationId == application.OrganizationId, ct);
            switch (application.Kind)
            {
                case ApplicationKind.ProjectTransfer:
                    // Re-checked at approval: the target must still be a project of the account's organization.
                    if (application.TargetProjectId is not { } target || application.EffectiveMonth is not { } month
                        || !await db.Projects.AnyAsync(p => p.Id == target && p.OrganizationId == account.OrganizationId, ct))
                    {
                        return DecideOutcome.Invalid;
                    }
                    await SaveAccount.EnsureHistoryAsync(db, account, staffId, now, ct);
                    db.ProjectAssignments.Add(new ProjectAssignment
                    {
                        OrganizationId = account.OrganizationId, AwsAccountId = account.Id, ProjectId = target,
                        EffectiveFrom = ProjectAssignment.MonthOf(month), CreatedAt = now, CreatedById = staffId, ServiceApplicationId = application.Id,
                    });
                    account.ProjectId = target;
                    audit.Record("account.transferred", staffId, account.AccountNumber, account.OrganizationId, detail: $"project={target}; from={month:yyyy-MM}");
                    break;
                case ApplicationKind.NameChange when !string.IsNullOrWhiteSpace(application.AccountName):
                    account.Name = application.AccountName;
                    break;
                case ApplicationKind.Cancellation:
                    account.Status = AccountStatus.Cancelled;
                    break;
            }
        }
        application.Status = approve ? ApplicationStatus.Approved : ApplicationStatus.Rejected;
        application.DecidedAt = now;
        application.DecidedById = staffId;
        application.StaffComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        await inquiries.RecordDecisionAsync(application, staffId, now, ct);
        audit.Record(approve ? "application.approved" : "application.rejected", staffId, application.Id.ToString(), application.OrganizationId, detail: $"kind={application.Kind}");
        await db.SaveChangesAsync(ct);
        return DecideOutcome.Done;
    }
}
