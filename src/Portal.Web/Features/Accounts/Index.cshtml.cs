using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Charges;

namespace Portal.Web.Features.Accounts;

public sealed record AccountRow(Guid Id, string AccountNumber, string Name, Guid ProjectId, string Project, Currency Currency, AccountStatus Status, DateOnly JoinedOn, bool Pinned);

/// <summary>
/// The AWS account list (SPEC F6): AWS account viewer together with Project viewer, with each account's charges of the
/// current month so far (estimated; zero right after the month starts).
/// </summary>
[OrgPermission(Permission.AccountViewer)]
public sealed class IndexModel(PortalDbContext db, CurrentMembership membership, TimeProvider clock) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public IReadOnlyList<AccountRow> Rows { get; private set; } = [];

    public bool CanEdit => membership.Has(Permission.AccountEditor);

    /// <summary>This month's charges so far per account number, in each account's project currency.</summary>
    public IReadOnlyDictionary<string, (decimal Amount, Currency Currency)> CurrentMonth { get; private set; } = new Dictionary<string, (decimal, Currency)>();

    public string CurrentCharges(AccountRow row) =>
        CurrentMonth.TryGetValue(row.AccountNumber, out var charge) ? ChargeFormat.Money(charge.Amount, charge.Currency) : ChargeFormat.Money(0, row.Currency);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        Rows = await db.AwsAccounts.AsNoTracking().Where(a => a.OrganizationId == OrgId)
            .OrderBy(a => a.Project.Name).ThenBy(a => a.AccountNumber)
            .Select(a => new AccountRow(a.Id, a.AccountNumber, a.Name, a.ProjectId, a.Project.Name, a.Project.Currency, a.Status, a.JoinedOn,
                db.AccountBookmarks.Any(b => b.AwsAccountId == a.Id && b.UserId == userId && b.OrganizationId == OrgId)))
            .ToListAsync(ct);
        var month = ChargeFormat.ThisMonth(clock.GetUtcNow());
        var sums = await db.ChargeMonthSums.AsNoTracking().Where(c => c.OrganizationId == OrgId && c.Month == month && c.AccountNumber != "")
            .GroupBy(c => new { c.AccountNumber, c.Currency }).Select(g => new { g.Key.AccountNumber, g.Key.Currency, Amount = g.Sum(c => c.Amount) })
            .ToListAsync(ct);
        CurrentMonth = sums.GroupBy(s => s.AccountNumber)
            .ToDictionary(g => g.Key, g => (FixedPoint.ToDecimal(g.Sum(s => s.Amount)), g.First().Currency));
    }
}
