using System.Globalization;

namespace Portal.Web.Features.Staff.Charges;

/// <summary>Parsing of the numbers, months and dates staff type into the charge forms; every format is invariant.</summary>
public static class FormValues
{
    private const NumberStyles Decimal = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    public static decimal? ParseDecimal(string? text) =>
        decimal.TryParse(text, Decimal, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>True when <paramref name="value"/> has no more than <paramref name="places"/> decimal places (trailing zeros do not count).</summary>
    public static bool HasAtMostPlaces(decimal value, int places) => value == Math.Round(value, places);

    /// <summary>A month typed as <c>YYYY-MM</c> (spaces around it allowed), as its first day: the charge screens' rule.</summary>
    public static DateOnly? ParseMonth(string? text) => Features.Charges.ChargeFormat.ParseMonth(text?.Trim());

    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>Per-field error messages of a form, shown next to their fields.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public IReadOnlyList<string> For(string field) => _errors.TryGetValue(field, out var list) ? list : [];

    public IEnumerable<string> All => _errors.Values.SelectMany(v => v);

    /// <summary>The Bootstrap class that marks a field as invalid.</summary>
    public string Css(string field) => _errors.ContainsKey(field) ? " is-invalid" : "";
}
