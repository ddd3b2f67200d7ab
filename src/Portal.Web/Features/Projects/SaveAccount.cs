using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Projects;

public sealed record AccountFields(string AccountNumber, string Name, Guid ProjectId, AccountStatus Status, DateOnly? JoinedOn);

public enum SaveAccountOutcome
{
    Saved,
    InvalidNumber,
    NumberTaken,
    InvalidName,
    InvalidJoinedOn,
    NoProject,
    NotFound,
}

/// <summary>
/// Staff (console and <c>portal account add</c>) register and edit AWS accounts (SPEC F6). The 12-digit id is unique
/// across the system. Creating an account records its first project assignment from the month it joined; moving it
/// to another project here records an assignment from the current month (customers request transfers from a chosen
/// month through <see cref="DecideApplication"/>).
/// </summary>
public sealed class SaveAccount(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<(SaveAccountOutcome Outcome, AwsAccount? Account)> CreateAsync(AccountFields fields, Guid? actorId, CancellationToken ct)
    {
        var number = fields.AccountNumber?.Trim() ?? "";
        if (Check(fields, number) is { } invalid)
        {
            return (invalid, null);
        }
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == fields.ProjectId).Select(p => new { p.Id, p.OrganizationId }).SingleOrDefaultAsync(ct);
        if (project is null)
        {
            return (SaveAccountOutcome.NoProject, null);
        }
        if (await db.AwsAccounts.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AnyAsync(a => a.AccountNumber == number, ct))
        {
            return (SaveAccountOutcome.NumberTaken, null);
        }
        var now = clock.GetUtcNow();
        var account = new AwsAccount
        {
            AccountNumber = number, OrganizationId = project.OrganizationId, ProjectId = project.Id, Name = fields.Name.Trim(),
            Status = fields.Status, JoinedOn = fields.JoinedOn!.Value, CreatedAt = now,
        };
        db.AwsAccounts.Add(account);
        db.ProjectAssignments.Add(new ProjectAssignment
        {
            OrganizationId = account.OrganizationId, AwsAccountId = account.Id, ProjectId = project.Id,
            EffectiveFrom = ProjectAssignment.MonthOf(account.JoinedOn), CreatedAt = now, CreatedById = actorId,
        });
        db.AccountNotificationSettings.Add(new AccountNotificationSettings { AwsAccountId = account.Id, OrganizationId = account.OrganizationId, UpdatedAt = now });
        audit.Record("account.created", actorId, number, account.OrganizationId, detail: $"name={account.Name}; project={project.Id}; joined={account.JoinedOn:yyyy-MM-dd}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two registrations of the same id at once: the unique index decides.
            return (SaveAccountOutcome.NumberTaken, null);
        }
        return (SaveAccountOutcome.Saved, account);
    }

    /// <summary>Edits name, status, joined day and project; the 12-digit id never changes.</summary>
    public async Task<SaveAccountOutcome> UpdateAsync(Guid accountId, AccountFields fields, Guid? actorId, CancellationToken ct)
    {
        var account = await db.AwsAccounts.SingleOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null)
        {
            return SaveAccountOutcome.NotFound;
        }
        if (Check(fields, account.AccountNumber) is { } invalid)
        {
            return invalid;
        }
        // Another organization's project is not a choice: accounts never change organization.
        if (!await db.Projects.AnyAsync(p => p.Id == fields.ProjectId && p.OrganizationId == account.OrganizationId, ct))
        {
            return SaveAccountOutcome.NoProject;
        }
        var now = clock.GetUtcNow();
        if (account.ProjectId != fields.ProjectId)
        {
            await EnsureHistoryAsync(account, actorId, ct);
            var month = ProjectAssignment.MonthOf(Jst.Today(now));
            db.ProjectAssignments.Add(new ProjectAssignment
            {
                OrganizationId = account.OrganizationId, AwsAccountId = account.Id, ProjectId = fields.ProjectId,
                EffectiveFrom = month < ProjectAssignment.MonthOf(fields.JoinedOn!.Value) ? ProjectAssignment.MonthOf(fields.JoinedOn.Value) : month,
                CreatedAt = now, CreatedById = actorId,
            });
            account.ProjectId = fields.ProjectId;
        }
        account.Name = fields.Name.Trim();
        account.Status = fields.Status;
        account.JoinedOn = fields.JoinedOn!.Value;
        audit.Record("account.updated", actorId, account.AccountNumber, account.OrganizationId,
            detail: $"name={account.Name}; status={account.Status}; project={account.ProjectId}; joined={account.JoinedOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return SaveAccountOutcome.Saved;
    }

    /// <summary>Accounts registered before assignments were recorded get their first one before a move is added.</summary>
    internal static async Task EnsureHistoryAsync(PortalDbContext db, AwsAccount account, Guid? actorId, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.ProjectAssignments.AnyAsync(p => p.AwsAccountId == account.Id, ct))
        {
            db.ProjectAssignments.Add(new ProjectAssignment
            {
                OrganizationId = account.OrganizationId, AwsAccountId = account.Id, ProjectId = account.ProjectId,
                EffectiveFrom = ProjectAssignment.MonthOf(account.JoinedOn), CreatedAt = now, CreatedById = actorId,
            });
        }
    }

    private Task EnsureHistoryAsync(AwsAccount account, Guid? actorId, CancellationToken ct) =>
        EnsureHistoryAsync(db, account, actorId, clock.GetUtcNow(), ct);

    private static SaveAccountOutcome? Check(AccountFields fields, string number)
    {
        if (!AwsAccount.IsValidNumber(number))
        {
            return SaveAccountOutcome.InvalidNumber;
        }
        if ((fields.Name?.Trim().Length ?? 0) is 0 or > 200)
        {
            return SaveAccountOutcome.InvalidName;
        }
        if (fields.JoinedOn is null || fields.JoinedOn.Value.Year < 2006 || !Enum.IsDefined(fields.Status))
        {
            return SaveAccountOutcome.InvalidJoinedOn;
        }
        return null;
    }
}
