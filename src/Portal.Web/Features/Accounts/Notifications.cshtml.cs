using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Projects;
using Portal.Web.Resources;

namespace Portal.Web.Features.Accounts;

/// <summary>Notification addresses, language and emergency phone of one account (SPEC F6), with a test mail per list.</summary>
[OrgPermission(Permission.AccountEditor)]
public sealed class NotificationsModel(PortalDbContext db, UpdateNotificationSettings update, ProjectMail mail, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid AccountId { get; set; }

    [BindProperty]
    public string? BillingTo { get; set; }

    [BindProperty]
    public string? BillingCc { get; set; }

    [BindProperty]
    public string? TechnicalTo { get; set; }

    [BindProperty]
    public string? TechnicalCc { get; set; }

    [BindProperty]
    public string? SecurityTo { get; set; }

    [BindProperty]
    public string? SecurityCc { get; set; }

    [BindProperty]
    public string? Language { get; set; } = "ja";

    [BindProperty]
    public string? EmergencyPhone { get; set; }

    [BindProperty]
    public NotificationTopic Topic { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public string AccountLabel { get; private set; } = "";

    public string? Error { get; private set; }

    public NotificationForm Form => new(BillingTo, BillingCc, TechnicalTo, TechnicalCc, SecurityTo, SecurityCc, Language, EmergencyPhone);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAccountAsync(ct))
        {
            return NotFound();
        }
        await LoadSavedAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await LoadAccountAsync(ct))
        {
            return NotFound();
        }
        var problem = await update.SaveAsync(OrgId, [AccountId], Form, User.UserId()!.Value, ct);
        if (problem is null)
        {
            return Redirect($"/orgs/{OrgId}/accounts/{AccountId}/notifications?done=saved");
        }
        Error = NotificationErrors.Describe(problem, t);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        if (!await LoadAccountAsync(ct))
        {
            return NotFound();
        }
        if (await mail.SendNotificationTestAsync(OrgId, AccountId, Topic, User.UserId()!.Value, ct))
        {
            return Redirect($"/orgs/{OrgId}/accounts/{AccountId}/notifications?done=test");
        }
        await LoadSavedAsync(ct);
        Error = t["Accounts.TestNeedsAddresses", t["NotificationTopic." + Topic]];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAccountAsync(CancellationToken ct)
    {
        var account = await db.AwsAccounts.AsNoTracking().Where(a => a.Id == AccountId && a.OrganizationId == OrgId)
            .Select(a => new { a.AccountNumber, a.Name }).SingleOrDefaultAsync(ct);
        AccountLabel = account is null ? "" : $"{account.AccountNumber} {account.Name}";
        return account is not null;
    }

    private async Task LoadSavedAsync(CancellationToken ct)
    {
        var saved = await db.AccountNotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.AwsAccountId == AccountId && s.OrganizationId == OrgId, ct);
        var form = NotificationForm.From(saved ?? new AccountNotificationSettings());
        (BillingTo, BillingCc, TechnicalTo, TechnicalCc, SecurityTo, SecurityCc, Language, EmergencyPhone) =
            (form.BillingTo, form.BillingCc, form.TechnicalTo, form.TechnicalCc, form.SecurityTo, form.SecurityCc, form.Language, form.EmergencyPhone);
    }
}
