using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Core.Projects;
using Portal.Web.Resources;

namespace Portal.Web.Features.Helpdesk;

/// <summary>
/// Every application (project issue) is also an inquiry of the matching category, so customers and staff follow it
/// in the helpdesk; the inquiry shows the application's structured fields and staff decide it on the application page.
/// </summary>
public sealed class ApplicationInquiries(PortalDbContext db, IStringLocalizer<SharedResource> t)
{
    /// <summary>Adds the inquiry of a new application to the caller's unit of work.</summary>
    public Inquiry Add(ServiceApplication application, string? accountNumber)
    {
        var subject = $"{t["ApplicationKind." + application.Kind]}: {application.AccountName ?? accountNumber ?? application.AccountNumber}";
        var inquiry = new Inquiry
        {
            OrganizationId = application.OrganizationId, Category = Inquiry.CategoryOf(application.Kind), Status = InquiryStatus.New,
            Subject = subject.Length > 200 ? subject[..200] : subject, CreatedById = application.SubmittedById, CreatedAt = application.SubmittedAt,
            UpdatedAt = application.SubmittedAt, ServiceApplicationId = application.Id,
            RelatedAccountIds = application.AwsAccountId is { } account ? [account] : [],
        };
        inquiry.Messages.Add(new InquiryMessage
        {
            InquiryId = inquiry.Id, OrganizationId = application.OrganizationId, AuthorId = application.SubmittedById,
            Body = application.Note ?? "", CreatedAt = application.SubmittedAt,
        });
        db.Inquiries.Add(inquiry);
        return inquiry;
    }

    /// <summary>
    /// Gives every application stored before the helpdesk existed its inquiry (idempotent: the unique application
    /// key on inquiries lets each application have one).
    /// </summary>
    public async Task<int> BackfillAsync(CancellationToken ct)
    {
        var inquiries = db.Inquiries.IgnoreQueryFilters([PortalDbContext.TenantFilter]);
        var missing = await db.ServiceApplications.IgnoreQueryFilters([PortalDbContext.TenantFilter])
            .Where(a => !inquiries.Any(i => i.ServiceApplicationId == a.Id))
            .Select(a => new { Application = a, Number = a.AwsAccount != null ? a.AwsAccount.AccountNumber : a.AccountNumber })
            .ToListAsync(ct);
        foreach (var row in missing)
        {
            var inquiry = Add(row.Application, row.Number);
            inquiry.Status = StatusOf(row.Application.Status);
            if (row.Application.DecidedAt is { } decided)
            {
                inquiry.UpdatedAt = decided;
            }
        }
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }

    /// <summary>A decided application resolves its inquiry; the staff comment becomes a reply the customer reads.</summary>
    public async Task RecordDecisionAsync(ServiceApplication application, Guid? staffId, DateTimeOffset now, CancellationToken ct)
    {
        var inquiry = await db.Inquiries.SingleOrDefaultAsync(i => i.ServiceApplicationId == application.Id, ct);
        if (inquiry is null)
        {
            return;
        }
        inquiry.Status = StatusOf(application.Status);
        inquiry.UpdatedAt = now;
        var body = t["ApplicationStatus." + application.Status].Value + (string.IsNullOrWhiteSpace(application.StaffComment) ? "" : "\n\n" + application.StaffComment);
        db.InquiryMessages.Add(new InquiryMessage
        {
            InquiryId = inquiry.Id, OrganizationId = inquiry.OrganizationId, AuthorId = staffId, FromStaff = true, Body = body, CreatedAt = now,
        });
    }

    private static InquiryStatus StatusOf(ApplicationStatus status) => status == ApplicationStatus.Submitted ? InquiryStatus.New : InquiryStatus.Resolved;
}
