using Portal.Billing.Rating;
using Portal.Core.Projects;

namespace Portal.Billing.Invoicing;

/// <summary>The charges of one invoice line before rounding: an account's sum in one category, or a named fee.</summary>
public sealed record InvoiceLineInput(string AccountNumber, string AccountName, ChargeCategory Category, decimal Amount, string? NameJa = null, string? NameEn = null);

public sealed record InvoiceLineAmount(string AccountNumber, string AccountName, ChargeCategory Category, decimal Amount, string? NameJa, string? NameEn);

/// <summary>An invoice's figures in its currency; <see cref="TaxYen"/> only for USD invoices.</summary>
public sealed record InvoiceAmounts(IReadOnlyList<InvoiceLineAmount> Lines, decimal TaxRatePercent, decimal Subtotal, decimal Tax, decimal Total, decimal? TaxYen);

/// <summary>
/// The arithmetic of a qualified invoice (SPEC F10, "Japanese invoice facts"). Each line is rounded once (yen: half away
/// from zero via <see cref="YenRounding"/>; dollars: to cents); consumption tax is computed once on the subtotal of the
/// rate and rounded down (toward zero, so a credit note's tax mirrors an invoice's), never per line. A USD invoice
/// also states its tax in yen: the subtotal converted at the month's rate, taxed once and rounded down.
/// </summary>
public static class InvoiceCalculation
{
    public const decimal ConsumptionTaxPercent = 10m;

    public static InvoiceAmounts Calculate(IEnumerable<InvoiceLineInput> inputs, Currency currency, decimal? usdToJpy)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var lines = inputs
            .Where(i => i.Category != ChargeCategory.Tax)
            .Select(i => new InvoiceLineAmount(i.AccountNumber, i.AccountName, i.Category, Round(i.Amount, currency), i.NameJa, i.NameEn))
            .Where(l => l.Amount != 0)
            .OrderBy(l => l.AccountNumber.Length == 0 ? 1 : 0).ThenBy(l => l.AccountNumber, StringComparer.Ordinal).ThenBy(l => l.Category)
            .ThenBy(l => l.NameEn, StringComparer.Ordinal)
            .ToList();
        var subtotal = lines.Sum(l => l.Amount);
        var tax = TaxOn(subtotal, currency);
        decimal? taxYen = null;
        if (currency == Currency.Usd)
        {
            if (usdToJpy is not { } rate)
            {
                throw new RatingException("A USD invoice states its tax in yen too: the month needs a USD→JPY exchange rate.");
            }
            taxYen = TaxOn(subtotal * rate, Currency.Jpy);
        }
        return new InvoiceAmounts(lines, ConsumptionTaxPercent, subtotal, tax, subtotal + tax, taxYen);
    }

    /// <summary>10% of <paramref name="subtotal"/>, rounded toward zero to whole yen or to cents.</summary>
    public static decimal TaxOn(decimal subtotal, Currency currency)
    {
        var tax = subtotal * ConsumptionTaxPercent / 100m;
        return currency == Currency.Jpy ? decimal.Truncate(tax) : decimal.Truncate(tax * 100m) / 100m;
    }

    public static decimal Round(decimal amount, Currency currency) =>
        currency == Currency.Jpy ? YenRounding.ToWholeYen(amount) : Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
