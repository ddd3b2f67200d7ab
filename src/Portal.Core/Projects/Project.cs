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

    /// <summary>Days from an invoice's issue date to its due date (SPEC F10).</summary>
    public int PaymentTermsDays { get; set; } = 30;

    /// <summary><c>ja</c> or <c>en</c>: the layout of the project's invoices and the language of their mail.</summary>
    public string InvoiceLanguage { get; set; } = "ja";

    public DateTimeOffset CreatedAt { get; set; }

    public List<AwsAccount> Accounts { get; set; } = [];
}
