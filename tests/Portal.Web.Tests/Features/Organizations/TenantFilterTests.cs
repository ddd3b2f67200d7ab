using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Organizations;

public sealed class TenantFilterTests(PortalApps apps)
{
    /// <summary>
    /// The safety net: once a request is authorized for organization A, even a query that forgot its organization
    /// predicate returns A's rows only; code that legitimately spans organizations opts out by name.
    /// </summary>
    [Theory, BothDatabases]
    public async Task QueryWithoutOrganizationPredicate_WhileTenantIsSet_SeesOnlyThatTenant(DatabaseKind db)
    {
        var app = await apps.For(db);
        var a = await app.CreateWorldAsync("filter-a");
        var b = await app.CreateWorldAsync("filter-b");

        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        context.TenantId = a.OrgId;
        var visible = await context.Invitations.Select(i => i.OrganizationId).Distinct().ToListAsync();
        var everything = await context.Invitations.IgnoreQueryFilters([PortalDbContext.TenantFilter])
            .Where(i => i.OrganizationId == a.OrgId || i.OrganizationId == b.OrgId).Select(i => i.OrganizationId).Distinct().CountAsync();

        Assert.Equal([a.OrgId], visible);
        Assert.Equal(2, everything);
    }
}
