namespace Portal.Core.Projects;

/// <summary>An AWS account a user pinned to his side navigation (SPEC F6). Personal: other members never see it.</summary>
public sealed class AccountBookmark
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public Guid AwsAccountId { get; set; }

    public AwsAccount AwsAccount { get; set; } = null!;

    public DateTimeOffset CreatedAt { get; set; }
}
