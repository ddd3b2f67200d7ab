using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Core.Auditing;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Account;

/// <summary>
/// Asks for a reset link. The answer is the same whether or not the address has an ID, so the page cannot be used to
/// find out who has one; only a real ID gets a mail (in its own language).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(MembersIdRateLimits.AnonymousPolicy)]
public sealed class ForgotPasswordModel(
    UserManager<PortalUser> users, PasswordTokens tokens, AccountMails mails, AuditLog audit, PortalDbContext db) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is not null && user.DeletedAt is null)
        {
            var token = tokens.Issue(user, PasswordTokenPurpose.Reset);
            mails.PasswordReset(user, token);
            audit.Record("password.reset-requested", null, user.Id.ToString());
        }
        else
        {
            // Audited too: a burst of requests for unknown addresses is worth seeing, and both paths then write.
            audit.Record("password.reset-requested", null, null, result: AuditResult.Failure, detail: "unknown address");
        }
        await db.SaveChangesAsync(ct);
        Sent = true;
        return Page();
    }
}
