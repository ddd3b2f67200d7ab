namespace Portal.Billing.Invoicing;

/// <summary>
/// The qualified-invoice issuer registration number (適格請求書発行事業者登録番号) of a corporation: <c>T</c> + its
/// 13-digit corporate number, whose first digit is a check digit over the other twelve:
/// <c>9 − (Σ Pₙ·Qₙ mod 9)</c>, Pₙ the n-th digit from the right, Qₙ = 1 for odd n and 2 for even n.
/// </summary>
public static class RegistrationNumber
{
    public static bool IsValid(string? value)
    {
        if (value is not { Length: 14 } || value[0] != 'T' || value.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }
        var sum = 0;
        for (var n = 1; n <= 12; n++)
        {
            var digit = value[14 - n] - '0';
            sum += digit * (n % 2 == 1 ? 1 : 2);
        }
        return value[1] - '0' == 9 - (sum % 9);
    }

    /// <summary>Upper-cases the leading letter and drops spaces and hyphens people type (<c>t 6011-0011-06696</c>).</summary>
    public static string Normalize(string? value) =>
        new string((value ?? "").Where(c => c is not (' ' or '-' or '\u3000')).ToArray()).ToUpperInvariant();
}
