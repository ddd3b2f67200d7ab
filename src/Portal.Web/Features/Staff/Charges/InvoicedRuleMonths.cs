using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Billing.Rating;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Charges;

/// <summary>
/// The invoiced months a rating-rule change would touch. An issued invoice freezes its payers' months, so a recompute
/// leaves their charges alone — but the usage CSV rates a month's daily facts with the rules of the moment. A rule
/// change covering an invoiced month would therefore change nothing on the invoice and still make its CSV disagree
/// with it; staff are told instead (as a new exchange rate for such a month is refused), and change later months by
/// ending the rule at the last invoiced month and adding a new one.
/// </summary>
public static class InvoicedRuleMonths
{
    /// <summary>What one piece of a change reaches: a rule's scope over some of its months.</summary>
    public readonly record struct Reach(RuleScopeKind Scope, string? Value, (DateOnly From, DateOnly? Until) Range)
    {
        public static Reach Of(RatingRuleEntry rule, (DateOnly From, DateOnly? Until) range) => new((RuleScopeKind)rule.Scope, rule.ScopeValue, range);
    }

    /// <summary>The frozen months any of <paramref name="reaches"/> touches, earliest first.</summary>
    public static async Task<IReadOnlyList<DateOnly>> TouchedAsync(PortalDbContext db, IEnumerable<Reach> reaches, CancellationToken ct)
    {
        var months = new SortedSet<DateOnly>();
        foreach (var reach in reaches)
        {
            months.UnionWith(await TouchedAsync(db, reach, ct));
        }
        return [.. months];
    }

    /// <summary>
    /// The frozen months in the reach's range whose payers have charge lines a rule of its scope can match (all lines
    /// for a usage-type pattern or for every account).
    /// </summary>
    private static async Task<List<DateOnly>> TouchedAsync(PortalDbContext db, Reach reach, CancellationToken ct)
    {
        var lines = db.ChargeLines.AsNoTracking();
        var value = reach.Value;
        lines = reach.Scope switch
        {
            RuleScopeKind.Organization => Guid.TryParse(value, out var organization) ? lines.Where(c => c.OrganizationId == organization) : lines.Where(c => false),
            RuleScopeKind.Project => Guid.TryParse(value, out var project) ? lines.Where(c => c.ProjectId == project) : lines.Where(c => false),
            RuleScopeKind.Account => lines.Where(c => c.AccountNumber == value),
            RuleScopeKind.Service => lines.Where(c => c.ProductCode == value),
            _ => lines,
        };
        var (from, until) = reach.Range;
        return await db.FrozenChargeMonths.AsNoTracking()
            .Where(f => f.Month >= from && (until == null || f.Month <= until))
            .Where(f => lines.Any(c => c.PayerAccountId == f.PayerAccountId && c.Month == f.Month))
            .Select(f => f.Month).Distinct()
            .ToListAsync(ct);
    }

    /// <summary>What staff read when a change is refused: the months, and how to change the later ones.</summary>
    public static string Refusal(IStringLocalizer<SharedResource> t, IReadOnlyList<DateOnly> months)
    {
        const int Listed = 6;
        var listed = string.Join(", ", months.Take(Listed).Select(FormValues.MonthText)) + (months.Count > Listed ? ", …" : "");
        return t["Rules.Error.Invoiced", listed, FormValues.MonthText(months[^1]), FormValues.MonthText(months[^1].AddMonths(1))];
    }

    /// <summary>The months in exactly one of two ranges: all that changes when a rule keeps its terms and only its months move.</summary>
    public static IEnumerable<(DateOnly From, DateOnly? Until)> Difference((DateOnly From, DateOnly? Until) a, (DateOnly From, DateOnly? Until) b)
    {
        if (a.Until < b.From || b.Until < a.From)
        {
            yield return a;
            yield return b;
            yield break;
        }
        if (a.From != b.From)
        {
            var (first, second) = a.From < b.From ? (a.From, b.From) : (b.From, a.From);
            yield return (first, second.AddMonths(-1));
        }
        if (a.Until != b.Until)
        {
            // One of them ends earlier (an open range never does): the months after it, up to where the other ends.
            var (earlier, later) = b.Until is null || (a.Until is not null && a.Until < b.Until) ? (a.Until!.Value, b.Until) : (b.Until!.Value, a.Until);
            yield return (earlier.AddMonths(1), later);
        }
    }

    /// <summary>The months that two ranges share (where the order of two rules matters), or null when they share none.</summary>
    public static (DateOnly From, DateOnly? Until)? Overlap((DateOnly From, DateOnly? Until) a, (DateOnly From, DateOnly? Until) b)
    {
        var from = a.From > b.From ? a.From : b.From;
        DateOnly? until = a.Until is null ? b.Until : b.Until is null ? a.Until : (a.Until < b.Until ? a.Until : b.Until);
        return until < from ? null : (from, until);
    }
}
