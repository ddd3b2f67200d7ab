using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Resources;

namespace Portal.Web.Features.Helpdesk;

/// <summary>A customer's new inquiry as the form or the API sends it. <see cref="Id"/> is the client's, so a resend is recognised.</summary>
public sealed record NewInquiry(
    Guid Id, Guid OrganizationId, Guid? UserId, InquiryCategory? Category, string? Subject, string? Body, IReadOnlyList<Guid> AccountIds,
    IReadOnlyList<IFormFile> Files);

/// <summary>
/// Opened, or why not: errors by field (Category, Subject, Body, AccountIds, Files), or an inquiry of that id existed.
/// <see cref="StorageFull"/>: the attachments could not be stored (nothing was saved).
/// </summary>
public sealed record OpenInquiryOutcome(bool Opened, bool AlreadyExists, IReadOnlyDictionary<string, string> Errors, bool StorageFull = false);

/// <summary>
/// Opens an inquiry for the new-inquiry page and the REST API: validates every field, then saves the inquiry with its
/// first message through <see cref="PostInquiryMessage"/> (mail to staff and participants, audit) in one transaction.
/// Related accounts may be named only by members who may see accounts (the rule of the page's account list).
/// </summary>
public sealed class OpenInquiry(PortalDbContext db, CurrentMembership membership, AttachmentStore store, PostInquiryMessage post, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    public const int MaxSubjectLength = 200;

    /// <summary>The accounts the caller may relate an inquiry to.</summary>
    public async Task<IReadOnlyList<AccountChoice>> AccountChoicesAsync(Guid organizationId, CancellationToken ct) =>
        membership.Has(Permission.AccountViewer)
            ? await db.AwsAccounts.AsNoTracking().Where(a => a.OrganizationId == organizationId).OrderBy(a => a.AccountNumber)
                .Select(a => new AccountChoice(a.Id, a.AccountNumber, a.Name)).ToListAsync(ct)
            : [];

    /// <summary>True when an inquiry with this id exists, in any organization (ids are global).</summary>
    public Task<bool> ExistsAsync(Guid id, CancellationToken ct) =>
        db.Inquiries.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AnyAsync(i => i.Id == id, ct);

    public async Task<OpenInquiryOutcome> HandleAsync(NewInquiry input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await ExistsAsync(input.Id, ct))
        {
            return new OpenInquiryOutcome(false, true, new Dictionary<string, string>());
        }
        var errors = new Dictionary<string, string>();
        var subject = input.Subject?.Trim() ?? "";
        var body = input.Body?.Trim() ?? "";
        if (input.Category is not { } category || !Enum.IsDefined(category))
        {
            errors["Category"] = t["Inquiries.ChooseCategory"];
        }
        if (subject.Length is 0 or > MaxSubjectLength)
        {
            errors["Subject"] = t["Validation.RequiredMax", t["Inquiries.Subject"], MaxSubjectLength];
        }
        if (body.Length == 0 || body.Length > store.Limits.MaxBodyLength)
        {
            errors["Body"] = t["Validation.RequiredMax", t["Inquiries.Body"], store.Limits.MaxBodyLength];
        }
        var accountIds = input.AccountIds.Distinct().ToList();
        if (accountIds.Count > 0)
        {
            var choices = await AccountChoicesAsync(input.OrganizationId, ct);
            if (accountIds.Any(id => choices.All(a => a.Id != id)))
            {
                errors["AccountIds"] = t["Inquiries.UnknownAccount"];
            }
        }
        var (files, fileError) = await store.ReadAsync(input.Files, ct);
        if (fileError is not null)
        {
            errors["Files"] = fileError;
        }
        if (errors.Count > 0)
        {
            return new OpenInquiryOutcome(false, false, errors);
        }
        var now = clock.GetUtcNow();
        var inquiry = new Inquiry
        {
            Id = input.Id, OrganizationId = input.OrganizationId, Category = input.Category!.Value, Status = InquiryStatus.New, Subject = subject,
            CreatedById = input.UserId, CreatedAt = now, UpdatedAt = now, RelatedAccountIds = accountIds,
        };
        db.Inquiries.Add(inquiry);
        if (await post.AddAsync(inquiry, new NewInquiryMessage(Guid.CreateVersion7(), input.UserId, body, files, FromStaff: false, IsInternal: false), ct) is { } storeError)
        {
            return new OpenInquiryOutcome(false, false, new Dictionary<string, string> { ["Files"] = storeError }, StorageFull: true);
        }
        return new OpenInquiryOutcome(true, false, errors);
    }
}
