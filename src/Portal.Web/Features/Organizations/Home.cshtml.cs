using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Invoices;
using Portal.Web.Features.Notices;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Organizations;

/// <summary>A project's charges on the home screen: this month so far and last month, in the project's currency.</summary>
public sealed record ProjectChargeRow(Guid Id, string Name, Currency Currency, decimal ThisMonth, decimal LastMonth)
{
    public string Money(decimal amount) => Currency == Currency.Jpy
        ? "¥" + amount.ToString("N0", CultureInfo.InvariantCulture)
        : "$" + amount.ToString("N2", CultureInfo.InvariantCulture);
}

/// <summary>
/// The organization home (SPEC F2): counts that link to the lists the user may open, each project's charges (Project
/// viewer), last month's invoices, and the notices he may see with category tabs and an important-only toggle.
/// </summary>
[OrgPermission(Permission.None)]
public sealed class HomeModel(PortalDbContext db, CurrentMembership membership, VisibleNotices notices, LastMonthInvoices lastMonthInvoices, TimeProvider clock) : PageModel
{
    public const int NoticeCount = 8;

    [FromRoute]
    public Guid OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public NoticeCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Important { get; set; }

    public string Name { get; private set; } = "";

    public string Code { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    public int? ProjectCount { get; private set; }

    public int? AccountCount { get; private set; }

    public int? UserCount { get; private set; }

    public DateOnly ThisMonth { get; private set; }

    /// <summary>Null when the user may not see projects.</summary>
    public IReadOnlyList<ProjectChargeRow>? ProjectCharges { get; private set; }

    /// <summary>Last month's issued invoices; null when the user may not see invoices.</summary>
    public LastMonthInvoicesTile? Invoices { get; private set; }

    public IReadOnlyList<NoticeRow> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == OrgId)
            .Select(o => new { Name = o.Alias ?? o.Name, o.Code, o.UpdatedAt }).SingleAsync(ct);
        (Name, Code, UpdatedAt) = (organization.Name, organization.Code, organization.UpdatedAt);
        if (membership.Has(Permission.ProjectViewer))
        {
            ProjectCount = await db.Projects.CountAsync(p => p.OrganizationId == OrgId, ct);
            await LoadChargesAsync(ct);
        }
        if (membership.Has(Permission.AccountViewer))
        {
            AccountCount = await db.AwsAccounts.CountAsync(a => a.OrganizationId == OrgId, ct);
        }
        if (membership.Has(Permission.UserViewer))
        {
            UserCount = await db.Memberships.CountAsync(m => m.OrganizationId == OrgId, ct);
        }
        if (membership.Has(Permission.InvoiceViewer))
        {
            Invoices = await lastMonthInvoices.ForAsync(OrgId, ct);
        }
        Notices = await notices.ListAsync(Category, Important, NoticeCount, 0, Localization.CurrentLanguage, ct);
    }

    /// <summary>Sums the monthly sums per project for the current JST month and the one before, in SQL.</summary>
    private async Task LoadChargesAsync(CancellationToken ct)
    {
        var today = Jst.Today(clock.GetUtcNow());
        ThisMonth = new DateOnly(today.Year, today.Month, 1);
        var lastMonth = ThisMonth.AddMonths(-1);
        var sums = await db.ChargeMonthSums.AsNoTracking()
            .Where(c => c.OrganizationId == OrgId && (c.Month == ThisMonth || c.Month == lastMonth))
            .GroupBy(c => new { c.ProjectId, c.Month }).Select(g => new { g.Key.ProjectId, g.Key.Month, Amount = g.Sum(c => c.Amount) })
            .ToListAsync(ct);
        var projects = await db.Projects.AsNoTracking().Where(p => p.OrganizationId == OrgId).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.Currency }).ToListAsync(ct);
        decimal Sum(Guid project, DateOnly month) => FixedPoint.ToDecimal(sums.Where(s => s.ProjectId == project && s.Month == month).Sum(s => s.Amount));
        ProjectCharges = projects.Select(p => new ProjectChargeRow(p.Id, p.Name, p.Currency, Sum(p.Id, ThisMonth), Sum(p.Id, lastMonth))).ToList();
    }
}
