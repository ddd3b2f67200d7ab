using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Charges;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Api;

/// <summary>
/// <c>/api/v1/orgs/{orgId}/charges</c>: a month's rated charges of the organization, one project or one account, broken
/// down like the charge screens (by account, service, billing-group tag or day). Sums run in SQL on fixed-point
/// amounts, so the figures are exact and equal the screens'. Charges are account data: AccountViewer is required at
/// every scope.
/// </summary>
public static class ChargesApi
{
    public static readonly IReadOnlyList<string> Breakdowns = ["account", "service", "tag", "day"];

    public static void MapChargesApi(this RouteGroupBuilder org)
    {
        org.MapGet("/charges", GetChargesAsync)
            .RequireOrgPermission(Permission.AccountViewer)
            .WithName("GetCharges")
            .WithSummary("Get a month's charges")
            .WithDescription(
                "Charges of the month (tax excluded, estimated until invoiced) for the organization, or one project (projectId) or one " +
                "account (accountId), broken down by account, service, tag or day. Amounts are exact decimal strings with their currency. " +
                "Needs AccountViewer (with ProjectViewer).")
            .WithResponseExample(new ApiCharges(
                "2026-10", "account", Guid.Parse("019ab3c0-0000-7000-8000-000000000003"), "service",
                [new MoneyAmount("1000", "JPY")],
                [new ApiChargeItem("AmazonEC2", new MoneyAmount("800", "JPY")), new ApiChargeItem("AmazonS3", new MoneyAmount("200", "JPY"))],
                null));

        org.MapGet("/accounts/{accountId:guid}/usage.csv", GetUsageCsvAsync)
            .RequireOrgPermission(Permission.AccountViewer)
            .WithName("GetUsageCsv")
            .WithSummary("Download an account's usage CSV")
            .WithDescription(
                "The usage-detail CSV of one AWS account's month, byte for byte the file the account page downloads: UTF-8 with a " +
                "byte-order mark, CRLF line ends, 18 columns (id, month, invoice_id — the invoice number or Estimated —, aws_account_id, " +
                "product_name, …, usage_quantity, rate, cost, resource_id, tag_value), amounts after rating in the project's currency. " +
                "Streamed. Needs AccountViewer (with ProjectViewer).")
            .ProducesValidationProblem()
            .WithFileResponse(
                AccountUsageCsv.ContentType,
                string.Join(',', UsageCsvWriter.Columns) + "\r\n1,2026-10,Estimated,123456789012,Amazon Elastic Compute Cloud,,,,APN1-BoxUsage:t3.micro,RunInstances,ap-northeast-1a,N,Usage,24,2.04,48.96,,production\r\n");
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, NotFound>> GetUsageCsvAsync(
        Guid orgId, Guid accountId, AccountUsageCsv usage,
        [Description("The month, YYYY-MM (required).")] string? month,
        CancellationToken ct)
    {
        if (ChargeFormat.ParseMonth(month) is not { } first)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["month is required as YYYY-MM."] });
        }
        if (await usage.FindAsync(orgId, accountId, first, ct) is not { } file)
        {
            return TypedResults.NotFound();
        }
        var language = Localization.CurrentLanguage;
        return TypedResults.Stream(stream => usage.WriteAsync(file, stream, language, ct), AccountUsageCsv.ContentType, file.FileName);
    }

    private static async Task<Results<Ok<ApiCharges>, ValidationProblem, NotFound>> GetChargesAsync(
        Guid orgId, PortalDbContext db, ChargeReadCache charges,
        [Description("The month, YYYY-MM (required).")] string? month,
        [Description("The breakdown: account, service (default), tag or day.")] string? by,
        [Description("Only this project's charges.")] Guid? projectId,
        [Description("Only this AWS account's charges.")] Guid? accountId,
        [Description("Cursor from the previous page's nextCursor.")] string? cursor,
        [Description("Items per page, 1–200 (default 50).")] int? limit,
        CancellationToken ct)
    {
        var errors = new ApiErrors();
        DateOnly first = default;
        if (string.IsNullOrWhiteSpace(month))
        {
            errors.Add("month", "month is required (YYYY-MM).");
        }
        else if (ChargeFormat.ParseMonth(month) is { } parsed)
        {
            first = parsed;
        }
        else
        {
            errors.Add("month", "month must be a month as YYYY-MM.");
        }
        var breakdown = by ?? "service";
        if (!Breakdowns.Contains(breakdown))
        {
            errors.Add("by", "by must be one of account, service, tag, day.");
        }
        if (projectId is not null && accountId is not null)
        {
            errors.Add("accountId", "Give projectId or accountId, not both.");
        }
        var (after, take) = ApiPaging.Read(cursor, limit, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var lines = db.ChargeLines.AsNoTracking().Where(c => c.OrganizationId == orgId && c.Month == first);
        var monthSums = db.ChargeMonthSums.AsNoTracking().Where(c => c.OrganizationId == orgId && c.Month == first);
        var (scope, scopeId) = ("organization", orgId);
        if (accountId is not null)
        {
            var number = await db.AwsAccounts.Where(a => a.Id == accountId && a.OrganizationId == orgId).Select(a => a.AccountNumber).SingleOrDefaultAsync(ct);
            if (number is null)
            {
                return TypedResults.NotFound();
            }
            lines = lines.Where(c => c.AccountNumber == number);
            (scope, scopeId) = ("account", accountId.Value);
        }
        else if (projectId is not null)
        {
            if (!await db.Projects.AnyAsync(p => p.Id == projectId && p.OrganizationId == orgId, ct))
            {
                return TypedResults.NotFound();
            }
            monthSums = monthSums.Where(c => c.ProjectId == projectId);
            // The lines have no project index: naming the project's accounts of the month (from its monthly sums, which
            // hold every account number of its lines) lets the database use the (account, organization, month) index
            // instead of reading the organization's whole month (SQLite: 0.6 s instead of 15 s, cold, for 1,000 accounts).
            var accounts = monthSums.Select(c => c.AccountNumber);
            lines = lines.Where(c => c.ProjectId == projectId && accounts.Contains(c.AccountNumber));
            (scope, scopeId) = ("project", projectId.Value);
        }

        // A project's or the organization's month by account or tag comes from the monthly sums (one row per account, tag
        // and currency, kept with the lines by RecomputeCharges) instead of summing every line of the month: the lines
        // have no project index, so a project's month read them all. An account's own lines are few and indexed.
        var fromMonthSums = accountId is null && breakdown is ("account" or "tag");
        var rows = await charges.GetAsync(new SumsKey(orgId, first, scope, scopeId, breakdown), ct => fromMonthSums
            ? SumAsync(monthSums, breakdown, ct)
            : SumAsync(lines, breakdown, ct), ct);
        var totals = rows.GroupBy(r => r.Currency).OrderBy(g => g.Key)
            .Select(g => MoneyAmount.Of(FixedPoint.ToDecimal(g.Sum(r => r.Amount)), g.Key)).ToList();
        // Ordered by key, then currency; the cursor is that pair.
        var items = rows.Select(r => (Sort: r.Key + "\u0000" + OrganizationsApi.CurrencyCode(r.Currency), Item: new ApiChargeItem(r.Key, MoneyAmount.Of(FixedPoint.ToDecimal(r.Amount), r.Currency))))
            .OrderBy(r => r.Sort, StringComparer.Ordinal)
            .Where(r => after is null || string.CompareOrdinal(r.Sort, after) > 0)
            .Take(take + 1)
            .ToList();
        var page = ApiPaging.Page(items, take, r => r.Sort);
        return TypedResults.Ok(new ApiCharges(
            first.ToString("yyyy-MM", CultureInfo.InvariantCulture), scope, scopeId, breakdown, totals, page.Items.Select(r => r.Item).ToList(), page.NextCursor));
    }

    private sealed record Sum(string Key, Currency Currency, long Amount);

    private sealed record SumsKey(Guid OrgId, DateOnly Month, string Scope, Guid ScopeId, string Breakdown);

    private static async Task<IReadOnlyList<Sum>> SumAsync(IQueryable<ChargeMonthSum> sums, string by, CancellationToken ct) => by == "account"
        ? await sums.GroupBy(c => new { c.AccountNumber, c.Currency }).Select(g => new Sum(g.Key.AccountNumber, g.Key.Currency, g.Sum(c => c.Amount))).ToListAsync(ct)
        : await sums.GroupBy(c => new { c.TagValue, c.Currency }).Select(g => new Sum(g.Key.TagValue, g.Key.Currency, g.Sum(c => c.Amount))).ToListAsync(ct);

    private static async Task<IReadOnlyList<Sum>> SumAsync(IQueryable<ChargeLine> lines, string by, CancellationToken ct) => by switch
    {
        "account" => await lines.GroupBy(c => new { c.AccountNumber, c.Currency }).Select(g => new Sum(g.Key.AccountNumber, g.Key.Currency, g.Sum(c => c.Amount))).ToListAsync(ct),
        "tag" => await lines.GroupBy(c => new { c.TagValue, c.Currency }).Select(g => new Sum(g.Key.TagValue, g.Key.Currency, g.Sum(c => c.Amount))).ToListAsync(ct),
        "day" => (await lines.GroupBy(c => new { c.Day, c.Currency }).Select(g => new { g.Key.Day, g.Key.Currency, Amount = g.Sum(c => c.Amount) }).ToListAsync(ct))
            .Select(d => new Sum(d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Currency, d.Amount)).ToList(),
        _ => await lines.GroupBy(c => new { c.ProductCode, c.Currency }).Select(g => new Sum(g.Key.ProductCode, g.Key.Currency, g.Sum(c => c.Amount))).ToListAsync(ct),
    };
}
