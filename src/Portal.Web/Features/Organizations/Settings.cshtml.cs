using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Organizations;

/// <summary>Power users edit the alias and Enforce MFA (SPEC F2).</summary>
[OrgPermission(Permission.ManageOrganization)]
public sealed class SettingsModel(PortalDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [BindProperty]
    public string? Alias { get; set; }

    [BindProperty]
    public bool EnforceMfa { get; set; }

    public string Name { get; private set; } = "";

    public string Code { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == OrgId, ct);
        (Name, Code, Alias, EnforceMfa) = (organization.Name, organization.Code, organization.Alias, organization.EnforceMfa);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var organization = await db.Organizations.SingleAsync(o => o.Id == OrgId, ct);
        var alias = string.IsNullOrWhiteSpace(Alias) ? null : Alias.Trim();
        if (alias?.Length > 200)
        {
            ModelState.AddModelError(nameof(Alias), t["Validation.MaxLength", t["Org.Alias"], 200]);
            (Name, Code) = (organization.Name, organization.Code);
            return Page();
        }
        var changes = $"alias: {organization.Alias} -> {alias}; enforceMfa: {organization.EnforceMfa} -> {EnforceMfa}";
        organization.Alias = alias;
        organization.EnforceMfa = EnforceMfa;
        organization.UpdatedAt = clock.GetUtcNow();
        audit.Record("organization.updated", User.UserId(), OrgId.ToString(), OrgId, detail: changes);
        await db.SaveChangesAsync(ct);
        return Redirect($"/orgs/{OrgId}/settings?saved=true");
    }
}
