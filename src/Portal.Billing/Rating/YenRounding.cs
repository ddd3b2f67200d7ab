namespace Portal.Billing.Rating;

/// <summary>
/// The one place where yen are rounded. Charges keep full precision; an invoice line converts its USD sum to yen and
/// rounds once, half away from zero (四捨五入), so that the sum of lines never drifts by per-row rounding. Consumption
/// tax is computed once per invoice on the rounded subtotal and rounded down (SPEC F10), in the invoicing code.
/// </summary>
public static class YenRounding
{
    public static decimal ToWholeYen(decimal yen) => Math.Round(yen, 0, MidpointRounding.AwayFromZero);
}
