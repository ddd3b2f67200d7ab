using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Web.Auth;
using Portal.Web.Features.Notices;
using Portal.Web.Features.Staff.Helpdesk;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Notices;

/// <summary>
/// Writes or edits a notice in both languages with its category, important flag, JST publish/expire times, audience
/// and Inquiry-user restriction; mails an important notice to the audience's power users once.
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class EditModel(PortalDbContext db, MailImportantNotice mailer, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    private const string LocalFormat = "yyyy-MM-ddTHH:mm";

    [FromRoute]
    public Guid? NoticeId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty]
    public NoticeCategory? Category { get; set; }

    [BindProperty]
    public bool Important { get; set; }

    [BindProperty]
    public string? TitleJa { get; set; }

    [BindProperty]
    public string? TitleEn { get; set; }

    [BindProperty]
    public string? BodyJa { get; set; }

    [BindProperty]
    public string? BodyEn { get; set; }

    /// <summary>JST, as a <c>datetime-local</c> input sends it.</summary>
    [BindProperty]
    public string? PublishAt { get; set; }

    [BindProperty]
    public string? ExpireAt { get; set; }

    [BindProperty]
    public bool AllOrganizations { get; set; } = true;

    [BindProperty]
    public List<Guid> OrganizationIds { get; set; } = [];

    [BindProperty]
    public bool RequiresInquiryUser { get; set; }

    public IReadOnlyList<Choice> Organizations { get; private set; } = [];

    public DateTimeOffset? MailedAt { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? MailMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadOrganizationsAsync(ct);
        if (NoticeId is not { } id)
        {
            PublishAt = ToLocal(clock.GetUtcNow());
            return Page();
        }
        var notice = await db.Notices.AsNoTracking().Include(n => n.Audience).SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null)
        {
            return NotFound();
        }
        (Category, Important, TitleJa, TitleEn, BodyJa, BodyEn) = (notice.Category, notice.Important, notice.TitleJa, notice.TitleEn, notice.BodyJa, notice.BodyEn);
        (PublishAt, ExpireAt, AllOrganizations, RequiresInquiryUser, MailedAt) =
            (ToLocal(notice.PublishAt), notice.ExpireAt is { } e ? ToLocal(e) : null, notice.AllOrganizations, notice.RequiresInquiryUser, notice.MailedAt);
        OrganizationIds = notice.Audience.Select(a => a.OrganizationId).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadOrganizationsAsync(ct);
        var notice = NoticeId is { } id ? await db.Notices.Include(n => n.Audience).SingleOrDefaultAsync(n => n.Id == id, ct) : null;
        if (NoticeId is not null && notice is null)
        {
            return NotFound();
        }
        var publish = ParseLocal(PublishAt);
        var expire = ParseLocal(ExpireAt);
        Require("TitleJa", TitleJa, 200, "Notices.TitleJa");
        Require("TitleEn", TitleEn, 200, "Notices.TitleEn");
        Require("BodyJa", BodyJa, 20000, "Notices.BodyJa");
        Require("BodyEn", BodyEn, 20000, "Notices.BodyEn");
        if (Category is not { } category || !Enum.IsDefined(category))
        {
            Errors["Category"] = t["Notices.ChooseCategory"];
        }
        if (publish is null)
        {
            Errors["PublishAt"] = t["Notices.InvalidTime"];
        }
        if (!string.IsNullOrWhiteSpace(ExpireAt) && (expire is null || expire <= publish))
        {
            Errors["ExpireAt"] = t["Notices.ExpireAfterPublish"];
        }
        var audience = OrganizationIds.Distinct().ToList();
        if (!AllOrganizations && (audience.Count == 0 || audience.Any(o => Organizations.All(c => c.Id != o))))
        {
            Errors["OrganizationIds"] = t["Notices.ChooseOrganizations"];
        }
        if (Errors.Count > 0)
        {
            MailedAt = notice?.MailedAt;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var now = clock.GetUtcNow();
        if (notice is null)
        {
            notice = new Notice { CreatedAt = now, CreatedById = User.UserId() };
            db.Notices.Add(notice);
        }
        notice.Category = Category!.Value;
        notice.Important = Important;
        notice.TitleJa = TitleJa!.Trim();
        notice.TitleEn = TitleEn!.Trim();
        notice.BodyJa = BodyJa!.Trim();
        notice.BodyEn = BodyEn!.Trim();
        notice.PublishAt = publish!.Value;
        notice.ExpireAt = expire;
        notice.AllOrganizations = AllOrganizations;
        notice.RequiresInquiryUser = RequiresInquiryUser;
        notice.UpdatedAt = now;
        notice.Audience.RemoveAll(a => AllOrganizations || !audience.Contains(a.OrganizationId));
        if (!AllOrganizations)
        {
            notice.Audience.AddRange(audience.Where(o => notice.Audience.All(a => a.OrganizationId != o)).Select(o => new NoticeAudience { NoticeId = notice.Id, OrganizationId = o }));
        }
        audit.Record(NoticeId is null ? "notice.created" : "notice.updated", User.UserId(), notice.Id.ToString());
        await db.SaveChangesAsync(ct);
        return Redirect($"/staff/notices/edit/{notice.Id}?done=saved");
    }

    public async Task<IActionResult> OnPostMailAsync(CancellationToken ct)
    {
        if (NoticeId is not { } id)
        {
            return NotFound();
        }
        var (outcome, recipients) = await mailer.SendAsync(id, User.UserId() ?? Guid.Empty, ct);
        return outcome switch
        {
            MailNoticeOutcome.NotFound => NotFound(),
            MailNoticeOutcome.Sent => Redirect($"/staff/notices/edit/{id}?done=mailed-{recipients}"),
            _ => Redirect($"/staff/notices/edit/{id}?done={outcome}"),
        };
    }

    /// <summary>
    /// Deletes a notice published by mistake (its audience goes with it; mails already sent stay sent). A notice that
    /// has simply run its course is expired instead, which keeps it in the archive.
    /// </summary>
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var notice = NoticeId is { } id ? await db.Notices.SingleOrDefaultAsync(n => n.Id == id, ct) : null;
        if (notice is null)
        {
            return NotFound();
        }
        db.Notices.Remove(notice);
        audit.Record("notice.deleted", User.UserId(), notice.Id.ToString(), detail: notice.TitleJa);
        await db.SaveChangesAsync(ct);
        return Redirect("/staff/notices?done=deleted");
    }

    public static string ToLocal(DateTimeOffset instant) => instant.ToJst().ToString(LocalFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseLocal(string? text) =>
        DateTime.TryParseExact(text?.Trim(), [LocalFormat, "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, Jst.Offset).ToUniversalTime()
            : null;

    private void Require(string field, string? value, int max, string label)
    {
        var length = value?.Trim().Length ?? 0;
        if (length == 0 || length > max)
        {
            Errors[field] = t["Validation.RequiredMax", t[label], max];
        }
    }

    private async Task LoadOrganizationsAsync(CancellationToken ct) =>
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Code).Select(o => new Choice(o.Id, o.Alias ?? o.Name)).ToListAsync(ct);
}
