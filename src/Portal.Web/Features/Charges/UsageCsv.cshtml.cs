using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Charges;

/// <summary>The usage-detail CSV of an AWS account's month (SPEC F11), streamed to the response.</summary>
[OrgPermission(Permission.AccountViewer)]
public sealed class UsageCsvModel(AccountUsageCsv usage, IStringLocalizer<SharedResource> t) : PageModel
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
        if (await usage.FindAsync(OrgId, AccountId, month, ct) is not { } file)
        {
            return NotFound();
        }
        Response.ContentType = AccountUsageCsv.ContentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{file.FileName}\"";
        await usage.WriteAsync(file, Response.Body, Localization.CurrentLanguage, ct);
        return new EmptyResult();
    }
}
