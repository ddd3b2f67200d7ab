using System.Globalization;
using System.Text;
using Portal.Core.Invoices;
using Portal.Web.Features.Projects;

namespace Portal.Web.Features.Invoices;

/// <summary>
/// An invoice's lines as CSV (UTF-8 with a byte-order mark, like the portal's other exports). The amounts of the
/// lines add up to the subtotal, and with the tax row to the total, exactly as on the invoice.
/// </summary>
public static class InvoiceCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["invoice_number", "month", "line", "aws_account_id", "account_name", "category", "description", "tax_rate", "amount", "currency"];

    public static byte[] Write(Invoice invoice, Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var csv = new StringBuilder();
        Csv.AppendRow(csv, Columns);
        var month = InvoiceText.MonthKey(invoice.Month);
        var currency = invoice.Currency.ToString().ToUpperInvariant();
        var rate = invoice.TaxRatePercent.ToString("0.##", CultureInfo.InvariantCulture);
        foreach (var line in invoice.Lines.OrderBy(l => l.Position))
        {
            var category = ((Billing.Rating.ChargeCategory)line.Category).ToString().ToLowerInvariant();
            Row(csv, [invoice.Number ?? "", month, line.Position.ToString(CultureInfo.InvariantCulture), line.AccountNumber, line.AccountName, category,
                InvoiceText.Name(line, invoice.Language) ?? label(InvoiceText.CategoryKey(line.Category)), rate], line.Amount, currency);
        }
        Row(csv, [invoice.Number ?? "", month, "", "", "", "consumption_tax", label("Invoices.Tax"), rate], invoice.Tax, currency);
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
    }

    /// <summary>
    /// Text fields go through <see cref="Csv.Escape"/>; the amount is written as a plain number, because the formula
    /// guard would turn a negative credit into text (<c>'-345</c>) and spreadsheets could no longer add it up.
    /// </summary>
    private static void Row(StringBuilder csv, IEnumerable<string> text, decimal amount, string currency)
    {
        csv.AppendJoin(',', text.Select(Csv.Escape));
        csv.Append(',').Append(amount.ToString("0.##", CultureInfo.InvariantCulture)).Append(',').Append(currency).Append("\r\n");
    }
}
