namespace Portal.Core.Organizations;

/// <summary>A customer company (メンバーズ組織). Projects, AWS accounts and memberships belong to exactly one.</summary>
public sealed class Organization
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    /// <summary>Unique short code used by staff and the CLI.</summary>
    public string Code { get; set; } = "";

    /// <summary>Shown as the organization's name in the UI; power users may edit it.</summary>
    public string? Alias { get; set; }

    /// <summary>Legal name and address printed on invoices.</summary>
    public string LegalName { get; set; } = "";

    public string Address { get; set; } = "";

    public bool EnforceMfa { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string DisplayName => string.IsNullOrWhiteSpace(Alias) ? Name : Alias;
}
