using System.Globalization;

namespace Portal.Core.Projects;

public enum Currency
{
    Jpy = 0,
    Usd = 1,
}

/// <summary>An amount with its currency. AWS amounts carry up to 10 decimal places; nothing here rounds.</summary>
public readonly record struct Money(decimal Amount, Currency Currency)
{
    public static Money Usd(decimal amount) => new(amount, Currency.Usd);

    public static Money Jpy(decimal amount) => new(amount, Currency.Jpy);

    public string Code => Currency == Currency.Jpy ? "JPY" : "USD";

    /// <summary>Display form: whole yen, or dollars with cents.</summary>
    public override string ToString() => Currency == Currency.Jpy
        ? string.Create(CultureInfo.InvariantCulture, $"¥{Amount:N0}")
        : string.Create(CultureInfo.InvariantCulture, $"${Amount:N2}");
}
