namespace Portal.Web.Features.Helpdesk;

public static class HelpdeskRegistration
{
    /// <summary>Inquiries, attachments, notices and their mails.</summary>
    public static IServiceCollection AddHelpdesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HelpdeskOptions>(configuration.GetSection(HelpdeskOptions.Section));
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<AttachmentStore>();
        services.AddScoped<InquiryMail>();
        services.AddScoped<PostInquiryMessage>();
        services.AddScoped<OpenInquiry>();
        services.AddScoped<ReplyToInquiry>();
        services.AddScoped<ApplicationInquiries>();
        services.AddScoped<Help.FaqAnswers>();
        services.AddScoped<Notices.VisibleNotices>();
        services.AddScoped<Notices.MailImportantNotice>();
        return services;
    }
}
