using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Web.Features.Helpdesk;

namespace Portal.Web.Tests.Infrastructure;

public static class HelpdeskWorld
{
    /// <summary>Gives <paramref name="world"/> an inquiry (opened by its power user) with a text attachment on disk, and a notice for it alone.</summary>
    public static async Task<TenantWorld> AddHelpdeskAsync(this PortalApp app, TenantWorld world)
    {
        var ids = (Inquiry: Guid.Empty, Attachment: Guid.Empty, Notice: Guid.Empty);
        await app.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var store = services.GetRequiredService<AttachmentStore>();
            var now = app.Clock.GetUtcNow();
            var inquiry = new Inquiry
            {
                OrganizationId = world.OrgId, Category = InquiryCategory.Technical, Subject = $"{world.Name} の質問", CreatedById = world.PowerUser.Id,
                CreatedAt = now, UpdatedAt = now,
            };
            var message = new InquiryMessage { InquiryId = inquiry.Id, OrganizationId = world.OrgId, AuthorId = world.PowerUser.Id, Body = "質問です", CreatedAt = now };
            var content = "log line\n"u8.ToArray();
            var attachment = new InquiryAttachment
            {
                InquiryId = inquiry.Id, OrganizationId = world.OrgId, FileName = "app.log", ContentType = "text/plain", Size = content.Length, CreatedAt = now,
            };
            message.Attachments.Add(attachment);
            inquiry.Messages.Add(message);
            db.Inquiries.Add(inquiry);
            var notice = new Notice
            {
                Category = NoticeCategory.Members, TitleJa = $"{world.Name} へのお知らせ", TitleEn = $"Notice for {world.Name}", BodyJa = "本文", BodyEn = "Body",
                PublishAt = now.AddDays(-1), AllOrganizations = false, CreatedAt = now, UpdatedAt = now,
            };
            notice.Audience.Add(new NoticeAudience { NoticeId = notice.Id, OrganizationId = world.OrgId });
            db.Notices.Add(notice);
            await store.WriteAsync(world.OrgId, attachment.Id, content, CancellationToken.None);
            await db.SaveChangesAsync();
            ids = (inquiry.Id, attachment.Id, notice.Id);
        });
        return world with { InquiryId = ids.Inquiry, AttachmentId = ids.Attachment, NoticeId = ids.Notice };
    }
}
