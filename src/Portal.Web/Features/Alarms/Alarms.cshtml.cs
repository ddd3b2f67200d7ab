using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Staff.Charges;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Alarms;

public sealed record AlarmRow(Guid Id, string? TagValue, decimal Threshold, Currency Currency, DateTimeOffset? FiredAt, decimal? FiredAmount);

/// <summary>
/// An account's charge alarms (SPEC F9): up to three on the account's month-to-date total and up to three on each
/// billing-group tag value, each with a threshold in the project's currency. Alarms are evaluated after every
/// aggregation, so they lag usage by 1–2 days; the page says so.
/// </summary>
[OrgPermission(Permission.AccountEditor)]
public sealed class AlarmsModel(PortalDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const decimal MaxThreshold = 1_000_000_000_000m;

    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid AccountId { get; set; }

    /// <summary><c>account</c> for the account's total, <c>tag</c> for one tag value.</summary>
    [BindProperty]
    public string? Target { get; set; } = "account";

    [BindProperty]
    public string? TagValue { get; set; }

    [BindProperty]
    public string? Threshold { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public FieldErrors Errors { get; private set; } = new();

    public string AccountNumber { get; private set; } = "";

    public string AccountName { get; private set; } = "";

    public Currency Currency { get; private set; }

    public IReadOnlyList<AlarmRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> KnownTags { get; private set; } = [];

    public AccountNotificationSettings Recipients { get; private set; } = new();

    public DateOnly CurrentMonth { get; private set; }

    public bool HasRecipients => Recipients.BillingTo.Count + Recipients.BillingCc.Count > 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var tag = Target == "tag" ? TagValue?.Trim() ?? "" : null;
        if (Target is not ("account" or "tag"))
        {
            Errors.Add(nameof(Target), t["Alarms.Error.Target"]);
        }
        else if (tag is not null && tag.Length == 0)
        {
            Errors.Add(nameof(TagValue), t["Validation.Required", t["Alarms.TagValue"]]);
        }
        else if (tag?.Length > 256)
        {
            Errors.Add(nameof(TagValue), t["Validation.MaxLength", t["Alarms.TagValue"], 256]);
        }
        else if (Rows.Count(r => r.TagValue == tag) >= ChargeAlarm.MaxPerTarget)
        {
            Errors.Add(nameof(Target), t[tag is null ? "Alarms.Error.TooManyAccount" : "Alarms.Error.TooManyTag", ChargeAlarm.MaxPerTarget]);
        }
        var places = Currency == Currency.Jpy ? 0 : 2;
        var threshold = FormValues.ParseDecimal(Threshold);
        if (threshold is not { } th || th <= 0 || th > MaxThreshold || !FormValues.HasAtMostPlaces(th, places))
        {
            Errors.Add(nameof(Threshold), t[Currency == Currency.Jpy ? "Alarms.Error.ThresholdYen" : "Alarms.Error.ThresholdUsd"]);
        }
        else if (Rows.Any(r => r.TagValue == tag && r.Threshold == th))
        {
            // A double submit, or the same alarm twice: one mail per month is what the customer wants.
            Errors.Add(nameof(Threshold), t["Alarms.Error.Duplicate"]);
        }
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var alarm = new ChargeAlarm
        {
            OrganizationId = OrgId, AwsAccountId = AccountId, TagValue = tag, Threshold = threshold!.Value, Currency = Currency,
            CreatedAt = clock.GetUtcNow(), CreatedById = User.UserId(),
        };
        db.ChargeAlarms.Add(alarm);
        audit.Record("charge-alarm.created", User.UserId(), alarm.Id.ToString(), OrgId,
            detail: string.Create(CultureInfo.InvariantCulture, $"account={AccountNumber} tag={tag} threshold={alarm.Threshold} {Currency}"));
        await db.SaveChangesAsync(ct);
        return Redirect($"/orgs/{OrgId}/accounts/{AccountId}/alarms?done=created");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid alarmId, CancellationToken ct)
    {
        var alarm = await db.ChargeAlarms.SingleOrDefaultAsync(a => a.Id == alarmId && a.AwsAccountId == AccountId && a.OrganizationId == OrgId, ct);
        if (alarm is null)
        {
            return NotFound();
        }
        db.ChargeAlarms.Remove(alarm);
        audit.Record("charge-alarm.deleted", User.UserId(), alarm.Id.ToString(), OrgId,
            detail: string.Create(CultureInfo.InvariantCulture, $"tag={alarm.TagValue} threshold={alarm.Threshold} {alarm.Currency}"));
        await db.SaveChangesAsync(ct);
        return Redirect($"/orgs/{OrgId}/accounts/{AccountId}/alarms?done=deleted");
    }

    public string Money(decimal amount, Currency currency) => new Money(amount, currency).ToString();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var account = await db.AwsAccounts.AsNoTracking().Where(a => a.Id == AccountId && a.OrganizationId == OrgId)
            .Select(a => new { a.AccountNumber, a.Name, a.Project.Currency }).SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return false;
        }
        (AccountNumber, AccountName, Currency) = (account.AccountNumber, account.Name, account.Currency);
        var today = Jst.Today(clock.GetUtcNow());
        CurrentMonth = new DateOnly(today.Year, today.Month, 1);
        var month = CurrentMonth;
        Rows = await db.ChargeAlarms.AsNoTracking().Where(a => a.AwsAccountId == AccountId && a.OrganizationId == OrgId)
            .OrderBy(a => a.TagValue).ThenBy(a => a.Threshold)
            .Select(a => new AlarmRow(a.Id, a.TagValue, a.Threshold, a.Currency,
                db.ChargeAlarmFirings.Where(f => f.ChargeAlarmId == a.Id && f.Month == month).Select(f => (DateTimeOffset?)f.FiredAt).FirstOrDefault(),
                db.ChargeAlarmFirings.Where(f => f.ChargeAlarmId == a.Id && f.Month == month).Select(f => (decimal?)f.Amount).FirstOrDefault()))
            .ToListAsync(ct);
        // Tag values seen on this account in recent months, offered as suggestions.
        var since = CurrentMonth.AddMonths(-2);
        KnownTags = await db.ChargeLines.AsNoTracking().Where(c => c.OrganizationId == OrgId && c.AccountNumber == AccountNumber && c.Month >= since && c.TagValue != "")
            .Select(c => c.TagValue).Distinct().OrderBy(v => v).Take(200).ToListAsync(ct);
        Recipients = await db.AccountNotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.AwsAccountId == AccountId && s.OrganizationId == OrgId, ct)
            ?? new AccountNotificationSettings();
        return true;
    }
}
