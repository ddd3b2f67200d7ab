using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Projects;

/// <summary>
/// From <see cref="EffectiveFrom"/> (the first day of a month) on, the account's charges belong to
/// <see cref="ProjectId"/>, until a later assignment of the same account. Rows are only added, never changed, so
/// invoices of past months can always be explained. Charges and invoices follow the assignment of each month.
/// </summary>
public sealed class ProjectAssignment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid AwsAccountId { get; set; }

    public AwsAccount AwsAccount { get; set; } = null!;

    public Guid ProjectId { get; set; }

    public Project Project { get; set; } = null!;

    /// <summary>Always the first day of a month.</summary>
    public DateOnly EffectiveFrom { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    /// <summary>The approved transfer request that caused this row, if any.</summary>
    public Guid? ServiceApplicationId { get; set; }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}

/// <summary>The project an account belongs to in one month (see <see cref="ProjectAssignments.ForMonth"/>).</summary>
public sealed class AccountMonthProject
{
    public Guid AwsAccountId { get; init; }

    public string AccountNumber { get; init; } = "";

    public Guid OrganizationId { get; init; }

    public Guid ProjectId { get; init; }
}

/// <summary>
/// Which project an AWS account belonged to in a month: the assignment with the latest <c>EffectiveFrom</c> not after
/// the month. A month before the first assignment (the joined day was moved earlier) belongs to the first assigned
/// project; an account without any history (created before assignments were recorded) belongs to its current project
/// in every month. This is the one rule charges and invoices use.
/// </summary>
public static class ProjectAssignments
{
    /// <summary>Every account (subject to the tenant filter) with its project in <paramref name="month"/>; composable SQL.</summary>
    public static IQueryable<AccountMonthProject> ForMonth(this PortalDbContext db, DateOnly month)
    {
        var first = ProjectAssignment.MonthOf(month);
        return db.AwsAccounts.Select(a => new AccountMonthProject
        {
            AwsAccountId = a.Id,
            AccountNumber = a.AccountNumber,
            OrganizationId = a.OrganizationId,
            ProjectId = db.ProjectAssignments
                .Where(p => p.AwsAccountId == a.Id && p.EffectiveFrom <= first)
                .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.CreatedAt)
                .Select(p => (Guid?)p.ProjectId).FirstOrDefault()
                ?? db.ProjectAssignments.Where(p => p.AwsAccountId == a.Id).OrderBy(p => p.EffectiveFrom).ThenBy(p => p.CreatedAt)
                    .Select(p => (Guid?)p.ProjectId).FirstOrDefault()
                ?? a.ProjectId,
        });
    }

    /// <summary>The project of one account in <paramref name="month"/>, or null when the account does not exist.</summary>
    public static async Task<Guid?> ProjectOfAsync(this PortalDbContext db, Guid awsAccountId, DateOnly month, CancellationToken ct) =>
        await db.ForMonth(month).Where(a => a.AwsAccountId == awsAccountId).Select(a => (Guid?)a.ProjectId).SingleOrDefaultAsync(ct);
}
