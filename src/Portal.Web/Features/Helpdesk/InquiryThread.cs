using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Core.Projects;

namespace Portal.Web.Features.Helpdesk;

public sealed record AttachmentView(Guid Id, string FileName, long Size);

public sealed record MessageView(Guid Id, string? Author, bool FromStaff, bool IsInternal, string Body, DateTimeOffset CreatedAt, IReadOnlyList<AttachmentView> Attachments);

public sealed record ApplicationView(
    Guid Id, ApplicationKind Kind, ApplicationStatus Status, string Project, string? AccountNumber, string? AccountName, string? TargetProject,
    DateOnly? EffectiveMonth, DateTimeOffset? DecidedAt);

public sealed record InquiryView(
    Guid Id, Guid OrganizationId, string Organization, string Subject, InquiryCategory Category, InquiryStatus Status, string? CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Guid? AssigneeId, IReadOnlyList<AccountChoice> Accounts, ApplicationView? Application,
    IReadOnlyList<MessageView> Messages);

/// <summary>The model of <c>_Thread</c>: the messages and where their attachments are downloaded.</summary>
public sealed record ThreadModel(IReadOnlyList<MessageView> Messages, string AttachmentBase);

/// <summary>
/// Reads one inquiry with its thread for a page. Customers never receive internal notes: they are filtered in the
/// query, not in the view.
/// </summary>
public static class InquiryThread
{
    public static async Task<InquiryView?> LoadAsync(PortalDbContext db, Guid inquiryId, Guid? organizationId, bool includeInternal, CancellationToken ct)
    {
        var header = await db.Inquiries.AsNoTracking().Where(i => i.Id == inquiryId && (organizationId == null || i.OrganizationId == organizationId))
            .Select(i => new
            {
                i.Id, i.OrganizationId, Organization = db.Organizations.Where(o => o.Id == i.OrganizationId).Select(o => o.Alias ?? o.Name).FirstOrDefault(),
                i.Subject, i.Category, i.Status, CreatedBy = db.Users.Where(u => u.Id == i.CreatedById).Select(u => u.DisplayName).FirstOrDefault(),
                i.CreatedAt, i.UpdatedAt, i.AssigneeId, i.RelatedAccountIds, i.ServiceApplicationId,
            }).SingleOrDefaultAsync(ct);
        if (header is null)
        {
            return null;
        }
        var accounts = await db.AwsAccounts.AsNoTracking().Where(a => a.OrganizationId == header.OrganizationId && header.RelatedAccountIds.Contains(a.Id))
            .OrderBy(a => a.AccountNumber).Select(a => new AccountChoice(a.Id, a.AccountNumber, a.Name)).ToListAsync(ct);
        var application = header.ServiceApplicationId is not { } applicationId ? null : await db.ServiceApplications.AsNoTracking()
            .Where(a => a.Id == applicationId && a.OrganizationId == header.OrganizationId)
            .Select(a => new ApplicationView(a.Id, a.Kind, a.Status, a.Project.Name, a.AwsAccount != null ? a.AwsAccount.AccountNumber : a.AccountNumber,
                a.AccountName, db.Projects.Where(p => p.Id == a.TargetProjectId).Select(p => p.Name).FirstOrDefault(), a.EffectiveMonth, a.DecidedAt))
            .SingleOrDefaultAsync(ct);
        var messages = await db.InquiryMessages.AsNoTracking()
            .Where(m => m.InquiryId == inquiryId && m.OrganizationId == header.OrganizationId && (includeInternal || !m.IsInternal))
            .OrderBy(m => m.CreatedAt)
            .Select(m => new MessageView(m.Id, db.Users.Where(u => u.Id == m.AuthorId).Select(u => u.DisplayName).FirstOrDefault(), m.FromStaff, m.IsInternal, m.Body,
                m.CreatedAt, m.Attachments.OrderBy(a => a.FileName).Select(a => new AttachmentView(a.Id, a.FileName, a.Size)).ToList()))
            .ToListAsync(ct);
        return new InquiryView(header.Id, header.OrganizationId, header.Organization ?? "", header.Subject, header.Category, header.Status, header.CreatedBy,
            header.CreatedAt, header.UpdatedAt, header.AssigneeId, accounts, application, messages);
    }

    /// <summary>An attachment of <paramref name="inquiryId"/> that the reader may open (customers: not of an internal note).</summary>
    public static Task<InquiryAttachment?> FindAttachmentAsync(PortalDbContext db, Guid inquiryId, Guid attachmentId, Guid? organizationId, bool includeInternal, CancellationToken ct) =>
        db.InquiryAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.InquiryId == inquiryId && (organizationId == null || a.OrganizationId == organizationId))
            .Where(a => includeInternal || !a.Message.IsInternal)
            .SingleOrDefaultAsync(ct);
}
