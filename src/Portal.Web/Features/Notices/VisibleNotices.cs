using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Notices;

/// <summary>One notice as a customer list shows it, in the reader's language.</summary>
public sealed record NoticeRow(Guid Id, NoticeCategory Category, bool Important, string Title, DateTimeOffset PublishAt);

/// <summary>
/// The notices a member of an organization may see now: published and not expired, addressed to every organization or
/// to his, and — for notices restricted to Inquiry user — only when he holds it. Anything else does not exist for him.
/// </summary>
public sealed class VisibleNotices(PortalDbContext db, CurrentMembership membership, TimeProvider clock)
{
    public IQueryable<Notice> Query()
    {
        var now = clock.GetUtcNow();
        var organizationId = membership.OrganizationId;
        var mayInquire = membership.Has(Core.Organizations.Permission.InquiryUser);
        return db.Notices.AsNoTracking()
            .Where(n => n.PublishAt <= now && (n.ExpireAt == null || n.ExpireAt > now))
            .Where(n => n.AllOrganizations || n.Audience.Any(a => a.OrganizationId == organizationId))
            .Where(n => mayInquire || !n.RequiresInquiryUser);
    }

    /// <summary>The visible notices, optionally of one category or important only (the archive page and the REST API).</summary>
    public IQueryable<Notice> Query(NoticeCategory? category, bool importantOnly)
    {
        var query = Query();
        if (category is { } c)
        {
            query = query.Where(n => n.Category == c);
        }
        if (importantOnly)
        {
            query = query.Where(n => n.Important);
        }
        return query;
    }

    /// <summary>The newest visible notices, optionally of one category or important only.</summary>
    public async Task<IReadOnlyList<NoticeRow>> ListAsync(NoticeCategory? category, bool importantOnly, int take, int skip, string language, CancellationToken ct)
    {
        var english = language == "en";
        return await Query(category, importantOnly).OrderByDescending(n => n.PublishAt).Skip(skip).Take(take)
            .Select(n => new NoticeRow(n.Id, n.Category, n.Important, english ? n.TitleEn : n.TitleJa, n.PublishAt)).ToListAsync(ct);
    }
}
