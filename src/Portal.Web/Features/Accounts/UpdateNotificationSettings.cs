using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Core.Projects;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Accounts;

/// <summary>The notification settings as typed in a form: address lists as text, one address per line.</summary>
public sealed record NotificationForm(
    string? BillingTo, string? BillingCc, string? TechnicalTo, string? TechnicalCc, string? SecurityTo, string? SecurityCc,
    string? Language, string? EmergencyPhone)
{
    public static NotificationForm From(AccountNotificationSettings s) => new(
        AddressList.Format(s.BillingTo), AddressList.Format(s.BillingCc), AddressList.Format(s.TechnicalTo),
        AddressList.Format(s.TechnicalCc), AddressList.Format(s.SecurityTo), AddressList.Format(s.SecurityCc), s.Language, s.EmergencyPhone);
}

/// <summary>Why a notification form was refused: the field (for the message) and the problem.</summary>
public sealed record NotificationProblem(string Field, AddressListError Error, string? Address, string? AccountNumber = null);

/// <summary>
/// Saves notification settings for one account or, in bulk, overwrites those of several (SPEC F6). All or nothing:
/// the form and every selected account are checked first, and the rows are written in one transaction.
/// </summary>
public sealed class UpdateNotificationSettings(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string FieldLanguage = "Language";
    public const string FieldPhone = "EmergencyPhone";
    public const string FieldAccounts = "Accounts";

    /// <summary>Checks the form alone; null when it is valid.</summary>
    public static NotificationProblem? Check(NotificationForm form)
    {
        (string Field, string? Text)[] lists =
        [
            ("BillingTo", form.BillingTo), ("BillingCc", form.BillingCc), ("TechnicalTo", form.TechnicalTo),
            ("TechnicalCc", form.TechnicalCc), ("SecurityTo", form.SecurityTo), ("SecurityCc", form.SecurityCc),
        ];
        foreach (var (field, text) in lists)
        {
            var (error, address) = AddressList.Check(AddressList.Parse(text), 0, AddressList.MaxPerList);
            if (error != AddressListError.None)
            {
                return new NotificationProblem(field, error, address);
            }
        }
        // Within one topic an address is either TO or CC, never twice.
        for (var i = 0; i < lists.Length; i += 2)
        {
            if (AddressList.FirstDuplicate(AddressList.Parse(lists[i].Text), AddressList.Parse(lists[i + 1].Text)) is { } duplicate)
            {
                return new NotificationProblem(lists[i].Field, AddressListError.Duplicate, duplicate);
            }
        }
        if (!Languages.All.Contains(form.Language ?? ""))
        {
            return new NotificationProblem(FieldLanguage, AddressListError.Invalid, null);
        }
        if (!string.IsNullOrWhiteSpace(form.EmergencyPhone) && !AccountNotificationSettings.IsValidPhone(form.EmergencyPhone.Trim()))
        {
            return new NotificationProblem(FieldPhone, AddressListError.Invalid, null);
        }
        return null;
    }

    /// <summary>
    /// Overwrites the settings of every account in <paramref name="accountIds"/> (accounts of <paramref name="organizationId"/>).
    /// Returns a problem and changes nothing when the form is invalid, an account is not in the organization, or an
    /// account is cancelled.
    /// </summary>
    public async Task<NotificationProblem?> SaveAsync(Guid organizationId, IReadOnlyCollection<Guid> accountIds, NotificationForm form, Guid actorId, CancellationToken ct)
    {
        if (Check(form) is { } problem)
        {
            return problem;
        }
        var ids = accountIds.Distinct().ToList();
        var accounts = await db.AwsAccounts.Where(a => a.OrganizationId == organizationId && ids.Contains(a.Id))
            .Select(a => new { a.Id, a.AccountNumber, a.Status }).ToListAsync(ct);
        if (ids.Count == 0 || accounts.Count != ids.Count)
        {
            return new NotificationProblem(FieldAccounts, AddressListError.TooFew, null);
        }
        if (accounts.FirstOrDefault(a => a.Status == AccountStatus.Cancelled) is { } cancelled)
        {
            return new NotificationProblem(FieldAccounts, AddressListError.Invalid, null, cancelled.AccountNumber);
        }
        var existing = await db.AccountNotificationSettings.Where(s => s.OrganizationId == organizationId && ids.Contains(s.AwsAccountId)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var account in accounts)
        {
            var settings = existing.SingleOrDefault(s => s.AwsAccountId == account.Id);
            if (settings is null)
            {
                settings = new AccountNotificationSettings { AwsAccountId = account.Id, OrganizationId = organizationId };
                db.AccountNotificationSettings.Add(settings);
            }
            settings.BillingTo = AddressList.Parse(form.BillingTo);
            settings.BillingCc = AddressList.Parse(form.BillingCc);
            settings.TechnicalTo = AddressList.Parse(form.TechnicalTo);
            settings.TechnicalCc = AddressList.Parse(form.TechnicalCc);
            settings.SecurityTo = AddressList.Parse(form.SecurityTo);
            settings.SecurityCc = AddressList.Parse(form.SecurityCc);
            settings.Language = Languages.Normalize(form.Language);
            settings.EmergencyPhone = string.IsNullOrWhiteSpace(form.EmergencyPhone) ? null : form.EmergencyPhone.Trim();
            settings.UpdatedAt = now;
            settings.UpdatedById = actorId;
            audit.Record(ids.Count > 1 ? "account.notifications.bulk-updated" : "account.notifications.updated", actorId, account.AccountNumber, organizationId,
                detail: $"accounts={ids.Count}; language={settings.Language}");
        }
        // One SaveChanges is one transaction: every selected account is updated, or none.
        await db.SaveChangesAsync(ct);
        return null;
    }
}
