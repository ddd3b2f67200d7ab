using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Staff.Organizations;

public sealed record NewOrganization(string Name, string Code, string? Alias, string? LegalName, string? Address);

public enum CreateOrganizationOutcome
{
    Created,
    InvalidName,
    InvalidCode,
    CodeTaken,
}

/// <summary>Staff (and <c>portal org create</c>) create a customer organization with a unique code.</summary>
public sealed partial class CreateOrganization(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<(CreateOrganizationOutcome Outcome, Organization? Organization)> HandleAsync(NewOrganization request, Guid? actorId, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        var code = request.Code?.Trim().ToLowerInvariant() ?? "";
        if (name.Length is 0 or > 200)
        {
            return (CreateOrganizationOutcome.InvalidName, null);
        }
        if (!CodePattern().IsMatch(code))
        {
            return (CreateOrganizationOutcome.InvalidCode, null);
        }
        if (await db.Organizations.AnyAsync(o => o.Code == code, ct))
        {
            return (CreateOrganizationOutcome.CodeTaken, null);
        }
        var now = clock.GetUtcNow();
        var organization = new Organization
        {
            Name = name, Code = code, Alias = Blank(request.Alias), LegalName = Blank(request.LegalName) ?? name,
            Address = Blank(request.Address) ?? "", CreatedAt = now, UpdatedAt = now,
        };
        db.Organizations.Add(organization);
        audit.Record("organization.created", actorId, organization.Id.ToString(), organization.Id, detail: $"code={code}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two staff creating the same code at once: the unique index decides.
            return (CreateOrganizationOutcome.CodeTaken, null);
        }
        return (CreateOrganizationOutcome.Created, organization);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,39}\z")]
    private static partial Regex CodePattern();
}
