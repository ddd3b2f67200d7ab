using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Projects;

public sealed record ProjectFields(string Name, string? Plan, string? PaymentMethod, string? ServiceLevel, Currency Currency);

public enum SaveProjectOutcome
{
    Saved,
    InvalidName,
    FieldTooLong,
    NoOrganization,
    NotFound,
}

/// <summary>Staff (console and <c>portal project create</c>) create and edit projects (SPEC F5).</summary>
public sealed class SaveProject(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<(SaveProjectOutcome Outcome, Project? Project)> CreateAsync(Guid organizationId, ProjectFields fields, Guid? actorId, CancellationToken ct)
    {
        if (Check(fields) is { } invalid)
        {
            return (invalid, null);
        }
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
        {
            return (SaveProjectOutcome.NoOrganization, null);
        }
        var project = new Project { OrganizationId = organizationId, CreatedAt = clock.GetUtcNow() };
        Apply(project, fields);
        db.Projects.Add(project);
        audit.Record("project.created", actorId, project.Id.ToString(), organizationId, detail: Describe(project));
        await db.SaveChangesAsync(ct);
        return (SaveProjectOutcome.Saved, project);
    }

    public async Task<SaveProjectOutcome> UpdateAsync(Guid projectId, ProjectFields fields, Guid? actorId, CancellationToken ct)
    {
        if (Check(fields) is { } invalid)
        {
            return invalid;
        }
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return SaveProjectOutcome.NotFound;
        }
        Apply(project, fields);
        audit.Record("project.updated", actorId, project.Id.ToString(), project.OrganizationId, detail: Describe(project));
        await db.SaveChangesAsync(ct);
        return SaveProjectOutcome.Saved;
    }

    private static SaveProjectOutcome? Check(ProjectFields fields)
    {
        var name = fields.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            return SaveProjectOutcome.InvalidName;
        }
        if (new[] { fields.Plan, fields.PaymentMethod, fields.ServiceLevel }.Any(v => v?.Trim().Length > 100) || !Enum.IsDefined(fields.Currency))
        {
            return SaveProjectOutcome.FieldTooLong;
        }
        return null;
    }

    private static void Apply(Project project, ProjectFields fields)
    {
        project.Name = fields.Name.Trim();
        project.Plan = fields.Plan?.Trim() ?? "";
        project.PaymentMethod = fields.PaymentMethod?.Trim() ?? "";
        project.ServiceLevel = fields.ServiceLevel?.Trim() ?? "";
        project.Currency = fields.Currency;
    }

    private static string Describe(Project p) => $"name={p.Name}; plan={p.Plan}; payment={p.PaymentMethod}; level={p.ServiceLevel}; currency={p.Currency}";
}
