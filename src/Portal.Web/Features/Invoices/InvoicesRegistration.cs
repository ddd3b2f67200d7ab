namespace Portal.Web.Features.Invoices;

public static class InvoicesRegistration
{
    /// <summary>Month close, drafts, issue, changes to issued invoices, PDF, mail and the queries other features call.</summary>
    public static IServiceCollection AddInvoices(this IServiceCollection services)
    {
        services.AddScoped<InvoiceDrafts>();
        services.AddScoped<CloseMonth>();
        services.AddScoped<IssueInvoice>();
        services.AddScoped<ChangeIssuedInvoice>();
        services.AddScoped<InvoiceMail>();
        services.AddScoped<InvoicePdf>();
        services.AddScoped<InvoiceNumbers>();
        services.AddScoped<LastMonthInvoices>();
        return services;
    }
}
