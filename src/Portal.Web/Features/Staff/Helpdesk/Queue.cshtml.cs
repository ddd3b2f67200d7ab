using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Web.Auth;

namespace Portal.Web.Features.Staff.Helpdesk;

public sealed record QueueRow(
    Guid Id, string Subject, string Organization, InquiryCategory Category, InquiryStatus Status, string? Assignee, bool IsApplication, DateTimeOffset UpdatedAt);

public sealed record Choice(Guid Id, string Name);

/// <summary>
/// The staff queue of inquiries across organizations (applications included, as their categories), filtered by
/// status, category, organization and assignee. Without a status filter it shows what still needs work.
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class QueueModel(PortalDbContext db) : PageModel
{
    /// <summary>A status name, <c>open</c> (default: new, in progress, waiting) or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public InquiryCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? OrganizationId { get; set; }

    /// <summary>A staff user id, <c>me</c>, <c>none</c> or empty for anyone.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Assignee { get; set; }

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public IReadOnlyList<Choice> Organizations { get; private set; } = [];

    public IReadOnlyList<Choice> StaffUsers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Code).Select(o => new Choice(o.Id, o.Alias ?? o.Name)).ToListAsync(ct);
        StaffUsers = await StaffDirectory.ListAsync(db, ct);
        var query = db.Inquiries.AsNoTracking();
        if (Enum.TryParse<InquiryStatus>(Status, out var status))
        {
            query = query.Where(i => i.Status == status);
        }
        else if (Status != "all")
        {
            query = query.Where(i => i.Status == InquiryStatus.New || i.Status == InquiryStatus.InProgress || i.Status == InquiryStatus.WaitingForCustomer);
        }
        if (Category is { } category)
        {
            query = query.Where(i => i.Category == category);
        }
        if (OrganizationId is { } organizationId)
        {
            query = query.Where(i => i.OrganizationId == organizationId);
        }
        if (Assignee == "me")
        {
            var me = User.UserId();
            query = query.Where(i => i.AssigneeId == me);
        }
        else if (Assignee == "none")
        {
            query = query.Where(i => i.AssigneeId == null);
        }
        else if (Guid.TryParse(Assignee, out var assigneeId))
        {
            query = query.Where(i => i.AssigneeId == assigneeId);
        }
        Rows = await query.OrderByDescending(i => i.UpdatedAt).Take(500)
            .Select(i => new QueueRow(i.Id, i.Subject, db.Organizations.Where(o => o.Id == i.OrganizationId).Select(o => o.Alias ?? o.Name).FirstOrDefault() ?? "",
                i.Category, i.Status, db.Users.Where(u => u.Id == i.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(), i.ServiceApplicationId != null, i.UpdatedAt))
            .ToListAsync(ct);
    }
}

/// <summary>The staff members who can be assigned an inquiry.</summary>
public static class StaffDirectory
{
    public static async Task<IReadOnlyList<Choice>> ListAsync(PortalDbContext db, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.IsStaff).OrderBy(u => u.DisplayName).Select(u => new Choice(u.Id, u.DisplayName)).ToListAsync(ct);
}
