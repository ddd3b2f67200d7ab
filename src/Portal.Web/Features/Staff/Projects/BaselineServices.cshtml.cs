using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Projects;

public sealed record BaselineServiceRow(Guid Id, string ServiceName, string DescriptionJa, string DescriptionEn, int Position);

/// <summary>
/// Staff keep the list of AWS services that onboarding turns on in every account (SPEC F6); account pages explain them
/// and, with the charges issue, show what they cost.
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class BaselineServicesModel(PortalDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public Guid? Id { get; set; }

    [BindProperty]
    public string? ServiceName { get; set; }

    [BindProperty]
    public string? DescriptionJa { get; set; }

    [BindProperty]
    public string? DescriptionEn { get; set; }

    [BindProperty]
    public int Position { get; set; }

    public IReadOnlyList<BaselineServiceRow> Rows { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var name = ServiceName?.Trim() ?? "";
        if (name.Length is 0 or > 200 || DescriptionJa?.Length > 1000 || DescriptionEn?.Length > 1000)
        {
            return await RefuseAsync(t["Validation.Required", t["Baseline.ServiceName"]], ct);
        }
        if (await db.BaselineServices.AnyAsync(s => s.ServiceName == name && s.Id != Id, ct))
        {
            return await RefuseAsync(t["Baseline.Duplicate", name], ct);
        }
        var service = Id is { } id ? await db.BaselineServices.SingleOrDefaultAsync(s => s.Id == id, ct) : null;
        if (Id is not null && service is null)
        {
            return NotFound();
        }
        if (service is null)
        {
            service = new BaselineService();
            db.BaselineServices.Add(service);
        }
        service.ServiceName = name;
        service.DescriptionJa = DescriptionJa?.Trim() ?? "";
        service.DescriptionEn = DescriptionEn?.Trim() ?? "";
        service.Position = Position;
        service.UpdatedAt = clock.GetUtcNow();
        audit.Record("baseline-service.saved", User.UserId(), name);
        await db.SaveChangesAsync(ct);
        Message = t["Baseline.Saved", name];
        return Redirect("/staff/baseline-services");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var service = await db.BaselineServices.SingleOrDefaultAsync(s => s.Id == Id, ct);
        if (service is null)
        {
            return NotFound();
        }
        db.BaselineServices.Remove(service);
        audit.Record("baseline-service.deleted", User.UserId(), service.ServiceName);
        await db.SaveChangesAsync(ct);
        Message = t["Baseline.Deleted", service.ServiceName];
        return Redirect("/staff/baseline-services");
    }

    private async Task<IActionResult> RefuseAsync(string error, CancellationToken ct)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.BaselineServices.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.ServiceName)
            .Select(s => new BaselineServiceRow(s.Id, s.ServiceName, s.DescriptionJa, s.DescriptionEn, s.Position)).ToListAsync(ct);
}
