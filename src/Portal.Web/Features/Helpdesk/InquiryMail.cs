using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Web.Features.Helpdesk;

/// <summary>
/// Mails the participants of a thread about a new message, each in his own language: the customers who opened it or
/// wrote in it (while they still hold Inquiry user in the organization) and the assigned staff member — or the support
/// address while nobody is assigned. Never the author; internal notes reach the assignee only.
/// </summary>
public sealed class InquiryMail(PortalDbContext db, MailOutbox outbox, MailTemplates templates, IOptions<PublicUrls> urls, IOptions<SupportOptions> support)
{
    public async Task QueueAsync(Inquiry inquiry, InquiryMessage message, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == inquiry.OrganizationId).Select(o => o.Alias ?? o.Name).SingleAsync(ct);
        var author = await db.Users.AsNoTracking().Where(u => u.Id == message.AuthorId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
        var staffLink = urls.Value.PortalLink($"/staff/inquiries/{inquiry.Id}");
        if (!message.IsInternal)
        {
            var customerIds = await db.InquiryMessages.AsNoTracking().IgnoreQueryFilters([PortalDbContext.TenantFilter])
                .Where(m => m.InquiryId == inquiry.Id && !m.FromStaff && m.AuthorId != null).Select(m => m.AuthorId!.Value).Distinct().ToListAsync(ct);
            if (inquiry.CreatedById is { } creator)
            {
                customerIds.Add(creator);
            }
            customerIds.Remove(message.AuthorId ?? Guid.Empty);
            var members = await db.Memberships.AsNoTracking()
                .Where(m => m.OrganizationId == inquiry.OrganizationId && customerIds.Contains(m.UserId))
                .Select(m => new { m.Type, m.Permissions, m.User.Email, m.User.Language, m.User.DisplayName }).ToListAsync(ct);
            var customerLink = urls.Value.PortalLink($"/orgs/{inquiry.OrganizationId}/inquiries/{inquiry.Id}");
            foreach (var member in members.Where(m => PermissionRules.Effective(m.Type, m.Permissions).HasFlag(Permission.InquiryUser) && m.Email is not null).DistinctBy(m => m.Email))
            {
                Queue(member.Email!, member.Language, member.DisplayName, organization, inquiry, author, message.Body, customerLink);
            }
        }
        if (inquiry.AssigneeId is { } assigneeId)
        {
            if (assigneeId != message.AuthorId)
            {
                var assignee = await db.Users.AsNoTracking().Where(u => u.Id == assigneeId).Select(u => new { u.Email, u.Language, u.DisplayName }).SingleOrDefaultAsync(ct);
                if (assignee?.Email is not null)
                {
                    Queue(assignee.Email, assignee.Language, assignee.DisplayName, organization, inquiry, author, message.Body, staffLink);
                }
            }
        }
        else if (!message.FromStaff)
        {
            Queue(support.Value.ContactEmail, Languages.Japanese, "", organization, inquiry, author, message.Body, staffLink);
        }
    }

    private void Queue(string to, string language, string name, string organization, Inquiry inquiry, string author, string body, string link)
    {
        var status = templates.Text(language, "InquiryStatus." + inquiry.Status);
        var (subject, text) = templates.Render(language, "InquiryMessage", [inquiry.Subject], [name, organization, inquiry.Subject, author, body, link, status]);
        outbox.Enqueue(new MailMessageDraft([to], [], subject, text));
    }
}
