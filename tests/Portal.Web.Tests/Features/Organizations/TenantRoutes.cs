using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Organizations;

/// <summary>
/// Every organization route, the permission it needs and how to build a sample URL. <c>Org</c> supplies the
/// organization in the path; <c>Resources</c> supplies the ids of nested resources (the isolation test passes another
/// organization's here). A route missing from this table fails <c>TenantRouteTable_CoversEveryOrganizationRoute</c>.
/// </summary>
public sealed record TenantRoute(string Template, Permission Required, Func<TenantWorld, TenantWorld, string> Url)
{
    public bool HasNestedResource => Template.Count(c => c == '{') > 1;

    public override string ToString() => Template;

    public static readonly IReadOnlyList<TenantRoute> All =
    [
        new("orgs/{orgId:guid}", Permission.None, (o, _) => $"/orgs/{o.OrgId}"),
        new("orgs/{orgId:guid}/settings", Permission.ManageOrganization, (o, _) => $"/orgs/{o.OrgId}/settings"),
        new("orgs/{orgId:guid}/audit", Permission.ManageOrganization, (o, _) => $"/orgs/{o.OrgId}/audit"),
        new("orgs/{orgId:guid}/members", Permission.UserViewer, (o, _) => $"/orgs/{o.OrgId}/members"),
        new("orgs/{orgId:guid}/members/{membershipId:guid}", Permission.ManageOrganization, (o, r) => $"/orgs/{o.OrgId}/members/{r.GeneralMembershipId}"),
        new("orgs/{orgId:guid}/invitations", Permission.InvitationViewer, (o, _) => $"/orgs/{o.OrgId}/invitations"),
        new("orgs/{orgId:guid}/invitations/new", Permission.ManageOrganization, (o, _) => $"/orgs/{o.OrgId}/invitations/new"),
        new("orgs/{orgId:guid}/invitations/{invitationId:guid}", Permission.ManageOrganization, (o, r) => $"/orgs/{o.OrgId}/invitations/{r.InvitationId}"),
        new("orgs/{orgId:guid}/projects", Permission.ProjectViewer, (o, _) => $"/orgs/{o.OrgId}/projects"),
        new("orgs/{orgId:guid}/projects/export", Permission.ProjectViewer, (o, _) => $"/orgs/{o.OrgId}/projects/export"),
        new("orgs/{orgId:guid}/projects/{projectId:guid}", Permission.ProjectViewer, (o, r) => $"/orgs/{o.OrgId}/projects/{r.ProjectId}"),
        new("orgs/{orgId:guid}/projects/{projectId:guid}/charges", Permission.ProjectViewer, (o, r) => $"/orgs/{o.OrgId}/projects/{r.ProjectId}/charges"),
        new("orgs/{orgId:guid}/projects/{projectId:guid}/recipients", Permission.ProjectEditor, (o, r) => $"/orgs/{o.OrgId}/projects/{r.ProjectId}/recipients"),
        new("orgs/{orgId:guid}/projects/{projectId:guid}/applications/new", Permission.ProjectEditor, (o, r) => $"/orgs/{o.OrgId}/projects/{r.ProjectId}/applications/new"),
        new("orgs/{orgId:guid}/accounts", Permission.AccountViewer, (o, _) => $"/orgs/{o.OrgId}/accounts"),
        new("orgs/{orgId:guid}/accounts/bulk", Permission.AccountEditor, (o, _) => $"/orgs/{o.OrgId}/accounts/bulk?ids={o.AccountId}"),
        new("orgs/{orgId:guid}/accounts/{accountId:guid}", Permission.AccountViewer, (o, r) => $"/orgs/{o.OrgId}/accounts/{r.AccountId}"),
        new("orgs/{orgId:guid}/accounts/{accountId:guid}/charges", Permission.AccountViewer, (o, r) => $"/orgs/{o.OrgId}/accounts/{r.AccountId}/charges"),
        new("orgs/{orgId:guid}/accounts/{accountId:guid}/usage.csv", Permission.AccountViewer, (o, r) => $"/orgs/{o.OrgId}/accounts/{r.AccountId}/usage.csv?month=2026-10"),
        new("orgs/{orgId:guid}/accounts/{accountId:guid}/notifications", Permission.AccountEditor, (o, r) => $"/orgs/{o.OrgId}/accounts/{r.AccountId}/notifications"),
        new("orgs/{orgId:guid}/accounts/{accountId:guid}/alarms", Permission.AccountEditor, (o, r) => $"/orgs/{o.OrgId}/accounts/{r.AccountId}/alarms"),
        new("orgs/{orgId:guid}/accounts/{accountId:guid}/applications/new", Permission.AccountEditor, (o, r) => $"/orgs/{o.OrgId}/accounts/{r.AccountId}/applications/new"),
        new("orgs/{orgId:guid}/accounts/{accountId:guid}/transfer", Permission.ProjectEditor, (o, r) => $"/orgs/{o.OrgId}/accounts/{r.AccountId}/transfer"),
        new("orgs/{orgId:guid}/inquiries", Permission.InquiryUser, (o, _) => $"/orgs/{o.OrgId}/inquiries"),
        new("orgs/{orgId:guid}/inquiries/new", Permission.InquiryUser, (o, _) => $"/orgs/{o.OrgId}/inquiries/new"),
        new("orgs/{orgId:guid}/inquiries/{inquiryId:guid}", Permission.InquiryUser, (o, r) => $"/orgs/{o.OrgId}/inquiries/{r.InquiryId}"),
        new("orgs/{orgId:guid}/inquiries/{inquiryId:guid}/attachments/{attachmentId:guid}", Permission.InquiryUser, (o, r) => $"/orgs/{o.OrgId}/inquiries/{r.InquiryId}/attachments/{r.AttachmentId}"),
        new("orgs/{orgId:guid}/notices", Permission.None, (o, _) => $"/orgs/{o.OrgId}/notices"),
        new("orgs/{orgId:guid}/notices/{noticeId:guid}", Permission.None, (o, r) => $"/orgs/{o.OrgId}/notices/{r.NoticeId}"),
        new("orgs/{orgId:guid}/invoices", Permission.InvoiceViewer, (o, _) => $"/orgs/{o.OrgId}/invoices"),
        new("orgs/{orgId:guid}/invoices/{invoiceId:guid}", Permission.InvoiceViewer, (o, r) => $"/orgs/{o.OrgId}/invoices/{r.InvoiceId}"),
        new("orgs/{orgId:guid}/invoices/{invoiceId:guid}/pdf", Permission.InvoiceViewer, (o, r) => $"/orgs/{o.OrgId}/invoices/{r.InvoiceId}/pdf"),
        new("orgs/{orgId:guid}/invoices/{invoiceId:guid}/csv", Permission.InvoiceViewer, (o, r) => $"/orgs/{o.OrgId}/invoices/{r.InvoiceId}/csv"),
    ];

    public static TheoryData<string> Templates() => new(All.Select(r => r.Template));
}
