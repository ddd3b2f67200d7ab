using Microsoft.Extensions.Options;
using Portal.Billing;
using Portal.Core.Data;
using Portal.Web.Auth;
using Portal.Web.Features.Charges;
using Portal.Web.Features.Demo;
using Portal.Web.Features.Helpdesk;
using Portal.Web.Features.Invoices;
using Portal.Web.Features.Organizations;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The services the web host, the worker and the <c>portal</c> CLI share: database, identity, mail, clock and settings.
/// </summary>
public static class PortalServices
{
    public static IServiceCollection AddPortalServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPortalDatabase(configuration);
        services.AddPortalBilling(configuration);
        services.AddPortalIdentity(configuration);
        services.AddPortalLocalization();
        services.AddMembersId(configuration);
        services.AddPortalMail(configuration);
        services.Configure<PublicUrls>(configuration.GetSection(PublicUrls.Section));
        services.Configure<SupportOptions>(configuration.GetSection(SupportOptions.Section));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.AddScoped<DemoSeeder>();
        services.AddOrganizations();
        services.AddCharges();
        services.AddHelpdesk(configuration);
        services.AddInvoices();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Features.Account.IssueApiKey>();
        services.AddHttpContextAccessor();
        return services;
    }

    public static IServiceCollection AddPortalMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddScoped<MailOutbox>();
        services.AddScoped<MailTemplates>();
        services.AddScoped<OutboxDispatcher>();
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>();
            return string.IsNullOrWhiteSpace(options.Value.SmtpHost)
                ? new PickupFolderMailTransport(options)
                : new SmtpMailTransport(options);
        });
        return services;
    }
}
