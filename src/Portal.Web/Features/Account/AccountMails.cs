using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Mail;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

/// <summary>
/// The Members ID mails, written in the recipient's language (not the language of whoever caused them) and queued
/// in the caller's unit of work. They never contain a password.
/// </summary>
public sealed class AccountMails(
    MailOutbox outbox, IStringLocalizer<SharedResource> t, IOptions<PublicUrls> urls, IOptions<SupportOptions> support)
{
    public void PasswordReset(PortalUser user, string token) =>
        Send(user, "Mail.Reset", urls.Value.IdLink("password/reset?token=" + Uri.EscapeDataString(token)), (int)PasswordTokens.ResetLifetime.TotalMinutes);

    public void LockedOut(PortalUser user, DateTimeOffset until) =>
        Send(user, "Mail.Locked", Jst.Format(until), urls.Value.IdLink("password/forgot"));

    /// <summary>Tells the owner of the mailbox, so that a change he did not make does not go unnoticed.</summary>
    public void PasswordChanged(PortalUser user, DateTimeOffset at) =>
        Send(user, "Mail.PasswordChanged", Jst.Format(at), urls.Value.IdLink("password/forgot"));

    public void Unlocked(PortalUser user) =>
        Send(user, "Mail.Unlocked", urls.Value.PortalLink("/signin"));

    public void MfaReset(PortalUser user) =>
        Send(user, "Mail.MfaReset", urls.Value.IdLink("mfa"));

    /// <summary>
    /// Subject <c>{key}.Subject</c>; body <c>{key}.Body</c> with the name as {0}, then <paramref name="args"/>, then
    /// the support address; a common closing follows.
    /// </summary>
    private void Send(PortalUser user, string key, params object[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Localization.CultureOf(user.Language);
        try
        {
            object[] bodyArgs = [user.DisplayName, .. args, support.Value.ContactEmail];
            var body = t[key + ".Body", bodyArgs] + "\n\n" + t["Mail.Closing", support.Value.ContactEmail];
            outbox.Enqueue(new MailMessageDraft([user.Email!], [], t[key + ".Subject"], body));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
