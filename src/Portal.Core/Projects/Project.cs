using Portal.Core.Organizations;

namespace Portal.Core.Projects;

/// <summary>A billing unit of one organization: invoices are issued per project (SPEC F5).</summary>
public sealed class Project
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Organization Organization { get; set; } = null!;

    public string Name { get; set; } = "";

    public string Plan { get; set; } = "";

    public string PaymentMethod { get; set; } = "";

    public string ServiceLevel { get; set; } = "";

    public Currency Currency { get; set; } = Currency.Jpy;

    /// <summary>Invoice recipients (SPEC F5): at least one TO, up to six CC; see <see cref="AddressList"/>.</summary>
    public List<string> InvoiceTo { get; set; } = [];

    public List<string> InvoiceCc { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public List<AwsAccount> Accounts { get; set; } = [];
}
