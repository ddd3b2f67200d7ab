using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Projects;

/// <summary>Invoice recipients of a project (SPEC F5): TO at least one, CC up to six, no address twice; and a test mail.</summary>
[OrgPermission(Permission.ProjectEditor)]
public sealed class RecipientsModel(PortalDbContext db, ProjectMail mail, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid ProjectId { get; set; }

    [BindProperty]
    public string? To { get; set; }

    [BindProperty]
    public string? Cc { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public string ProjectName { get; private set; } = "";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var project = await FindAsync(ct);
        if (project is null)
        {
            return NotFound();
        }
        ProjectName = project.Name;
        To = AddressList.Format(project.InvoiceTo);
        Cc = AddressList.Format(project.InvoiceCc);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var project = await FindAsync(ct);
        if (project is null)
        {
            return NotFound();
        }
        var to = AddressList.Parse(To);
        var cc = AddressList.Parse(Cc);
        Error = Describe(AddressList.Check(to, 1, int.MaxValue), "Projects.InvoiceTo")
            ?? Describe(AddressList.Check(cc, 0, AddressList.MaxCc), "Projects.InvoiceCc")
            ?? (AddressList.FirstDuplicate(to, cc) is { } duplicate ? t["Addresses.Duplicate", duplicate].Value : null);
        if (Error is not null)
        {
            ProjectName = project.Name;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        project.InvoiceTo = to;
        project.InvoiceCc = cc;
        audit.Record("project.recipients.updated", User.UserId(), project.Id.ToString(), OrgId, detail: $"to={to.Count}; cc={cc.Count}");
        await db.SaveChangesAsync(ct);
        return Redirect($"/orgs/{OrgId}/projects/{ProjectId}/recipients?done=saved");
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        if (await mail.SendInvoiceRecipientsTestAsync(OrgId, ProjectId, Localization.CurrentLanguage, User.UserId()!.Value, ct))
        {
            return Redirect($"/orgs/{OrgId}/projects/{ProjectId}/recipients?done=test");
        }
        var project = await FindAsync(ct);
        if (project is null)
        {
            return NotFound();
        }
        (ProjectName, To, Cc) = (project.Name, AddressList.Format(project.InvoiceTo), AddressList.Format(project.InvoiceCc));
        Error = t["Projects.TestNeedsRecipients"];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private Task<Project?> FindAsync(CancellationToken ct) =>
        db.Projects.SingleOrDefaultAsync(p => p.Id == ProjectId && p.OrganizationId == OrgId, ct);

    private string? Describe((AddressListError Error, string? Address) check, string listKey) => check.Error switch
    {
        AddressListError.TooFew => t["Addresses.TooFew", t[listKey]].Value,
        AddressListError.TooMany => t["Addresses.TooMany", t[listKey], AddressList.MaxCc].Value,
        AddressListError.Invalid => t["Addresses.Invalid", check.Address ?? ""].Value,
        _ => null,
    };
}
