using System.Buffers.Text;
using System.Text;

namespace Portal.Web.Features.Api;

/// <summary>
/// Cursor pagination: a cursor is the opaque form of the last sort key of a page, so a page never skips or repeats rows
/// when rows are added before it (unlike offsets). Clients must not build cursors themselves.
/// </summary>
public static class ApiPaging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const string Version = "1:";

    public static string Encode(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + lastKey));

    /// <summary>Reads <paramref name="cursor"/> and <paramref name="limit"/>, adding a field error for each bad one.</summary>
    public static (string? After, int Limit) Read(string? cursor, int? limit, ApiErrors errors)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"limit must be between 1 and {MaxLimit}.");
        }
        if (string.IsNullOrEmpty(cursor))
        {
            return (null, take);
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Version, StringComparison.Ordinal))
            {
                return (text[Version.Length..], take);
            }
        }
        catch (FormatException)
        {
            // Reported below like any other cursor that this API did not issue.
        }
        errors.Add("cursor", "cursor is not a cursor returned by this API.");
        return (null, take);
    }

    /// <summary>Like <see cref="Read"/> for lists ordered by id.</summary>
    public static (Guid? AfterId, int Limit) ReadById(string? cursor, int? limit, ApiErrors errors)
    {
        var (after, take) = Read(cursor, limit, errors);
        if (after is null)
        {
            return (null, take);
        }
        if (Guid.TryParse(after, out var id))
        {
            return (id, take);
        }
        errors.Add("cursor", "cursor is not a cursor returned by this API.");
        return (null, take);
    }

    /// <summary>Cuts a list fetched with one row more than the limit into a page.</summary>
    public static ListPage<T> Page<T>(IReadOnlyList<T> rows, int limit, Func<T, string> key) =>
        rows.Count > limit
            ? new ListPage<T>(rows.Take(limit).ToList(), Encode(key(rows[limit - 1])))
            : new ListPage<T>(rows, null);
}

/// <summary>Field errors of a request, answered as a 400 validation problem.</summary>
public sealed class ApiErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
