using System.Globalization;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Japan Standard Time. Japan has no daylight saving time, so a fixed +09:00 offset is exact and avoids depending on
/// the host's time-zone database. Times are stored in UTC and shown in JST (SPEC F17).
/// </summary>
public static class Jst
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateTimeOffset ToJst(this DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The calendar day in Japan at <paramref name="instant"/>.</summary>
    public static DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToJst().DateTime);

    public static string Format(DateTimeOffset? instant) =>
        instant is null ? "" : instant.Value.ToJst().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " JST";
}
