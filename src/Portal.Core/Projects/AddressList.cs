using System.Globalization;
using System.Net.Mail;

namespace Portal.Core.Projects;

public enum AddressListError
{
    None,
    TooFew,
    TooMany,
    Invalid,
    Duplicate,
}

/// <summary>
/// Parses and checks the mail address lists of projects (invoice recipients) and AWS accounts (notification
/// addresses): one address per line or separated by commas, each a plain valid address, no address twice across the
/// lists checked together.
/// </summary>
public static class AddressList
{
    public const int MaxCc = 6;

    public const int MaxPerList = 6;

    public static List<string> Parse(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static string Format(IEnumerable<string> addresses) => string.Join("\n", addresses);

    public static bool IsValid(string? address) =>
        !string.IsNullOrWhiteSpace(address) && address.Length <= 256 && IsPlain(address) && MailAddress.TryCreate(address, out var parsed)
        && parsed.Address == address && parsed.DisplayName.Length == 0 && address.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// No white space, control, format (zero-width, bidi override, BOM) or lone surrogate characters: MailAddress accepts
    /// some of them, and they make an address that looks like another one or that no mail server takes.
    /// </summary>
    public static bool IsPlain(string address)
    {
        for (var i = 0; i < address.Length; i++)
        {
            if (char.IsWhiteSpace(address[i]) || char.GetUnicodeCategory(address, i) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Checks one list's size and addresses; returns the first problem and the address concerned.</summary>
    public static (AddressListError Error, string? Address) Check(IReadOnlyList<string> addresses, int min, int max)
    {
        if (addresses.Count < min)
        {
            return (AddressListError.TooFew, null);
        }
        if (addresses.Count > max)
        {
            return (AddressListError.TooMany, null);
        }
        var invalid = addresses.FirstOrDefault(a => !IsValid(a));
        return invalid is null ? (AddressListError.None, null) : (AddressListError.Invalid, invalid);
    }

    /// <summary>The first address that appears twice (ignoring case) across <paramref name="lists"/>, or null.</summary>
    public static string? FirstDuplicate(params IEnumerable<string>[] lists)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return lists.SelectMany(l => l).FirstOrDefault(a => !seen.Add(a));
    }
}
