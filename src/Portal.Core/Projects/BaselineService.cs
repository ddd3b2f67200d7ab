namespace Portal.Core.Projects;

/// <summary>
/// An AWS service the reseller turns on in every account at onboarding (the security baseline, SPEC F6). It costs
/// money from day one, before the customer uses the account; the account page explains these charges. Kept by staff,
/// the same for every organization.
/// </summary>
public sealed class BaselineService
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The service as it appears in billing data (<c>product/ProductName</c> or its code), e.g. <c>AWS Config</c>.</summary>
    public string ServiceName { get; set; } = "";

    public string DescriptionJa { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    public int Position { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string Description(string language) => language == "en" ? DescriptionEn : DescriptionJa;
}
