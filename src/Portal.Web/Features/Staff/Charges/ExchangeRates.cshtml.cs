using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Charges;

public sealed record ExchangeRateRow(DateOnly Month, decimal UsdToJpy, string Source, DateOnly RateDate, DateTimeOffset UpdatedAt);

public sealed record ComputationRow(string PayerAccountId, DateOnly Month, DateTimeOffset ComputedAt, decimal? UsdToJpy, long LineCount, string? Problem, DateTimeOffset? StaleSince);

/// <summary>
/// Staff enter each month's USD→JPY rate with its source and date (SPEC F8) and see the recompute status of every
/// (payer, month): when it was last rated, with which rate, and what stopped it (for example a missing rate).
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class ExchangeRatesModel(PortalDbContext db, CommitChargeChange commit, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const decimal MinRate = 1m;
    public const decimal MaxRate = 1000m;
    public const int RatePlaces = 4;

    /// <summary>How many recent (payer, month) computations the status table shows.</summary>
    public const int StatusRows = 60;

    [BindProperty]
    public string? Month { get; set; }

    [BindProperty]
    public string? UsdToJpy { get; set; }

    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public string? RateDate { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public FieldErrors Errors { get; private set; } = new();

    public IReadOnlyList<ExchangeRateRow> Rates { get; private set; } = [];

    public IReadOnlyList<ComputationRow> Computations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = Jst.Today(clock.GetUtcNow());
        Month ??= FormValues.MonthText(new DateOnly(today.Year, today.Month, 1));
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var month = FormValues.ParseMonth(Month);
        if (month is null)
        {
            Errors.Add(nameof(Month), t["Rules.Error.Month"]);
        }
        var rate = FormValues.ParseDecimal(UsdToJpy);
        if (rate is not { } r || r < MinRate || r > MaxRate || !FormValues.HasAtMostPlaces(r, RatePlaces))
        {
            Errors.Add(nameof(UsdToJpy), t["Rates.Error.Rate", MinRate, MaxRate, RatePlaces]);
        }
        var source = Source?.Trim() ?? "";
        if (source.Length == 0)
        {
            Errors.Add(nameof(Source), t["Validation.Required", t["Rates.Source"]]);
        }
        else if (source.Length > 200)
        {
            Errors.Add(nameof(Source), t["Validation.MaxLength", t["Rates.Source"], 200]);
        }
        var rateDate = FormValues.ParseDay(RateDate);
        if (rateDate is null)
        {
            Errors.Add(nameof(RateDate), t["Rates.Error.Date"]);
        }
        else if (month is { } m && (rateDate < m.AddMonths(-1) || rateDate > m.AddMonths(1).AddDays(-1)))
        {
            // The rate of a month is quoted in that month or in the one before (for example the last business day's TTM).
            Errors.Add(nameof(RateDate), t["Rates.Error.DateRange", FormValues.DayText(m.AddMonths(-1)), FormValues.DayText(m.AddMonths(1).AddDays(-1))]);
        }
        if (month is { } invoiced && await db.FrozenChargeMonths.AnyAsync(f => f.Month == invoiced, ct))
        {
            // An issued invoice froze the month's charges with this rate (SPEC F10); a new rate would only make the
            // usage CSV disagree with the invoice.
            Errors.Add(nameof(Month), t["Rates.Error.Frozen", FormValues.MonthText(invoiced)]);
        }
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        var entry = await db.ExchangeRates.SingleOrDefaultAsync(x => x.Month == month!.Value, ct);
        var before = entry is null ? "none" : string.Create(CultureInfo.InvariantCulture, $"{entry.UsdToJpy} ({entry.Source}, {entry.RateDate:yyyy-MM-dd})");
        if (entry is null)
        {
            entry = new ExchangeRateEntry { Month = month!.Value };
            db.ExchangeRates.Add(entry);
        }
        (entry.UsdToJpy, entry.Source, entry.RateDate, entry.UpdatedAt, entry.UpdatedById) = (rate!.Value, source, rateDate!.Value, clock.GetUtcNow(), User.UserId());
        audit.Record("exchange-rate.saved", User.UserId(), FormValues.MonthText(entry.Month),
            detail: string.Create(CultureInfo.InvariantCulture, $"{before} -> {entry.UsdToJpy} ({entry.Source}, {entry.RateDate:yyyy-MM-dd})"));
        await commit.CommitAsync([(entry.Month, entry.Month)], ct);
        return Redirect($"/staff/exchange-rates?done=saved");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rates = await db.ExchangeRates.AsNoTracking().OrderByDescending(r => r.Month)
            .Select(r => new ExchangeRateRow(r.Month, r.UsdToJpy, r.Source, r.RateDate, r.UpdatedAt)).ToListAsync(ct);
        Computations = await db.ChargeComputations.AsNoTracking().OrderByDescending(c => c.Month).ThenBy(c => c.PayerAccountId).Take(StatusRows)
            .Select(c => new ComputationRow(c.PayerAccountId, c.Month, c.ComputedAt, c.UsdToJpy, c.LineCount, c.Problem, c.StaleSince)).ToListAsync(ct);
    }
}
