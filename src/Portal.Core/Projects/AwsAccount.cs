using System.Text.RegularExpressions;
using Portal.Core.Organizations;

namespace Portal.Core.Projects;

/// <summary>An AWS account the reseller bills for. The 12-digit id is unique across the whole system.</summary>
public sealed partial class AwsAccount
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The 12-digit AWS account id, kept as text because leading zeros matter.</summary>
    public string AccountNumber { get; set; } = "";

    public Guid OrganizationId { get; set; }

    public Organization Organization { get; set; } = null!;

    public Guid ProjectId { get; set; }

    public Project Project { get; set; } = null!;

    public string Name { get; set; } = "";

    public AccountStatus Status { get; set; } = AccountStatus.Active;

    /// <summary>The day the account joined the service; charges start on it.</summary>
    public DateOnly JoinedOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static bool IsValidNumber(string? value) => value is not null && TwelveDigits().IsMatch(value);

    [GeneratedRegex(@"^[0-9]{12}\z")]
    private static partial Regex TwelveDigits();
}

public enum AccountStatus
{
    Active = 0,
    Cancelled = 1,
}
