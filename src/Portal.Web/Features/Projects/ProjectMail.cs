using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Web.Features.Projects;

/// <summary>
/// Test mails that let customers check their addresses before a real invoice or alarm depends on them. Account mail
/// is written in the account's notification language; invoice-recipient mail in the sender's language (a project has
/// none of its own).
/// </summary>
public sealed class ProjectMail(PortalDbContext db, MailOutbox outbox, MailTemplates templates, AuditLog audit, IOptions<PublicUrls> urls)
{
    /// <summary>Queues a test mail to the project's saved invoice recipients; false when none are saved.</summary>
    public async Task<bool> SendInvoiceRecipientsTestAsync(Guid organizationId, Guid projectId, string language, Guid actorId, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId && p.OrganizationId == organizationId)
            .Select(p => new { p.Name, p.InvoiceTo, p.InvoiceCc, Organization = p.Organization.Alias ?? p.Organization.Name }).SingleOrDefaultAsync(ct);
        if (project is null || project.InvoiceTo.Count == 0)
        {
            return false;
        }
        var (subject, body) = templates.Render(language, "InvoiceRecipientsTest", [project.Name],
            [project.Organization, project.Name, urls.Value.PortalLink($"/orgs/{organizationId}/projects/{projectId}")]);
        outbox.Enqueue(new MailMessageDraft(project.InvoiceTo, project.InvoiceCc, subject, body));
        audit.Record("project.recipients.test-mail", actorId, projectId.ToString(), organizationId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Queues a test mail to one notification list of an account; false when the list is empty.</summary>
    public async Task<bool> SendNotificationTestAsync(Guid organizationId, Guid accountId, NotificationTopic topic, Guid actorId, CancellationToken ct)
    {
        var account = await db.AwsAccounts.AsNoTracking().Where(a => a.Id == accountId && a.OrganizationId == organizationId)
            .Select(a => new { a.AccountNumber, a.Name }).SingleOrDefaultAsync(ct);
        var settings = await db.AccountNotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.AwsAccountId == accountId && s.OrganizationId == organizationId, ct);
        if (account is null || settings is null)
        {
            return false;
        }
        var (to, cc) = (settings.To(topic), settings.Cc(topic));
        if (to.Count + cc.Count == 0)
        {
            return false;
        }
        var language = settings.Language;
        var topicName = templates.Text(language, "NotificationTopic." + topic);
        var (subject, body) = templates.Render(language, "NotificationTest", [topicName, account.AccountNumber],
            [topicName, account.AccountNumber, account.Name, urls.Value.PortalLink($"/orgs/{organizationId}/accounts/{accountId}")]);
        // A list may hold only CC addresses; they then receive the test as its addressees.
        outbox.Enqueue(to.Count > 0 ? new MailMessageDraft(to, cc, subject, body) : new MailMessageDraft(cc, [], subject, body));
        audit.Record("account.notifications.test-mail", actorId, account.AccountNumber, organizationId, detail: $"topic={topic}");
        await db.SaveChangesAsync(ct);
        return true;
    }
}
