using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Auditing;
using Portal.Core.Data;

namespace Portal.Web.Features.Common;

/// <summary>An audit event as the audit pages show it; the actor's name is looked up, never stored in the event.</summary>
public sealed record AuditRow(DateTimeOffset OccurredAt, string? Actor, string Event, string? Subject, AuditResult Result, string? IpAddress, string? Organization)
{
    public static async Task<IReadOnlyList<AuditRow>> QueryAsync(PortalDbContext db, Expression<Func<AuditEvent, bool>> filter, CancellationToken ct, int take = 200)
    {
        var events = await db.AuditEvents.AsNoTracking().Where(filter).OrderByDescending(e => e.Id).Take(take).ToListAsync(ct);
        var actorIds = events.Where(e => e.ActorId != null).Select(e => e.ActorId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var organizationIds = events.Where(e => e.OrganizationId != null).Select(e => e.OrganizationId!.Value).Distinct().ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Alias ?? o.Name, ct);
        return events.Select(e => new AuditRow(
            e.OccurredAt,
            e.ActorId is { } a ? names.GetValueOrDefault(a, a.ToString()) : null,
            e.Event, e.Subject, e.Result, e.IpAddress,
            e.OrganizationId is { } o ? organizations.GetValueOrDefault(o) : null)).ToList();
    }
}
