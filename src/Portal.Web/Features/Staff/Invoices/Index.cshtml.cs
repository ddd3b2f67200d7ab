using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Features.Invoices;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Invoices;

public sealed record StaffInvoiceRow(Guid Id, string? Number, string Organization, string ProjectName, decimal Total, Currency Currency, InvoiceStatus Status, InvoiceKind Kind);

/// <summary>Staff close a month (SPEC F10, F15) and see its draft, issued and void invoices.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class IndexModel(PortalDbContext db, CloseMonth close, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? MonthText { get; set; }

    [BindProperty]
    public bool Force { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public DateOnly Month { get; private set; }

    public MonthClose? Closed { get; private set; }

    public IReadOnlyList<StaffInvoiceRow> Rows { get; private set; } = [];

    public Dictionary<string, List<string>> Errors { get; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Month = Charges.FormValues.ParseMonth(MonthText) ?? DefaultMonth();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        if (Charges.FormValues.ParseMonth(MonthText) is not { } month)
        {
            Month = DefaultMonth();
            return await InvalidAsync("month", t["Invoices.Error.Month"], ct);
        }
        Month = month;
        var result = await close.HandleAsync(month, Force, Reason, User.UserId(), ct);
        switch (result.Outcome)
        {
            case CloseMonthOutcome.Closed:
                Message = t["Invoices.Closed", InvoiceText.MonthKey(month), result.Drafts];
                return Redirect($"/staff/invoices?month={InvoiceText.MonthKey(month)}");
            case CloseMonthOutcome.NotFinal:
                return await InvalidAsync("Force", t["Invoices.Error.NotFinal", string.Join(", ", result.NotFinalPayers)], ct);
            case CloseMonthOutcome.ReasonRequired:
                return await InvalidAsync("Reason", t["Invoices.Error.Reason"], ct);
            case CloseMonthOutcome.NoIssuer:
                return await InvalidAsync("month", t["Invoices.Error.NoIssuer"], ct);
            case CloseMonthOutcome.NoRate:
                return await InvalidAsync("month", t["Invoices.Error.NoRate"], ct);
            default:
                return await InvalidAsync("month", t["Invoices.Error.NotEnded"], ct);
        }
    }

    public IReadOnlyList<string> ErrorsFor(string field) => Errors.GetValueOrDefault(field) ?? [];

    private async Task<IActionResult> InvalidAsync(string field, string message, CancellationToken ct)
    {
        Errors[field] = [message];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Closed = await db.MonthCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Month == Month, ct);
        var rows = await db.Invoices.AsNoTracking().Where(i => i.Month == Month)
            .Join(db.Organizations, i => i.OrganizationId, o => o.Id, (i, o) => new { i, Organization = o.Alias ?? o.Name })
            .Select(x => new StaffInvoiceRow(x.i.Id, x.i.Number, x.Organization, x.i.ProjectName, x.i.Total, x.i.Currency, x.i.Status, x.i.Kind))
            .ToListAsync(ct);
        Rows = rows.OrderBy(r => r.Organization, StringComparer.Ordinal).ThenBy(r => r.ProjectName, StringComparer.Ordinal).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
    }

    private DateOnly DefaultMonth()
    {
        var today = Jst.Today(clock.GetUtcNow());
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }
}
