using System.Globalization;
using Portal.Billing.Rating;
using Portal.Core.Invoices;
using Portal.Core.Projects;

namespace Portal.Web.Features.Invoices;

/// <summary>How invoice figures and lines read: one place for the screen, the PDF, the CSV and the mail.</summary>
public static class InvoiceText
{
    public static string Money(decimal amount, Currency currency) => currency == Currency.Jpy
        ? (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("N0", CultureInfo.InvariantCulture)
        : (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("N2", CultureInfo.InvariantCulture);

    public static string Yen(decimal amount) => Money(amount, Currency.Jpy);

    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Rate(decimal? usdToJpy) => usdToJpy?.ToString("0.00####", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The resource key of a line's category.</summary>
    public static string CategoryKey(int category) => "Invoices.Category." + (ChargeCategory)category;

    /// <summary>A named fee or adjustment in <paramref name="language"/>, or null for an AWS line.</summary>
    public static string? Name(InvoiceLine line, string language) =>
        language == "en" ? line.NameEn ?? line.NameJa : line.NameJa ?? line.NameEn;

    /// <summary>The first and last day of the billed month.</summary>
    public static string Period(DateOnly month) =>
        $"{Date(month)} – {Date(month.AddMonths(1).AddDays(-1))}";
}
