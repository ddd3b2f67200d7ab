namespace Portal.Billing.Rating;

/// <summary>AWS line item types and their default meaning for the customer (SPEC F7, F8).</summary>
public static class LineItemTypes
{
    public const string Usage = "Usage";
    public const string DiscountedUsage = "DiscountedUsage";
    public const string SavingsPlanCoveredUsage = "SavingsPlanCoveredUsage";
    public const string SavingsPlanNegation = "SavingsPlanNegation";
    public const string SavingsPlanUpfrontFee = "SavingsPlanUpfrontFee";
    public const string SavingsPlanRecurringFee = "SavingsPlanRecurringFee";
    public const string RiFee = "RIFee";
    public const string Fee = "Fee";
    public const string Credit = "Credit";
    public const string Refund = "Refund";
    public const string Tax = "Tax";
    public const string SppDiscount = "SppDiscount";

    /// <summary>The invoice category of a line item type.</summary>
    public static ChargeCategory CategoryOf(string lineItemType) => lineItemType switch
    {
        Usage or DiscountedUsage or SavingsPlanCoveredUsage => ChargeCategory.Usage,
        Fee or RiFee or SavingsPlanRecurringFee or SavingsPlanUpfrontFee => ChargeCategory.Fee,
        Credit or Refund => ChargeCategory.Credit,
        Tax => ChargeCategory.Tax,
        _ => ChargeCategory.Discount,
    };

    /// <summary>
    /// Kept by the reseller unless a rule says otherwise: the Solution Provider discount is the reseller's margin, and
    /// AWS's tax is replaced by the reseller's own consumption tax on the invoice.
    /// </summary>
    public static LineTreatment DefaultTreatment(string lineItemType) =>
        lineItemType is SppDiscount or Tax ? LineTreatment.Retain : LineTreatment.PassThrough;

    /// <summary>Usage covered by a reservation or Savings Plan: re-rating charges it at the public on-demand price.</summary>
    public static bool IsCommitmentCovered(string lineItemType) => lineItemType is DiscountedUsage or SavingsPlanCoveredUsage;

    /// <summary>The commitment's own cost lines, retained when covered usage is re-rated (or they would be charged twice).</summary>
    public static bool IsCommitmentCost(string lineItemType) =>
        lineItemType is RiFee or SavingsPlanRecurringFee or SavingsPlanUpfrontFee or SavingsPlanNegation;
}
