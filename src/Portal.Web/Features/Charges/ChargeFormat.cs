using System.Globalization;
using Portal.Billing.Rating;
using Portal.Core.Projects;

namespace Portal.Web.Features.Charges;

/// <summary>How the charge screens write money and months, the same on every page.</summary>
public static class ChargeFormat
{
    /// <summary>Yen as whole yen (rounded by <see cref="YenRounding"/>, the only yen rounding), dollars with cents.</summary>
    public static string Money(decimal amount, Currency currency) => currency == Currency.Jpy
        ? "¥" + YenRounding.ToWholeYen(amount).ToString("N0", CultureInfo.InvariantCulture)
        : "$" + amount.ToString("N2", CultureInfo.InvariantCulture);

    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first day of a <c>YYYY-MM</c> month; null for anything else.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month : null;

    /// <summary>The first day of the current month in Japan, where the customers' months begin.</summary>
    public static DateOnly ThisMonth(DateTimeOffset now)
    {
        var today = Infrastructure.Jst.Today(now);
        return new DateOnly(today.Year, today.Month, 1);
    }
}
