using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Invoices;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Charges;

/// <summary>The usage-detail CSV of an AWS account's month (SPEC F11), streamed to the response.</summary>
[OrgPermission(Permission.AccountViewer)]
public sealed class UsageCsvModel(PortalDbContext db, UsageCsvWriter csv, InvoiceNumbers invoices, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid AccountId { get; set; }

    [BindProperty(SupportsGet = true, Name = "month")]
    public string? MonthText { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ChargeFormat.ParseMonth(MonthText) is not { } month)
        {
            return new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/plain; charset=utf-8",
                Content = t["UsageCsv.BadMonth", MonthText ?? ""],
            };
        }
        var account = await db.AwsAccounts.AsNoTracking().Where(a => a.Id == AccountId && a.OrganizationId == OrgId)
            .Select(a => new { a.AccountNumber }).SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return NotFound();
        }
        var project = await db.ForMonth(month).Where(m => m.AwsAccountId == AccountId).Select(m => (Guid?)m.ProjectId).SingleOrDefaultAsync(ct);
        var invoice = project is { } projectId ? await invoices.NumberForAsync(projectId, month, ct) : null;

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"usage-{account.AccountNumber}-{ChargeFormat.MonthKey(month)}.csv\"";
        await csv.WriteAsync(Response.Body, account.AccountNumber, month, invoice ?? InvoiceNumbers.Estimated, Localization.CurrentLanguage, ct);
        return new EmptyResult();
    }
}
