namespace Portal.Core.Projects;

/// <summary>What a customer applies for (SPEC F5/F12); each becomes a staff work item and, later, an inquiry.</summary>
public enum ApplicationKind
{
    /// <summary>A new AWS account created by the reseller in a project.</summary>
    NewAccount = 0,

    /// <summary>An existing AWS account of the customer moved under the reseller's payer into a project.</summary>
    TransferIn = 1,

    /// <summary>Rename an AWS account.</summary>
    NameChange = 2,

    /// <summary>Cancel the service for an AWS account.</summary>
    Cancellation = 3,

    /// <summary>Move an AWS account to another project of the same organization from a month.</summary>
    ProjectTransfer = 4,
}

public enum ApplicationStatus
{
    Submitted = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// A customer's application, kept with structured fields so staff can act on it (and the inquiries issue can show
/// it as an inquiry of the matching category). Which fields are set depends on <see cref="Kind"/>.
/// </summary>
public sealed class ServiceApplication
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public ApplicationKind Kind { get; set; }

    public ApplicationStatus Status { get; set; }

    /// <summary>The project concerned: where a new or transferred-in account goes, or the account's project.</summary>
    public Guid ProjectId { get; set; }

    public Project Project { get; set; } = null!;

    /// <summary>The account concerned (name change, cancellation, project transfer).</summary>
    public Guid? AwsAccountId { get; set; }

    public AwsAccount? AwsAccount { get; set; }

    /// <summary>The 12-digit id of an account transferred in.</summary>
    public string? AccountNumber { get; set; }

    /// <summary>New account's name, or the requested new name.</summary>
    public string? AccountName { get; set; }

    /// <summary>Project transfer: the project the account moves to.</summary>
    public Guid? TargetProjectId { get; set; }

    /// <summary>Project transfer and cancellation: the first month concerned.</summary>
    public DateOnly? EffectiveMonth { get; set; }

    /// <summary>Free text from the customer (purpose, contact, anything staff should know).</summary>
    public string? Note { get; set; }

    public Guid? SubmittedById { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public Guid? DecidedById { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? StaffComment { get; set; }
}
