using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Billing;
using Portal.Billing.Deliveries;
using Portal.Billing.Sources;
using Portal.Core.Billing;
using Portal.Core.Data;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Jobs;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Billing;

public sealed record SourceRow(Guid Id, string PayerAccountId, string Location, ReportFormat Format, string TagKey, bool Enabled, RunState? LastRunState, DateTimeOffset? LastRunAt);

/// <summary>Staff manage billing sources: add, enable/disable, test the connection, ingest now (SPEC F7, F15).</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class SourcesModel(
    PortalDbContext db, BillingSources sources, BillingFileStores stores, IBackgroundJobClient jobs, AuditLog audit, IStringLocalizer<SharedResource> t)
    : PageModel
{
    [BindProperty]
    public string? PayerAccountId { get; set; }

    [BindProperty]
    public string? Location { get; set; }

    [BindProperty]
    public ReportFormat Format { get; set; }

    [BindProperty]
    public string? TagKey { get; set; }

    [BindProperty]
    public string? S3ServiceUrl { get; set; }

    public IReadOnlyList<SourceRow> Rows { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        try
        {
            var source = await sources.AddAsync(new NewBillingSource(PayerAccountId?.Trim() ?? "", Location ?? "", Format, TagKey, S3ServiceUrl), ct);
            audit.Record("billing.source.added", User.UserId(), source.Id.ToString(), detail: $"payer={source.PayerAccountId}");
            await db.SaveChangesAsync(ct);
            Message = t["Billing.SourceAdded", source.PayerAccountId];
            return RedirectToPage();
        }
        catch (ArgumentException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostIngestAsync(Guid sourceId, CancellationToken ct)
    {
        if (!await db.BillingSources.AnyAsync(s => s.Id == sourceId, ct))
        {
            return NotFound();
        }
        jobs.Enqueue<IngestBillingSources>(job => job.SourceAsync(sourceId, CancellationToken.None));
        audit.Record("billing.ingest.requested", User.UserId(), sourceId.ToString());
        await db.SaveChangesAsync(ct);
        Message = t["Billing.IngestQueued"];
        return Redirect("/staff/billing/runs");
    }

    public async Task<IActionResult> OnPostTestAsync(Guid sourceId, CancellationToken ct)
    {
        var source = await db.BillingSources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sourceId, ct);
        if (source is null)
        {
            return NotFound();
        }
        try
        {
            using var store = stores.Open(source);
            var deliveries = await DeliveryDiscovery.DiscoverAsync(store, ct);
            Message = t["Billing.TestOk", deliveries.Count];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BillingInputException or Amazon.Runtime.AmazonClientException)
        {
            Message = t["Billing.TestFailed", e.Message];
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid sourceId, CancellationToken ct)
    {
        var source = await db.BillingSources.SingleOrDefaultAsync(s => s.Id == sourceId, ct);
        if (source is null)
        {
            return NotFound();
        }
        source.Enabled = !source.Enabled;
        audit.Record(source.Enabled ? "billing.source.enabled" : "billing.source.disabled", User.UserId(), source.Id.ToString());
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await db.BillingSources.AsNoTracking().OrderBy(s => s.PayerAccountId).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var lastRuns = (await db.IngestionRuns.AsNoTracking().Where(r => ids.Contains(r.SourceId))
                .Select(r => new { r.SourceId, r.State, r.StartedAt }).ToListAsync(ct))
            .GroupBy(r => r.SourceId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.StartedAt)!);
        Rows = rows.Select(s => new SourceRow(s.Id, s.PayerAccountId, s.Location, s.Format, s.TagKey, s.Enabled,
            lastRuns.GetValueOrDefault(s.Id)?.State, lastRuns.GetValueOrDefault(s.Id)?.StartedAt)).ToList();
    }
}
