using Portal.Core.Auditing;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Writes audit events (SPEC F16). The event is added to the caller's unit of work, so it commits with the change it
/// describes; the request's IP address and user agent are taken from the current request when there is one.
/// Never put passwords, tokens or links into <c>detail</c>.
/// </summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public AuditEvent Record(
        string eventName, Guid? actorId, string? subject = null, Guid? organizationId = null,
        AuditResult result = AuditResult.Success, string? detail = null)
    {
        var request = http.HttpContext;
        var audit = new AuditEvent
        {
            OccurredAt = clock.GetUtcNow(),
            Event = eventName,
            ActorId = actorId,
            Subject = subject,
            OrganizationId = organizationId,
            Result = result,
            Detail = Truncate(detail, 2000),
            IpAddress = request?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(request?.Request.Headers.UserAgent.ToString(), 400),
        };
        db.AuditEvents.Add(audit);
        return audit;
    }

    private static string? Truncate(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];
}
