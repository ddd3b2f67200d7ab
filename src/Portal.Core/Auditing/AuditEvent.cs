namespace Portal.Core.Auditing;

/// <summary>
/// One security or business event (SPEC F16). The actor and subject are ids, never names, so that deleting an ID
/// leaves a pseudonymous trail.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public Guid? ActorId { get; set; }

    public Guid? OrganizationId { get; set; }

    /// <summary>What the event is about (a user, an invitation, a project ...), as an id or a short reference.</summary>
    public string? Subject { get; set; }

    /// <summary>Dotted event name, for example <c>signin.failed</c>.</summary>
    public string Event { get; set; } = "";

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public AuditResult Result { get; set; }

    /// <summary>Free detail without secrets (no passwords, tokens or links).</summary>
    public string? Detail { get; set; }
}

public enum AuditResult
{
    Success = 0,
    Failure = 1,
}
