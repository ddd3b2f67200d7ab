using Microsoft.AspNetCore.Identity;
using Portal.Core.Auditing;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Account;

/// <summary>
/// One place that counts a failed password, TOTP code or recovery code toward the lockout (10 failures, 15 minutes),
/// audits it, and mails the user the moment his account becomes locked.
/// </summary>
public sealed class SignInFailures(UserManager<PortalUser> users, AuditLog audit, AccountMails mails, PortalDbContext db)
{
    /// <summary>Counts a failure that Identity has not counted yet; returns true when the account is now locked.</summary>
    public async Task<bool> CountAsync(PortalUser user, string what, CancellationToken ct)
    {
        var wasLocked = await users.IsLockedOutAsync(user);
        if (!wasLocked)
        {
            await users.AccessFailedAsync(user);
        }
        return await RecordAsync(user, what, wasLocked, ct);
    }

    /// <summary>Audits a failure Identity already counted (password sign-in with lockout on failure).</summary>
    public async Task<bool> RecordAsync(PortalUser user, string what, bool wasLocked, CancellationToken ct)
    {
        var locked = await users.IsLockedOutAsync(user);
        audit.Record("signin.failed", user.Id, user.Id.ToString(), result: AuditResult.Failure, detail: what);
        if (locked && !wasLocked)
        {
            audit.Record("signin.locked", user.Id, user.Id.ToString(), result: AuditResult.Failure, detail: what);
            mails.LockedOut(user, user.LockoutEnd.GetValueOrDefault());
        }
        await db.SaveChangesAsync(ct);
        return locked;
    }
}
