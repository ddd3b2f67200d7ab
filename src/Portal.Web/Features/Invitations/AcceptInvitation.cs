using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Web.Features.Invitations;

/// <summary>What the invitation page shows for a token.</summary>
public sealed record InvitationView(Invitation Invitation, string OrganizationName, bool IdExists);

/// <summary>
/// Looks up and accepts invitations. Acceptance is single use: the row is claimed with a conditional update, so a
/// double click or two tabs create one membership.
/// </summary>
public sealed class AcceptInvitation(PortalDbContext db, UserManager<PortalUser> users, MailOutbox outbox, MailTemplates templates, AuditLog audit, IOptions<PublicUrls> urls, TimeProvider clock)
{
    /// <summary>The pending invitation for <paramref name="token"/>, or null when the link is not (or no longer) valid.</summary>
    public async Task<InvitationView?> FindPendingAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Invitation.HashToken(token);
        var invitation = await db.Invitations.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
            .Include(i => i.Organization).SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || invitation.StatusAt(clock.GetUtcNow()) != InvitationStatus.Pending)
        {
            return null;
        }
        var exists = await db.Users.AnyAsync(u => u.NormalizedEmail == invitation.NormalizedEmail, ct);
        return new InvitationView(invitation, invitation.Organization.DisplayName, exists);
    }

    /// <summary>Makes <paramref name="user"/> a member. False when the token is no longer valid or the email differs.</summary>
    public async Task<bool> AcceptAsync(string token, PortalUser user, CancellationToken ct)
    {
        var view = await FindPendingAsync(token, ct);
        if (view is null || !string.Equals(view.Invitation.NormalizedEmail, users.NormalizeEmail(user.Email), StringComparison.Ordinal))
        {
            return false;
        }
        var invitation = view.Invitation;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Invitations.IgnoreQueryFilters([PortalDbContext.TenantFilter])
            .Where(i => i.Id == invitation.Id && i.TokenHash == invitation.TokenHash && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedById, user.Id), ct);
        if (claimed == 0)
        {
            return false;
        }
        if (!await db.Memberships.AnyAsync(m => m.OrganizationId == invitation.OrganizationId && m.UserId == user.Id, ct))
        {
            db.Memberships.Add(new Membership
            {
                OrganizationId = invitation.OrganizationId, UserId = user.Id, Type = invitation.Type, Permissions = invitation.Permissions, JoinedAt = now,
            });
        }
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CurrentOrganizationId, invitation.OrganizationId), ct);
        audit.Record("invitation.accepted", user.Id, invitation.Id.ToString(), invitation.OrganizationId);
        audit.Record("membership.added", user.Id, user.Id.ToString(), invitation.OrganizationId, detail: $"type={invitation.Type}; permissions={invitation.Permissions}");
        var language = user.Language;
        var (subject, body) = templates.Render(language, "Welcome", [view.OrganizationName],
            [view.OrganizationName, user.DisplayName, urls.Value.PortalLink($"/orgs/{invitation.OrganizationId}")]);
        outbox.Enqueue(new MailMessageDraft([user.Email!], [], subject, body));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
