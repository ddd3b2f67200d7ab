using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Web.Auth;

namespace Portal.Web.Features.Staff.Notices;

public sealed record StaffNoticeRow(
    Guid Id, string TitleJa, string TitleEn, NoticeCategory Category, bool Important, DateTimeOffset PublishAt, DateTimeOffset? ExpireAt,
    bool AllOrganizations, int AudienceCount, bool RequiresInquiryUser, DateTimeOffset? MailedAt);

/// <summary>Every notice, scheduled, live and expired, newest first.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<StaffNoticeRow> Rows { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await db.Notices.AsNoTracking().OrderByDescending(n => n.PublishAt).Take(500)
            .Select(n => new StaffNoticeRow(n.Id, n.TitleJa, n.TitleEn, n.Category, n.Important, n.PublishAt, n.ExpireAt, n.AllOrganizations,
                n.Audience.Count, n.RequiresInquiryUser, n.MailedAt))
            .ToListAsync(ct);
}
