using Portal.Web.Features.Invitations;
using Portal.Web.Features.Members;

namespace Portal.Web.Features.Organizations;

public static class OrganizationsRegistration
{
    /// <summary>Organizations, members and invitations.</summary>
    public static IServiceCollection AddOrganizations(this IServiceCollection services)
    {
        services.AddScoped<InviteMember>();
        services.AddScoped<AcceptInvitation>();
        services.AddScoped<ChangeMembership>();
        services.AddScoped<OrganizationNavigation>();
        services.AddScoped<Staff.Organizations.CreateOrganization>();
        return services;
    }
}
