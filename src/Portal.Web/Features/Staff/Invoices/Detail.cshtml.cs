using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Web.Auth;
using Portal.Web.Features.Invoices;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Invoices;

/// <summary>
/// Staff review a draft and issue it, or act on an issued invoice: void it, re-issue a voided one, or book a late
/// credit to next month's invoice or to a credit note (SPEC F10).
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class DetailModel(PortalDbContext db, IssueInvoice issue, ChangeIssuedInvoice change, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid InvoiceId { get; set; }

    [BindProperty]
    public string? VoidReason { get; set; }

    [BindProperty]
    public string? CreditAmount { get; set; }

    [BindProperty]
    public string? CreditDescription { get; set; }

    [BindProperty]
    public LateCreditTreatment Treatment { get; set; }

    public Invoice Invoice { get; private set; } = null!;

    public string? CreditsNumber { get; private set; }

    public Guid? ReplacementId { get; private set; }

    public Dictionary<string, List<string>> Errors { get; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var result = await issue.HandleAsync(InvoiceId, User.UserId(), ct);
        Message = result.Outcome switch
        {
            IssueOutcome.Issued => t["Invoices.Issued", result.Number!].Value,
            IssueOutcome.AlreadyIssued => t["Invoices.AlreadyIssued", result.Number ?? ""].Value,
            IssueOutcome.ChangedSinceReview => t["Invoices.ChangedSinceReview"].Value,
            IssueOutcome.NoIssuer => t["Invoices.Error.NoIssuer"].Value,
            IssueOutcome.NotFound => null,
            _ => t["Invoices.Error.WrongState"].Value,
        };
        return result.Outcome == IssueOutcome.NotFound ? NotFound() : Redirect($"/staff/invoices/{InvoiceId}");
    }

    public async Task<IActionResult> OnPostVoidAsync(CancellationToken ct)
    {
        var result = await change.VoidAsync(InvoiceId, VoidReason, User.UserId(), ct);
        return await AfterChangeAsync(result, "VoidReason", t["Invoices.Voided"], ct);
    }

    public async Task<IActionResult> OnPostReissueAsync(CancellationToken ct)
    {
        var result = await change.ReissueAsync(InvoiceId, User.UserId(), ct);
        if (result.Outcome == ChangeOutcome.Done)
        {
            Message = t["Invoices.ReissueDrafted"];
            return Redirect($"/staff/invoices/{result.InvoiceId}");
        }
        return await AfterChangeAsync(result, "Reissue", "", ct);
    }

    public async Task<IActionResult> OnPostLateCreditAsync(CancellationToken ct)
    {
        if (!decimal.TryParse(CreditAmount?.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return await AfterChangeAsync(new ChangeResult(ChangeOutcome.InvalidAmount), "CreditAmount", "", ct);
        }
        var result = await change.LateCreditAsync(InvoiceId, amount, CreditDescription, Treatment, User.UserId(), ct);
        if (result.Outcome == ChangeOutcome.Done && Treatment == LateCreditTreatment.CreditNote)
        {
            Message = t["Invoices.CreditNoteDrafted"];
            return Redirect($"/staff/invoices/{result.InvoiceId}");
        }
        return await AfterChangeAsync(result, result.Outcome == ChangeOutcome.ReasonRequired ? "CreditDescription" : "CreditAmount", t["Invoices.CarriedForward"], ct);
    }

    public IReadOnlyList<string> ErrorsFor(string field) => Errors.GetValueOrDefault(field) ?? [];

    private async Task<IActionResult> AfterChangeAsync(ChangeResult result, string field, string done, CancellationToken ct)
    {
        if (result.Outcome == ChangeOutcome.NotFound)
        {
            return NotFound();
        }
        if (result.Outcome == ChangeOutcome.Done)
        {
            Message = done;
            return Redirect($"/staff/invoices/{InvoiceId}");
        }
        Errors[field] = [result.Outcome switch
        {
            ChangeOutcome.ReasonRequired => t["Invoices.Error.Reason"],
            ChangeOutcome.InvalidAmount => t["Invoices.Error.Amount"],
            ChangeOutcome.AlreadyReplaced => t["Invoices.Error.AlreadyReplaced"],
            _ => t["Invoices.Error.WrongState"],
        }];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == InvoiceId, ct);
        if (invoice is null)
        {
            return false;
        }
        Invoice = invoice;
        if (invoice.CreditsInvoiceId is { } credited)
        {
            CreditsNumber = await db.Invoices.AsNoTracking().Where(i => i.Id == credited).Select(i => i.Number).SingleOrDefaultAsync(ct);
        }
        ReplacementId = await db.Invoices.AsNoTracking().Where(i => i.ReplacesInvoiceId == InvoiceId).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        return true;
    }
}
