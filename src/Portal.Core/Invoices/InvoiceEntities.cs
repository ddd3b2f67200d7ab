using Portal.Core.Projects;

namespace Portal.Core.Invoices;

public enum InvoiceStatus
{
    Draft = 0,
    Issued = 1,
    Void = 2,
}

public enum InvoiceKind
{
    Invoice = 0,

    /// <summary>Reduces an issued invoice (<see cref="Invoice.CreditsInvoiceId"/>) without changing it.</summary>
    CreditNote = 1,
}

/// <summary>
/// A qualified invoice (適格請求書, SPEC F10) of one project and month, or a credit note. A draft is regenerated from
/// the charges until staff issue it; issuing assigns the issuer's next number and from then on nothing on the invoice
/// changes: issuer, customer, rate and lines are stored copies, not references. A voided invoice keeps its number.
/// </summary>
public sealed class Invoice
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>The first day of the billed month.</summary>
    public DateOnly Month { get; set; }

    public InvoiceKind Kind { get; set; }

    public InvoiceStatus Status { get; set; }

    /// <summary>Sequential per issuer, assigned when issued; null for drafts.</summary>
    public string? Number { get; set; }

    public long? Sequence { get; set; }

    public string IssuerName { get; set; } = "";

    public string IssuerAddress { get; set; } = "";

    public string RegistrationNumber { get; set; } = "";

    public string CustomerName { get; set; } = "";

    public string CustomerAddress { get; set; } = "";

    public string ProjectName { get; set; } = "";

    /// <summary><c>ja</c> or <c>en</c>: the layout of the PDF and the language of the mail.</summary>
    public string Language { get; set; } = "ja";

    public Currency Currency { get; set; }

    public DateOnly? IssueDate { get; set; }

    public DateOnly? DueDate { get; set; }

    public int PaymentTermsDays { get; set; }

    public decimal TaxRatePercent { get; set; }

    /// <summary>Sum of the lines in the invoice currency (whole yen, or dollars with cents).</summary>
    public decimal Subtotal { get; set; }

    /// <summary>Consumption tax computed once on <see cref="Subtotal"/>, rounded down.</summary>
    public decimal Tax { get; set; }

    public decimal Total { get; set; }

    /// <summary>For USD invoices: the tax stated in yen at <see cref="UsdToJpy"/>.</summary>
    public decimal? TaxYen { get; set; }

    public decimal? UsdToJpy { get; set; }

    public string? RateSource { get; set; }

    public DateOnly? RateDate { get; set; }

    public Guid? CreditsInvoiceId { get; set; }

    /// <summary>The voided invoice this one re-issues.</summary>
    public Guid? ReplacesInvoiceId { get; set; }

    public string? Note { get; set; }

    public string? VoidReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? IssuedAt { get; set; }

    public Guid? IssuedById { get; set; }

    public DateTimeOffset? VoidedAt { get; set; }

    public List<InvoiceLine> Lines { get; set; } = [];
}

/// <summary>One line of an invoice: an AWS account's amount in one category, or a named fee or adjustment.</summary>
public sealed class InvoiceLine
{
    public long Id { get; set; }

    public Guid InvoiceId { get; set; }

    public int Position { get; set; }

    /// <summary>The 12-digit AWS account; empty for project-level fees and adjustments.</summary>
    public string AccountNumber { get; set; } = "";

    public string AccountName { get; set; } = "";

    /// <summary>The charge category (usage, discount, fee, credit) as its number.</summary>
    public int Category { get; set; }

    /// <summary>The name of a custom fee or adjustment in Japanese and English; null for AWS lines.</summary>
    public string? NameJa { get; set; }

    public string? NameEn { get; set; }

    /// <summary>Rounded once: whole yen, or cents.</summary>
    public decimal Amount { get; set; }

    public decimal TaxRatePercent { get; set; }
}

/// <summary>The issuer printed on invoices and the counter of its numbers (one row).</summary>
public sealed class InvoiceIssuer
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string Name { get; set; } = "";

    public string Address { get; set; } = "";

    /// <summary><c>T</c> + 13 digits with a valid check digit (see Portal.Billing.Invoicing.RegistrationNumber).</summary>
    public string RegistrationNumber { get; set; } = "";

    public string NumberPrefix { get; set; } = "INV";

    /// <summary>The last number issued. Incremented in the issuing transaction, so numbers have no gaps.</summary>
    public long LastSequence { get; set; }

    /// <summary>Attach the PDF to the invoice mail (off: the mail links to the portal).</summary>
    public bool AttachPdf { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Staff closed a month for invoicing; forced when some source's month was not final yet.</summary>
public sealed class MonthClose
{
    public int Id { get; set; }

    public DateOnly Month { get; set; }

    public DateTimeOffset ClosedAt { get; set; }

    public Guid? ClosedById { get; set; }

    public bool Forced { get; set; }

    public string? Reason { get; set; }
}

/// <summary>
/// A payer's month whose charges an issued invoice used: recompute leaves it alone, so what was invoiced never
/// changes under the invoice. Late AWS credits become adjustments or credit notes instead.
/// </summary>
public sealed class FrozenChargeMonth
{
    public int Id { get; set; }

    public string PayerAccountId { get; set; } = "";

    public DateOnly Month { get; set; }

    public DateTimeOffset FrozenAt { get; set; }
}

/// <summary>A late credit or charge after close that staff chose to carry to a later month's invoice of the project.</summary>
public sealed class InvoiceAdjustment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>The month whose invoice takes this line.</summary>
    public DateOnly TargetMonth { get; set; }

    /// <summary>In the project's currency; negative for a credit.</summary>
    public decimal Amount { get; set; }

    public string Description { get; set; } = "";

    public Guid SourceInvoiceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }
}
