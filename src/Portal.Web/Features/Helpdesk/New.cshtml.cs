using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Helpdesk;

public sealed record AccountChoice(Guid Id, string AccountNumber, string Name);

/// <summary>
/// Opens an inquiry: category, subject, Markdown body, related AWS accounts and attachments. The form carries its own
/// id, which becomes the inquiry's id, so submitting twice opens one inquiry.
/// </summary>
[OrgPermission(Permission.InquiryUser)]
[RequestSizeLimit(HelpdeskOptions.RequestLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = HelpdeskOptions.RequestLimitBytes)]
public sealed class NewModel(OpenInquiry open, AttachmentStore store) : PageModel
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
        var outcome = await open.HandleAsync(new NewInquiry(FormId, OrgId, User.UserId(), Category, Subject, Body, AccountIds, Files), ct);
        if (outcome.AlreadyExists)
        {
            return Redirect($"/orgs/{OrgId}/inquiries/{FormId}");
        }
        if (!outcome.Opened)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                Errors[field] = message;
            }
            await LoadAsync(ct);
            // 507 when the disk is full: the input was fine, the server could not store the files.
            Response.StatusCode = outcome.StorageFull ? StatusCodes.Status507InsufficientStorage : StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/orgs/{OrgId}/inquiries/{FormId}?done=opened");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        // Accounts are offered only to members who may see them; others describe the account in the text.
        Accounts = await open.AccountChoicesAsync(OrgId, ct);
}
