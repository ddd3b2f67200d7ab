using System.Net.Http.Json;
using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Api;

/// <summary>
/// Every <c>/api</c> route, the permission it needs (null: any key holder, no organization in the route) and a sample
/// URL. <c>Org</c> supplies the organization in the path; <c>Resources</c> the nested ids (the isolation test passes
/// another organization's here). A route missing from this table fails <c>ApiRouteTable_CoversEveryApiRoute</c>, so the
/// permission matrix and the isolation test reach every route added later. <c>Body</c> is the JSON a POST sends.
/// </summary>
public sealed record ApiRoute(string Method, string Template, Permission? Required, Func<TenantWorld, TenantWorld, string> Url, object? Body = null)
{
    public bool IsOrganizationRoute => Required is not null;

    public bool HasNestedResource => Template.Count(c => c == '{') > 1;

    public override string ToString() => $"{Method} {Template}";

    /// <summary>Calls <paramref name="url"/> with this route's method (and body).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpClient client, string url) =>
        Method == "POST" ? client.PostAsJsonAsync(url, Body) : client.GetAsync(url);

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        new("GET", "api/v1/orgs", null, (_, _) => "/api/v1/orgs"),
        new("GET", "api/v1/orgs/{orgId:guid}/projects", Permission.ProjectViewer, (o, _) => $"/api/v1/orgs/{o.OrgId}/projects"),
        new("GET", "api/v1/orgs/{orgId:guid}/accounts", Permission.AccountViewer, (o, _) => $"/api/v1/orgs/{o.OrgId}/accounts"),
        new("GET", "api/v1/orgs/{orgId:guid}/accounts/{accountId:guid}", Permission.AccountViewer, (o, r) => $"/api/v1/orgs/{o.OrgId}/accounts/{r.AccountId}"),
        new("GET", "api/v1/orgs/{orgId:guid}/charges", Permission.AccountViewer, (o, _) => $"/api/v1/orgs/{o.OrgId}/charges?month=2026-10&by=service"),
        new("GET", "api/v1/orgs/{orgId:guid}/accounts/{accountId:guid}/usage.csv", Permission.AccountViewer, (o, r) => $"/api/v1/orgs/{o.OrgId}/accounts/{r.AccountId}/usage.csv?month=2026-10"),
        new("GET", "api/v1/orgs/{orgId:guid}/invoices", Permission.InvoiceViewer, (o, _) => $"/api/v1/orgs/{o.OrgId}/invoices"),
        new("GET", "api/v1/orgs/{orgId:guid}/invoices/{invoiceId:guid}", Permission.InvoiceViewer, (o, r) => $"/api/v1/orgs/{o.OrgId}/invoices/{r.InvoiceId}"),
        new("GET", "api/v1/orgs/{orgId:guid}/invoices/{invoiceId:guid}.pdf", Permission.InvoiceViewer, (o, r) => $"/api/v1/orgs/{o.OrgId}/invoices/{r.InvoiceId}.pdf"),
        new("GET", "api/v1/orgs/{orgId:guid}/notices", Permission.None, (o, _) => $"/api/v1/orgs/{o.OrgId}/notices"),
        new("GET", "api/v1/orgs/{orgId:guid}/inquiries", Permission.InquiryUser, (o, _) => $"/api/v1/orgs/{o.OrgId}/inquiries"),
        new("GET", "api/v1/orgs/{orgId:guid}/inquiries/{inquiryId:guid}", Permission.InquiryUser, (o, r) => $"/api/v1/orgs/{o.OrgId}/inquiries/{r.InquiryId}"),
        new("POST", "api/v1/orgs/{orgId:guid}/inquiries", Permission.InquiryUser, (o, _) => $"/api/v1/orgs/{o.OrgId}/inquiries",
            new { category = "technical", subject = "route matrix", body = "Opened by the route table." }),
        new("POST", "api/v1/orgs/{orgId:guid}/inquiries/{inquiryId:guid}/messages", Permission.InquiryUser, (o, r) => $"/api/v1/orgs/{o.OrgId}/inquiries/{r.InquiryId}/messages",
            new { body = "A reply from the route table." }),
    ];

    /// <summary>Routes whose query names a resource: the isolation test also tries them with another organization's ids.</summary>
    public static readonly IReadOnlyList<(string Name, Func<TenantWorld, TenantWorld, string> Url)> NestedQueries =
    [
        ("accounts?projectId", (o, r) => $"/api/v1/orgs/{o.OrgId}/accounts?projectId={r.ProjectId}"),
        ("charges?projectId", (o, r) => $"/api/v1/orgs/{o.OrgId}/charges?month=2026-10&projectId={r.ProjectId}"),
        ("charges?accountId", (o, r) => $"/api/v1/orgs/{o.OrgId}/charges?month=2026-10&accountId={r.AccountId}"),
    ];
}
