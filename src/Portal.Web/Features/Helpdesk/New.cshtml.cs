using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Resources;

namespace Portal.Web.Features.Helpdesk;

public sealed record AccountChoice(Guid Id, string AccountNumber, string Name);

/// <summary>
/// Opens an inquiry: category, subject, Markdown body, related AWS accounts and attachments. The form carries its own
/// id, which becomes the inquiry's id, so submitting twice opens one inquiry.
/// </summary>
[OrgPermission(Permission.InquiryUser)]
[RequestSizeLimit(HelpdeskOptions.RequestLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = HelpdeskOptions.RequestLimitBytes)]
public sealed class NewModel(
    PortalDbContext db, CurrentMembership membership, AttachmentStore store, PostInquiryMessage post, TimeProvider clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public static readonly IReadOnlyList<InquiryCategory> Categories = Enum.GetValues<InquiryCategory>();

    [FromRoute]
    public Guid OrgId { get; set; }

    [BindProperty]
    public Guid FormId { get; set; }

    [BindProperty]
    public InquiryCategory? Category { get; set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public List<Guid> AccountIds { get; set; } = [];

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public IReadOnlyList<AccountChoice> Accounts { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    public HelpdeskOptions Limits => store.Limits;

    public async Task OnGetAsync(CancellationToken ct)
    {
        FormId = Guid.CreateVersion7();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (FormId == Guid.Empty)
        {
            FormId = Guid.CreateVersion7();
        }
        if (await db.Inquiries.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AnyAsync(i => i.Id == FormId, ct))
        {
            return Redirect($"/orgs/{OrgId}/inquiries/{FormId}");
        }
        await LoadAsync(ct);
        var subject = Subject?.Trim() ?? "";
        var body = Body?.Trim() ?? "";
        if (Category is not { } category || !Enum.IsDefined(category))
        {
            Errors["Category"] = t["Inquiries.ChooseCategory"];
        }
        if (subject.Length is 0 or > 200)
        {
            Errors["Subject"] = t["Validation.RequiredMax", t["Inquiries.Subject"], 200];
        }
        if (body.Length == 0 || body.Length > Limits.MaxBodyLength)
        {
            Errors["Body"] = t["Validation.RequiredMax", t["Inquiries.Body"], Limits.MaxBodyLength];
        }
        var accountIds = AccountIds.Distinct().ToList();
        if (accountIds.Any(id => Accounts.All(a => a.Id != id)))
        {
            Errors["AccountIds"] = t["Inquiries.UnknownAccount"];
        }
        var (files, fileError) = await store.ReadAsync(Files, ct);
        if (fileError is not null)
        {
            Errors["Files"] = fileError;
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var now = clock.GetUtcNow();
        var inquiry = new Inquiry
        {
            Id = FormId, OrganizationId = OrgId, Category = Category!.Value, Status = InquiryStatus.New, Subject = subject,
            CreatedById = User.UserId(), CreatedAt = now, UpdatedAt = now, RelatedAccountIds = accountIds,
        };
        db.Inquiries.Add(inquiry);
        if (await post.AddAsync(inquiry, new NewInquiryMessage(Guid.CreateVersion7(), User.UserId(), body, files, FromStaff: false, IsInternal: false), ct) is { } storeError)
        {
            Errors["Files"] = storeError;
            Response.StatusCode = StatusCodes.Status507InsufficientStorage;
            return Page();
        }
        return Redirect($"/orgs/{OrgId}/inquiries/{inquiry.Id}?done=opened");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // Accounts are offered only to members who may see them; others describe the account in the text.
        Accounts = membership.Has(Permission.AccountViewer)
            ? await db.AwsAccounts.AsNoTracking().Where(a => a.OrganizationId == OrgId).OrderBy(a => a.AccountNumber)
                .Select(a => new AccountChoice(a.Id, a.AccountNumber, a.Name)).ToListAsync(ct)
            : [];
    }
}
