using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Resources;

namespace Portal.Web.Features.Errors;

/// <summary>
/// Re-executed for 4xx/5xx status codes of UI requests, keeping the status. A 403 from an organization route becomes
/// the access-denied page: it names the missing permission and the power users who can grant it (SPEC F3).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel(PortalDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public bool MfaRequired { get; private set; }

    public IReadOnlyList<string> PowerUsers { get; private set; } = [];

    // Handlers take no parameters: a re-executed POST must not read its (possibly rejected) form.
    public Task OnGetAsync() => DescribeAsync(HttpContext.RequestAborted);

    public Task OnPostAsync() => DescribeAsync(HttpContext.RequestAborted);

    private async Task DescribeAsync(CancellationToken ct)
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), out var parsed) ? parsed : 500;
        (Title, Message) = code switch
        {
            StatusCodes.Status404NotFound => (t["Error.NotFoundTitle"].Value, t["Error.NotFound"].Value),
            StatusCodes.Status503ServiceUnavailable => (t["Error.Title"].Value, t["Error.Unavailable"].Value),
            _ => (t["Error.Title"].Value, t["Error.Message"].Value),
        };
        if (code != StatusCodes.Status403Forbidden || HttpContext.Items[TenantAuthorizationResultHandler.OrganizationItem] is not Guid organizationId)
        {
            return;
        }
        if (HttpContext.Items.ContainsKey(TenantAuthorizationResultHandler.MfaRequiredItem))
        {
            MfaRequired = true;
            (Title, Message) = (t["MfaRequired.Title"].Value, t["MfaRequired.Message"].Value);
            return;
        }
        var missing = HttpContext.Items[TenantAuthorizationResultHandler.MissingPermissionItem] is Permission permission ? permission : Permission.None;
        (Title, Message) = (t["Denied.Title"].Value, t["Denied.Message", t["Permission." + missing]].Value);
        PowerUsers = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && m.Type == MemberType.Power)
            .OrderBy(m => m.User.DisplayName)
            .Select(m => m.User.DisplayName + " <" + m.User.Email + ">")
            .ToListAsync(ct);
    }
}
