using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Web.Features.Invitations;

public sealed record InviteRequest(string Email, MemberType Type, Permission Permissions, string Language);

public enum InviteOutcomeKind
{
    Sent,
    InvalidEmail,
    AlreadyMember,
    AlreadyPending,
}

/// <summary>The result; <see cref="Link"/> is returned once so the CLI can print it, and is never stored or logged.</summary>
public sealed record InviteOutcome(InviteOutcomeKind Kind, Invitation? Invitation = null, string? Link = null);

/// <summary>
/// Invites a person to an organization and mails a single-use link (power users, staff and the CLI share this).
/// The caller has already been authorized to manage the organization's members.
/// </summary>
public sealed class InviteMember(PortalDbContext db, MailOutbox outbox, MailTemplates templates, AuditLog audit, IOptions<PublicUrls> urls, TimeProvider clock)
{
    public async Task<InviteOutcome> HandleAsync(Guid organizationId, Guid? inviterId, InviteRequest request, CancellationToken ct)
    {
        if (!IsValidEmail(request.Email))
        {
            return new InviteOutcome(InviteOutcomeKind.InvalidEmail);
        }
        var email = request.Email.Trim();
        var normalized = email.ToUpperInvariant();
        if (await db.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.User.NormalizedEmail == normalized, ct))
        {
            return new InviteOutcome(InviteOutcomeKind.AlreadyMember);
        }
        var now = clock.GetUtcNow();
        var pending = await db.Invitations.IgnoreQueryFilters([PortalDbContext.TenantFilter])
            .Where(i => i.OrganizationId == organizationId && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null)
            .Select(i => i.ExpiresAt).ToListAsync(ct);
        if (pending.Any(expires => expires > now))
        {
            return new InviteOutcome(InviteOutcomeKind.AlreadyPending);
        }
        var invitation = new Invitation
        {
            OrganizationId = organizationId,
            Email = email,
            NormalizedEmail = normalized,
            Type = request.Type,
            Permissions = request.Type == MemberType.Power ? Permission.None : request.Permissions & PermissionRules.AllGrantable,
            Language = Languages.Normalize(request.Language),
            InvitedById = inviterId,
            CreatedAt = now,
        };
        var token = invitation.IssueToken(now);
        db.Invitations.Add(invitation);
        var link = await QueueMailAsync(invitation, token, ct);
        audit.Record("invitation.created", inviterId, invitation.Id.ToString(), organizationId, detail: $"type={invitation.Type}; permissions={invitation.Permissions}");
        await db.SaveChangesAsync(ct);
        return new InviteOutcome(InviteOutcomeKind.Sent, invitation, link);
    }

    /// <summary>Re-send: a new token and a new seven days; the previous link stops working.</summary>
    public async Task<string?> ResendAsync(Invitation invitation, Guid? actorId, CancellationToken ct)
    {
        if (invitation.StatusAt(clock.GetUtcNow()) is not (InvitationStatus.Pending or InvitationStatus.Expired))
        {
            return null;
        }
        var token = invitation.IssueToken(clock.GetUtcNow());
        var link = await QueueMailAsync(invitation, token, ct);
        audit.Record("invitation.resent", actorId, invitation.Id.ToString(), invitation.OrganizationId);
        await db.SaveChangesAsync(ct);
        return link;
    }

    public static bool IsValidEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Trim().Length <= 256 && Portal.Core.Projects.AddressList.IsPlain(email.Trim()) && MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Address == email.Trim() && email.Contains('.', StringComparison.Ordinal);

    private async Task<string> QueueMailAsync(Invitation invitation, string token, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == invitation.OrganizationId)
            .Select(o => o.Alias ?? o.Name).SingleAsync(ct);
        var inviter = invitation.InvitedById is { } inviterId
            ? await db.Users.AsNoTracking().Where(u => u.Id == inviterId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct)
            : null;
        var link = urls.Value.IdLink("/invitations/" + token);
        var language = invitation.Language;
        var role = templates.Text(language, "MemberType." + invitation.Type);
        var (subject, body) = templates.Render(language, "Invitation",
            [organization],
            [organization, inviter ?? templates.Text(language, "App.Name"), role, Jst.Format(invitation.ExpiresAt), link]);
        outbox.Enqueue(new MailMessageDraft([invitation.Email], [], subject, body));
        return link;
    }
}
