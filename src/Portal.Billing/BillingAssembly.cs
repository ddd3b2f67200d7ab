namespace Portal.Billing;

/// <summary>Marker for the billing engine's assembly: sources, readers (DuckDB), rating and invoicing.</summary>
public static class BillingAssembly;
