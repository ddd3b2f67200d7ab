using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Web.Features.Notices;

public enum MailNoticeOutcome
{
    Sent,
    AlreadySent,
    NotImportant,
    NotPublished,
    NotFound,
}

/// <summary>
/// Mails an important, published notice once to the power users of its audience (each address once, in the user's
/// language). The notice is claimed with a conditional update inside the transaction that queues the mails, so a
/// second click — or a second staff member at the same time — mails nobody.
/// </summary>
public sealed class MailImportantNotice(PortalDbContext db, MailOutbox outbox, MailTemplates templates, AuditLog audit, IOptions<PublicUrls> urls, TimeProvider clock)
{
    public async Task<(MailNoticeOutcome Outcome, int Recipients)> SendAsync(Guid noticeId, Guid staffId, CancellationToken ct)
    {
        var notice = await db.Notices.AsNoTracking().Include(n => n.Audience).SingleOrDefaultAsync(n => n.Id == noticeId, ct);
        var now = clock.GetUtcNow();
        if (notice is null)
        {
            return (MailNoticeOutcome.NotFound, 0);
        }
        if (!notice.Important)
        {
            return (MailNoticeOutcome.NotImportant, 0);
        }
        if (notice.MailedAt is not null)
        {
            return (MailNoticeOutcome.AlreadySent, 0);
        }
        if (notice.PublishAt > now || notice.ExpireAt <= now)
        {
            return (MailNoticeOutcome.NotPublished, 0);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Notices.Where(n => n.Id == noticeId && n.MailedAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, now), ct);
        if (claimed == 0)
        {
            return (MailNoticeOutcome.AlreadySent, 0);
        }
        var audience = notice.Audience.Select(a => a.OrganizationId).ToList();
        var powerUsers = await db.Memberships.AsNoTracking()
            .Where(m => m.Type == MemberType.Power && (notice.AllOrganizations || audience.Contains(m.OrganizationId)))
            .Select(m => new { m.OrganizationId, m.User.Email, m.User.Language, m.User.DisplayName }).ToListAsync(ct);
        var recipients = powerUsers.Where(p => p.Email is not null).GroupBy(p => p.Email!, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
        foreach (var user in recipients)
        {
            var link = urls.Value.PortalLink($"/orgs/{user.OrganizationId}/notices/{notice.Id}");
            var category = templates.Text(user.Language, "NoticeCategory." + notice.Category);
            var (subject, body) = templates.Render(user.Language, "ImportantNotice", [notice.Title(user.Language)],
                [user.DisplayName, notice.Title(user.Language), notice.Body(user.Language), link, category]);
            outbox.Enqueue(new MailMessageDraft([user.Email!], [], subject, body));
        }
        audit.Record("notice.mailed", staffId, notice.Id.ToString(), detail: $"recipients={recipients.Count}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (MailNoticeOutcome.Sent, recipients.Count);
    }
}
