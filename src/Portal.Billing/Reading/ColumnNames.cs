using System.Text;

namespace Portal.Billing.Reading;

/// <summary>
/// Brings the spellings of CUR column names to one form: the Athena/Parquet snake_case that AWS itself derives
/// (<c>lineItem/UnblendedCost</c> → <c>line_item_unblended_cost</c>, <c>reservation/ReservationARN</c> →
/// <c>reservation_reservation_a_r_n</c>, <c>resourceTags/user:CmBillingGroup</c> →
/// <c>resource_tags_user_cm_billing_group</c>). FOCUS names are only lower-cased.
/// </summary>
public static class ColumnNames
{
    public static string Normalize(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return name.ToLowerInvariant();
        }
        return Snake(name[..slash]) + "_" + Snake(name[(slash + 1)..]);
    }

    /// <summary>Every uppercase letter starts a word, every other non-alphanumeric character separates words.</summary>
    public static string Snake(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                Append(result, '_');
                result.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                result.Append(c);
            }
            else
            {
                Append(result, '_');
            }
        }
        return result.ToString().Trim('_');

        static void Append(StringBuilder sb, char c)
        {
            if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append(c);
            }
        }
    }
}
