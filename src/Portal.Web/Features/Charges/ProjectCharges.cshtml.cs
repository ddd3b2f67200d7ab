using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Invoices;

namespace Portal.Web.Features.Charges;

/// <summary>
/// A project's charge summary (SPEC F8): its accounts × the last 13 months with totals, and for a chosen month the
/// billing-group tag breakdown across all of the project's accounts, with an untagged bucket. Tax-exclusive.
/// </summary>
[OrgPermission(Permission.ProjectViewer)]
public sealed class ProjectChargesModel(
    PortalDbContext db, ChargeReadCache charges, InvoiceNumbers invoices, CurrentMembership membership, TimeProvider clock) : PageModel
{
    public const int MonthCount = 13;

    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid ProjectId { get; set; }

    [BindProperty(SupportsGet = true, Name = "month")]
    public string? MonthText { get; set; }

    public string ProjectName { get; private set; } = "";

    public Currency Currency { get; private set; }

    public ProjectChargeTable Table { get; private set; } = null!;

    /// <summary>The month of the tag breakdown.</summary>
    public DateOnly Month { get; private set; }

    public decimal MonthTotal { get; private set; }

    public IReadOnlyList<ChargeShare> Tags { get; private set; } = [];

    public bool IsEstimated => Table.EstimatedMonths.Contains(Month);

    public bool CanSeeAccounts => membership.Has(Permission.AccountViewer);

    public ProjectChargeTableView TableView => new(OrgId, Table, Money, CanSeeAccounts, "project-charges");

    public ShareTable TagsTable => new(Tags, "Charges.Tag", "tags-table", Money);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var thisMonth = ChargeFormat.ThisMonth(clock.GetUtcNow());
        var months = ProjectChargeTable.MonthsUpTo(thisMonth, MonthCount);
        // The project and its invoiced months in one round trip (on PostgreSQL a round trip costs more than its rows).
        // A left join on nothing, as a collection in the projection would need APPLY, which SQLite lacks.
        var rows = await (
            from p in db.Projects.AsNoTracking().Where(p => p.Id == ProjectId && p.OrganizationId == OrgId)
            from invoiced in invoices.InvoicedMonths(ProjectId, months).Select(m => (DateOnly?)m).DefaultIfEmpty()
            select new { p.Name, p.Currency, Invoiced = invoiced }).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return NotFound();
        }
        (ProjectName, Currency) = (rows[0].Name, rows[0].Currency);
        Table = await ProjectChargeTable.LoadAsync(db, charges, OrgId, ProjectId, months, rows.Select(r => r.Invoiced).OfType<DateOnly>().ToHashSet(), ct);
        var latest = Table.Months.Where((_, i) => Table.Rows.Any(r => r.Amounts[i] != 0)).DefaultIfEmpty(thisMonth).Last();
        Month = ChargeFormat.ParseMonth(MonthText) is { } chosen && Table.Months.Contains(chosen) ? chosen : latest;

        var byTag = await charges.GetAsync(new TagsKey(OrgId, ProjectId, Month), async ct => (IReadOnlyList<TagSum>)await db.ChargeMonthSums.AsNoTracking()
            .Where(c => c.OrganizationId == OrgId && c.ProjectId == ProjectId && c.Month == Month)
            .GroupBy(c => c.TagValue).Select(g => new TagSum(g.Key, g.Sum(c => c.Amount))).ToListAsync(ct), ct);
        MonthTotal = FixedPoint.ToDecimal(byTag.Sum(t => t.Amount));
        Tags = byTag.Select(t => ChargeShare.Of(t.Key, FixedPoint.ToDecimal(t.Amount), MonthTotal)).OrderByDescending(t => t.Amount).ToList();
        return Page();
    }

    private sealed record TagsKey(Guid OrgId, Guid ProjectId, DateOnly Month);

    private sealed record TagSum(string Key, long Amount);

    public string MonthKey(DateOnly month) => ChargeFormat.MonthKey(month);

    public string Money(decimal amount) => ChargeFormat.Money(amount, Currency);
}
