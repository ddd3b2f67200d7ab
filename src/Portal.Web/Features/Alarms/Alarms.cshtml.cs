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
/// aggregation, so they lag usage by 1–2 days; the page says so. A threshold can be changed in place; the alarm then
/// watches the current month afresh (see <see cref="OnPostUpdateAsync"/>).
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

    /// <summary>The alarm whose threshold change was refused, and the text the user typed, to show again in its row.</summary>
    public (Guid AlarmId, string? Threshold)? Refused { get; private set; }

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
        var threshold = ParseThreshold(Threshold, Currency);
        if (threshold is not { } th)
        {
            Errors.Add(nameof(Threshold), ThresholdError(Currency));
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

    /// <summary>
    /// A new threshold for an alarm. The alarm then watches the current month afresh: a firing of this month under the
    /// old threshold is removed with the change, so the new threshold mails once more this month when it is reached
    /// (raising a threshold that already fired must not leave the customer unwarned at the new one). The previous
    /// month's evaluation and firings are left as they were. Saving the same threshold again (a double submit) changes
    /// nothing.
    /// </summary>
    public async Task<IActionResult> OnPostUpdateAsync(Guid alarmId, string? newThreshold, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var alarm = await db.ChargeAlarms.SingleOrDefaultAsync(a => a.Id == alarmId && a.AwsAccountId == AccountId && a.OrganizationId == OrgId, ct);
        if (alarm is null)
        {
            return NotFound();
        }
        var field = ThresholdField(alarm.Id);
        var threshold = ParseThreshold(newThreshold, alarm.Currency);
        if (threshold is not { } th)
        {
            Errors.Add(field, ThresholdError(alarm.Currency));
        }
        else if (th != alarm.Threshold && Rows.Any(r => r.Id != alarm.Id && r.TagValue == alarm.TagValue && r.Threshold == th))
        {
            Errors.Add(field, t["Alarms.Error.Duplicate"]);
        }
        if (Errors.Any)
        {
            Refused = (alarm.Id, newThreshold);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (threshold != alarm.Threshold)
        {
            var old = alarm.Threshold;
            alarm.Threshold = threshold!.Value;
            var month = CurrentMonth;
            db.ChargeAlarmFirings.RemoveRange(await db.ChargeAlarmFirings.Where(f => f.ChargeAlarmId == alarm.Id && f.Month == month).ToListAsync(ct));
            audit.Record("charge-alarm.updated", User.UserId(), alarm.Id.ToString(), OrgId,
                detail: string.Create(CultureInfo.InvariantCulture, $"account={AccountNumber} tag={alarm.TagValue} threshold={old:0.####}->{alarm.Threshold:0.####} {alarm.Currency}"));
            await db.SaveChangesAsync(ct);
        }
        return Redirect($"/orgs/{OrgId}/accounts/{AccountId}/alarms?done=updated");
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

    /// <summary>The error key of a row's threshold field.</summary>
    public static string ThresholdField(Guid alarmId) => "NewThreshold-" + alarmId.ToString("N");

    /// <summary>What a row's threshold field shows: the refused text after a refused change, else the threshold as typed (no grouping).</summary>
    public string ThresholdText(AlarmRow row) => Refused is { } refused && refused.AlarmId == row.Id
        ? refused.Threshold ?? ""
        : row.Threshold.ToString(row.Currency == Currency.Jpy ? "0" : "0.##", CultureInfo.InvariantCulture);

    /// <summary>A threshold above zero, within <see cref="MaxThreshold"/>, in whole yen or in cents; null when the text is not one.</summary>
    private static decimal? ParseThreshold(string? text, Currency currency) =>
        FormValues.ParseDecimal(text) is { } value && value > 0 && value <= MaxThreshold && FormValues.HasAtMostPlaces(value, currency == Currency.Jpy ? 0 : 2)
            ? value
            : null;

    private string ThresholdError(Currency currency) => t[currency == Currency.Jpy ? "Alarms.Error.ThresholdYen" : "Alarms.Error.ThresholdUsd"];

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
