using System.Globalization;
using System.Text;
using Portal.Billing.Rating;
using Portal.Web.Features.Projects;

namespace Portal.Web.Features.Charges;

/// <summary>
/// Writes an AWS account's month as the usage-detail CSV (SPEC F11): the real portal's 18 columns, UTF-8 with a
/// byte-order mark (spreadsheets in Japan read a CSV without one as Shift_JIS), amounts after rating in the project's
/// currency. Lines are streamed from <see cref="UsageDetailLines"/> to the output as they are read, so a busy
/// account's month is never held in memory. Used by the account page's download and meant for the REST API too.
/// </summary>
/// <remarks>
/// Daily facts keep no line ids, RI ARNs or resource ids (docs/adr/0101), so <c>id</c> numbers the rows,
/// <c>subscription_id</c> and <c>resource_id</c> stay empty and <c>item_description</c> names the line item type;
/// the line extract of docs/adr/0102 is where those columns will come from.
/// </remarks>
public sealed class UsageCsvWriter(UsageDetailLines lines)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "month", "invoice_id", "aws_account_id", "product_name", "rate_id", "subscription_id", "pricing_plan_id", "usage_type",
        "operation", "availability_zone", "reserved_instance", "item_description", "usage_quantity", "rate", "cost", "resource_id", "tag_value",
    ];

    private static readonly byte[] ByteOrderMark = Encoding.UTF8.GetPreamble();

    /// <summary>
    /// Writes the CSV of <paramref name="accountNumber"/>'s <paramref name="month"/> to <paramref name="output"/>;
    /// <paramref name="invoiceId"/> is the invoice number or <see cref="Invoices.InvoiceNumbers.Estimated"/>, and
    /// <paramref name="language"/> names custom fees in the reader's language.
    /// </summary>
    public async Task WriteAsync(Stream output, string accountNumber, DateOnly month, string invoiceId, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteAsync(ByteOrderMark, ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Columns));
        var monthKey = ChargeFormat.MonthKey(month);
        var id = 0L;
        await foreach (var line in lines.ReadAsync(accountNumber, month, ct))
        {
            id++;
            var product = line.LineItemType.Length == 0
                ? (language == "en" ? line.NameEn : line.NameJa) ?? line.ProductCode
                : line.ProductName.Length > 0 ? line.ProductName : line.ProductCode;
            var cost = Math.Round(line.Amount, 10, MidpointRounding.ToEven);
            var rate = line.UsageQuantity > 0 ? Number(Math.Round(cost / (decimal)line.UsageQuantity, 10, MidpointRounding.ToEven)) : "";
            // Numbers are written as they are: CSV-injection escaping would turn a credit's leading minus into text.
            await writer.WriteLineAsync(string.Join(',',
                id.ToString(CultureInfo.InvariantCulture), monthKey, Csv.Escape(invoiceId), accountNumber, Csv.Escape(product), "", "", "",
                Csv.Escape(line.UsageType), Csv.Escape(line.Operation), Csv.Escape(line.AvailabilityZone), ReservedInstance(line.LineItemType),
                Csv.Escape(line.LineItemType), line.UsageQuantity.ToString("R", CultureInfo.InvariantCulture), rate, Number(cost), "",
                Csv.Escape(line.TagValue)));
        }
        await writer.FlushAsync(ct);
    }

    private static string ReservedInstance(string lineItemType) =>
        lineItemType is LineItemTypes.DiscountedUsage or LineItemTypes.RiFee ? "Y" : "N";

    private static string Number(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
