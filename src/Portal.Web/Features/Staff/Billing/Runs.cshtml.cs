using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Data;
using Portal.Web.Auth;

namespace Portal.Web.Features.Staff.Billing;

/// <summary>
/// Every ingestion run with its phase, rows, bytes, duration and error; the table refreshes itself every two seconds
/// (htmx) so staff watch a running ingestion progress.
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class RunsModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<IngestionRun> Runs { get; private set; } = [];

    public IReadOnlyList<BillingPeriod> Periods { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Runs = await LatestRunsAsync(ct);
        Periods = await db.BillingPeriods.AsNoTracking().OrderByDescending(p => p.Month).ThenBy(p => p.PayerAccountId).Take(100).ToListAsync(ct);
    }

    /// <summary>The partial the page polls.</summary>
    public async Task<IActionResult> OnGetTableAsync(CancellationToken ct) => Partial("_RunsTable", await LatestRunsAsync(ct));

    private async Task<IReadOnlyList<IngestionRun>> LatestRunsAsync(CancellationToken ct) =>
        await db.IngestionRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(50).ToListAsync(ct);
}
