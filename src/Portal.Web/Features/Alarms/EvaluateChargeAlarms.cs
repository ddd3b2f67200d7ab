using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Billing.Rating;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Web.Features.Alarms;

/// <summary>
/// Fires the charge alarms whose threshold the month-to-date charges have reached (SPEC F9). Runs after every
/// recompute. Each alarm fires at most once per calendar month: the firing row and the mail commit together, and a
/// unique (alarm, month) key stops a second run or a second worker from mailing again.
/// </summary>
/// <remarks>
/// Months evaluated: the current month in Japan, and the previous month for alarms that already existed in it (AWS
/// keeps correcting a month for a few days after it ends; a new alarm must not mail about a month already over).
/// Counted: AWS lines except upfront fees (RI <c>Fee</c>, <c>SavingsPlanUpfrontFee</c>); the reseller's monthly
/// custom fees are not usage and are left out too. An alarm without billing addresses waits until they are set.
/// </remarks>
public sealed class EvaluateChargeAlarms(
    PortalDbContext db, MailOutbox outbox, MailTemplates templates, AuditLog audit, IOptions<PublicUrls> urls, TimeProvider clock, ILogger<EvaluateChargeAlarms> log)
{
    private static readonly string[] UpfrontFees = [LineItemTypes.Fee, LineItemTypes.SavingsPlanUpfrontFee];

    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        var today = Jst.Today(clock.GetUtcNow());
        var current = new DateOnly(today.Year, today.Month, 1);
        var currentStarted = new DateTimeOffset(current.Year, current.Month, 1, 0, 0, 0, Jst.Offset).ToUniversalTime();
        return await EvaluateMonthAsync(current.AddMonths(-1), currentStarted, ct) + await EvaluateMonthAsync(current, null, ct);
    }

    private async Task<int> EvaluateMonthAsync(DateOnly month, DateTimeOffset? createdBefore, CancellationToken ct)
    {
        var alarms = await db.ChargeAlarms.AsNoTracking()
            .Where(a => !db.ChargeAlarmFirings.Any(f => f.ChargeAlarmId == a.Id && f.Month == month))
            .Where(a => createdBefore == null || a.CreatedAt < createdBefore)
            .Select(a => new PendingAlarm(a.Id, a.OrganizationId, a.AwsAccountId, a.AwsAccount.AccountNumber, a.AwsAccount.Name, a.TagValue, a.Threshold, a.Currency))
            .ToListAsync(ct);
        if (alarms.Count == 0)
        {
            return 0;
        }
        var numbers = alarms.Select(a => a.AccountNumber).Distinct().ToList();
        var sums = await db.ChargeLines.AsNoTracking()
            .Where(c => c.Month == month && numbers.Contains(c.AccountNumber) && c.LineItemType != "" && !UpfrontFees.Contains(c.LineItemType))
            .GroupBy(c => new { c.AccountNumber, c.TagValue, c.Currency })
            .Select(g => new ChargeSum(g.Key.AccountNumber, g.Key.TagValue, g.Key.Currency, g.Sum(c => c.Amount), g.Sum(c => c.Usd)))
            .ToListAsync(ct);
        var rate = await db.ExchangeRates.AsNoTracking().Where(r => r.Month == month).Select(r => (decimal?)r.UsdToJpy).SingleOrDefaultAsync(ct);
        var fired = 0;
        foreach (var alarm in alarms)
        {
            var lines = sums.Where(s => s.AccountNumber == alarm.AccountNumber && (alarm.TagValue == null || s.TagValue == alarm.TagValue)).ToList();
            if (lines.Count == 0 || InAlarmCurrency(alarm.Currency, lines, rate) is not { } amount || amount < alarm.Threshold)
            {
                continue;
            }
            if (await FireAsync(alarm, month, amount, ct))
            {
                fired++;
            }
        }
        return fired;
    }

    /// <summary>The month-to-date amount in the alarm's currency; null when it cannot be known (no rate for a USD account's yen alarm).</summary>
    private static decimal? InAlarmCurrency(Currency currency, List<ChargeSum> lines, decimal? rate)
    {
        var total = 0m;
        foreach (var line in lines)
        {
            var usd = FixedPoint.ToDecimal(line.Usd);
            if (line.Currency == currency)
            {
                total += FixedPoint.ToDecimal(line.Amount);
            }
            else if (currency == Currency.Usd)
            {
                total += usd;
            }
            else if (rate is { } r)
            {
                total += usd * r;
            }
            else
            {
                return null;
            }
        }
        return total;
    }

    private async Task<bool> FireAsync(PendingAlarm alarm, DateOnly month, decimal amount, CancellationToken ct)
    {
        var settings = await db.AccountNotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.AwsAccountId == alarm.AccountId, ct);
        if (settings is null || settings.BillingTo.Count + settings.BillingCc.Count == 0)
        {
            log.LogInformation("Charge alarm {AlarmId} of account {AccountNumber} reached its threshold but the account has no billing addresses", alarm.Id, alarm.AccountNumber);
            return false;
        }
        db.ChargeAlarmFirings.Add(new ChargeAlarmFiring
        {
            ChargeAlarmId = alarm.Id, OrganizationId = alarm.OrganizationId, Month = month, Amount = Math.Round(amount, 4), FiredAt = clock.GetUtcNow(),
        });
        outbox.Enqueue(Mail(alarm, month, amount, settings));
        audit.Record("charge-alarm.fired", null, alarm.Id.ToString(), alarm.OrganizationId,
            detail: string.Create(CultureInfo.InvariantCulture, $"account={alarm.AccountNumber} month={month:yyyy-MM} amount={amount:0.##} threshold={alarm.Threshold}"));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another run fired it first (unique alarm and month): its mail is the one that goes out.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private MailMessageDraft Mail(PendingAlarm alarm, DateOnly month, decimal amount, AccountNotificationSettings settings)
    {
        var language = settings.Language;
        var monthText = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var target = alarm.TagValue is null
            ? templates.Text(language, "Alarms.TargetAccount")
            : templates.Text(language, "Alarms.TargetTag", alarm.TagValue);
        var link = urls.Value.PortalLink($"/orgs/{alarm.OrganizationId}/accounts/{alarm.AccountId}/charges?month={monthText}");
        var settingsLink = urls.Value.PortalLink($"/orgs/{alarm.OrganizationId}/accounts/{alarm.AccountId}/alarms");
        var amountText = new Money(amount, alarm.Currency).ToString();
        var thresholdText = new Money(alarm.Threshold, alarm.Currency).ToString();
        var (subject, body) = templates.Render(language, "ChargeAlarm", [alarm.AccountNumber, alarm.AccountName, amountText, monthText],
            [alarm.AccountNumber, alarm.AccountName, monthText, target, amountText, thresholdText, link, settingsLink]);
        // Billing may hold only CC addresses; they then receive the alarm as its addressees.
        return settings.BillingTo.Count > 0
            ? new MailMessageDraft(settings.BillingTo, settings.BillingCc, subject, body)
            : new MailMessageDraft(settings.BillingCc, [], subject, body);
    }

    private sealed record PendingAlarm(
        Guid Id, Guid OrganizationId, Guid AccountId, string AccountNumber, string AccountName, string? TagValue, decimal Threshold, Currency Currency);

    private sealed record ChargeSum(string AccountNumber, string TagValue, Currency Currency, long Amount, long Usd);
}
