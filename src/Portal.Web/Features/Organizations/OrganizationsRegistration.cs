using Portal.Web.Features.Invitations;
using Portal.Web.Features.Members;

namespace Portal.Web.Features.Organizations;

public static class OrganizationsRegistration
{
    /// <summary>Organizations, members, invitations, projects and AWS accounts.</summary>
    public static IServiceCollection AddOrganizations(this IServiceCollection services)
    {
        services.AddScoped<InviteMember>();
        services.AddScoped<AcceptInvitation>();
        services.AddScoped<ChangeMembership>();
        services.AddScoped<OrganizationNavigation>();
        services.AddScoped<Staff.Organizations.CreateOrganization>();
        services.AddScoped<Projects.SaveProject>();
        services.AddScoped<Projects.SaveAccount>();
        services.AddScoped<Projects.DecideApplication>();
        services.AddScoped<Projects.ProjectMail>();
        services.AddScoped<Accounts.UpdateNotificationSettings>();
        return services;
    }
}
