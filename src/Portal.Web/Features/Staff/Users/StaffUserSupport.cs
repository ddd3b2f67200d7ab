using Microsoft.AspNetCore.Identity;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Features.Account;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Staff.Users;

/// <summary>
/// What support staff do for a user who cannot sign in (SPEC F15): lift a lockout, or reset MFA for someone who lost
/// both device and recovery codes. Both are audited with the staff member as actor, and the user is mailed.
/// </summary>
public sealed class StaffUserSupport(UserManager<PortalUser> users, AccountMails mails, AuditLog audit, PortalDbContext db)
{
    public async Task UnlockAsync(PortalUser user, Guid staffId, CancellationToken ct)
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Record("user.unlocked", staffId, user.Id.ToString());
        mails.Unlocked(user);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>MFA off, a new (unshown) key, no recovery codes, and every session of the user ended.</summary>
    public async Task ResetMfaAsync(PortalUser user, Guid staffId, CancellationToken ct)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        user.LastTotpStep = null;
        await users.UpdateSecurityStampAsync(user);
        audit.Record("mfa.reset", staffId, user.Id.ToString());
        mails.MfaReset(user);
        await db.SaveChangesAsync(ct);
    }
}
