using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Billing.Rating;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Invoices;

namespace Portal.Web.Features.Api;

/// <summary>
/// <c>/api/v1/orgs/{orgId}/invoices</c>: the issued and voided invoices and credit notes the invoice pages show (drafts
/// stay with staff), through the same query (<see cref="CustomerInvoices"/>) and the same PDF renderer.
/// </summary>
public static class InvoicesApi
{
    private static readonly Guid ExampleId = Guid.Parse("019ab3c0-0000-7000-8000-000000000004");
    private static readonly Guid ExampleProject = Guid.Parse("019ab3c0-0000-7000-8000-000000000002");

    public static void MapInvoicesApi(this RouteGroupBuilder org)
    {
        org.MapGet("/invoices", ListInvoicesAsync)
            .RequireOrgPermission(Permission.InvoiceViewer)
            .WithName("ListInvoices")
            .WithSummary("List invoices")
            .WithDescription("The organization's issued and voided invoices and credit notes, newest month first, in the order of the invoices page. Needs InvoiceViewer.")
            .WithResponseExample(new ListPage<ApiInvoiceSummary>([ExampleSummary], null));

        org.MapGet("/invoices/{invoiceId:guid}", GetInvoiceAsync)
            .RequireOrgPermission(Permission.InvoiceViewer)
            .WithName("GetInvoice")
            .WithSummary("Get an invoice with its lines")
            .WithDescription("One invoice or credit note with its lines. Drafts and other organizations' invoices answer 404. Needs InvoiceViewer.")
            .WithResponseExample(new ApiInvoice(
                ExampleId, "INV-000123", "invoice", "issued", "2026-10", ExampleProject, "基幹システム", new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 30),
                "クラウド販売株式会社", "T6011001106696", "さくら商事株式会社", "10", new MoneyAmount("1000", "JPY"), new MoneyAmount("100", "JPY"),
                new MoneyAmount("1100", "JPY"), null, null, null, null,
                [new ApiInvoiceLine(1, "123456789012", "production", "usage", null, new MoneyAmount("1000", "JPY"))]));

        org.MapGet("/invoices/{invoiceId:guid}.pdf", GetInvoicePdfAsync)
            .RequireOrgPermission(Permission.InvoiceViewer)
            .WithName("GetInvoicePdf")
            .WithSummary("Download an invoice's PDF")
            .WithDescription("The invoice as the portal's PDF (application/pdf), the same bytes as the invoice page's download. Needs InvoiceViewer.")
            .WithFileResponse("application/pdf");
    }

    private static readonly ApiInvoiceSummary ExampleSummary = new(
        ExampleId, "INV-000123", "invoice", "issued", "2026-10", ExampleProject, "基幹システム", new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 30), "10",
        new MoneyAmount("1000", "JPY"), new MoneyAmount("100", "JPY"), new MoneyAmount("1100", "JPY"));

    private static async Task<Results<Ok<ListPage<ApiInvoiceSummary>>, ValidationProblem>> ListInvoicesAsync(
        Guid orgId, PortalDbContext db,
        [Description("Cursor from the previous page's nextCursor.")] string? cursor,
        [Description("Items per page, 1–200 (default 50).")] int? limit,
        CancellationToken ct)
    {
        var errors = new ApiErrors();
        var (after, take) = ApiPaging.Read(cursor, limit, errors);
        var position = after is null ? null : InvoicePosition.Parse(after);
        if (after is not null && position is null)
        {
            errors.Add("cursor", "cursor is not a cursor returned by this API.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var query = CustomerInvoices.List(db, orgId);
        if (position is { } p)
        {
            // The page's order (month, number, id — all descending) continued after the cursor's invoice.
            query = query.Where(i => i.Month < p.Month
                || (i.Month == p.Month && ((i.Sequence ?? 0) < p.Sequence || ((i.Sequence ?? 0) == p.Sequence && i.Id.CompareTo(p.Id) < 0))));
        }
        var rows = await query.Take(take + 1).ToListAsync(ct);
        var items = rows.Select(i => (Key: new InvoicePosition(i.Month, i.Sequence ?? 0, i.Id).ToString(), Item: Summary(i))).ToList();
        var page = ApiPaging.Page(items, take, r => r.Key);
        return TypedResults.Ok(new ListPage<ApiInvoiceSummary>(page.Items.Select(r => r.Item).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<ApiInvoice>, NotFound>> GetInvoiceAsync(Guid orgId, Guid invoiceId, PortalDbContext db, CancellationToken ct)
    {
        if (await CustomerInvoices.FindAsync(db, orgId, invoiceId, ct) is not { } i)
        {
            return TypedResults.NotFound();
        }
        var s = Summary(i);
        return TypedResults.Ok(new ApiInvoice(
            i.Id, s.Number, s.Kind, s.Status, s.Month, i.ProjectId, i.ProjectName, i.IssueDate, i.DueDate, i.IssuerName, i.RegistrationNumber, i.CustomerName,
            s.TaxRatePercent, s.Subtotal, s.Tax, s.Total,
            i.TaxYen is { } yen ? MoneyAmount.Of(yen, Currency.Jpy) : null,
            i.UsdToJpy?.ToString("0.##########", CultureInfo.InvariantCulture), i.CreditsInvoiceId, i.ReplacesInvoiceId,
            i.Lines.OrderBy(l => l.Position).Select(l => new ApiInvoiceLine(
                l.Position, l.AccountNumber, l.AccountName, ApiNames.Of((ChargeCategory)l.Category), InvoiceText.Name(l, i.Language), MoneyAmount.Of(l.Amount, i.Currency))).ToList()));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> GetInvoicePdfAsync(Guid orgId, Guid invoiceId, PortalDbContext db, InvoicePdf pdf, CancellationToken ct) =>
        await CustomerInvoices.FindAsync(db, orgId, invoiceId, ct) is { } invoice
            ? TypedResults.File(pdf.Render(invoice), "application/pdf", $"{invoice.Number}.pdf")
            : TypedResults.NotFound();

    private static ApiInvoiceSummary Summary(Invoice i) => new(
        i.Id, i.Number ?? "", ApiNames.Of(i.Kind), i.Status == InvoiceStatus.Void ? "void" : "issued", InvoiceText.MonthKey(i.Month), i.ProjectId, i.ProjectName,
        i.IssueDate, i.DueDate, i.TaxRatePercent.ToString("0.##", CultureInfo.InvariantCulture),
        MoneyAmount.Of(i.Subtotal, i.Currency), MoneyAmount.Of(i.Tax, i.Currency), MoneyAmount.Of(i.Total, i.Currency));

    /// <summary>An invoice's place in the list order: the cursor of the invoices list.</summary>
    private readonly record struct InvoicePosition(DateOnly Month, long Sequence, Guid Id)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Month:yyyy-MM-dd}|{Sequence}|{Id}");

        public static InvoicePosition? Parse(string text)
        {
            var parts = text.Split('|');
            return parts.Length == 3
                && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && Guid.TryParse(parts[2], out var id)
                    ? new InvoicePosition(month, sequence, id)
                    : null;
        }
    }
}
