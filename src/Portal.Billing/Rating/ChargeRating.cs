using System.IO.Enumeration;
using Portal.Core.Projects;

namespace Portal.Billing.Rating;

/// <summary>The month cannot be rated as asked (for example a JPY project without the month's exchange rate).</summary>
public sealed class RatingException(string message) : Exception(message);

/// <summary>
/// Turns a month of AWS facts into the customer's charges. Pure: no clock, no database, no I/O.
/// <list type="number">
/// <item>Facts of accounts without a project this month, or dated before the account joined, are not charged.</item>
/// <item>Treatment: the first matching <see cref="RuleKind.Treatment"/> rule for the line item type decides pass-through
/// or retain; without one, <see cref="LineItemTypes.DefaultTreatment"/>. Re-rating commitments retains their fees.</item>
/// <item>Base amount: unblended cost, or the public on-demand cost for RI/SP-covered usage under a re-rate rule.</item>
/// <item>Adjustment: the first matching <see cref="RuleKind.Adjustment"/> rule in order (most specific first is the
/// staff's convention) applies its percentage to usage and fee lines; credits, refunds and discounts pass unchanged.</item>
/// <item>Custom fees: flat amounts and percentages of the rated usage of a project or account.</item>
/// <item>Currency: USD projects keep dollars; JPY projects multiply by the month's rate, unrounded.</item>
/// </list>
/// </summary>
public static class ChargeRating
{
    private readonly record struct ChargeKey(string AccountId, Guid ProjectId, DateOnly Day, string ProductCode, ChargeCategory Category, string LineItemType, string TagValue);

    public static IReadOnlyList<Charge> Rate(RatingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var month = new DateOnly(input.Month.Year, input.Month.Month, 1);
        var rules = EffectiveRules(input.Rules, month);
        var assignments = input.Assignments.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
        var sums = new Dictionary<ChargeKey, decimal>();
        foreach (var fact in input.Facts)
        {
            if (!assignments.TryGetValue(fact.AccountId, out var assignment) || RateUsd(fact, assignment, rules) is not { } amount)
            {
                continue;
            }
            var key = new ChargeKey(fact.AccountId, assignment.ProjectId, fact.Day, fact.ProductCode, LineItemTypes.CategoryOf(fact.LineItemType), fact.LineItemType, fact.TagValue);
            sums[key] = sums.GetValueOrDefault(key) + amount;
        }
        var projects = input.Assignments.GroupBy(a => a.ProjectId).ToDictionary(g => g.Key, g => g.First().Currency);
        var charges = sums.Select(s => ToCharge(s.Key, s.Value, projects[s.Key.ProjectId], input.Rate, null, null)).ToList();
        charges.AddRange(CustomFees(rules, month, input, charges, projects));
        return charges;
    }

    /// <summary>The rules in force in <paramref name="month"/>, in the order they are tried.</summary>
    public static IReadOnlyList<RatingRule> EffectiveRules(IEnumerable<RatingRule> rules, DateOnly month) =>
        [.. rules.Where(r => r.IsEffectiveIn(month)).OrderBy(r => r.Order).ThenBy(r => r.Id)];

    /// <summary>
    /// One fact's charge in USD, unrounded, or null when it is not charged (before the joined day, or retained).
    /// <see cref="Rate"/> sums exactly these amounts per charge line, so the usage-detail export, which rates each fact
    /// on its own, adds up to the stored charges. <paramref name="rules"/> come from <see cref="EffectiveRules"/>.
    /// </summary>
    public static decimal? RateUsd(FactLine fact, AccountAssignment assignment, IReadOnlyList<RatingRule> rules)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(rules);
        if (fact.Day < assignment.JoinedOn)
        {
            return null;
        }
        var reRate = rules.Any(r => r.Kind == RuleKind.ReRateCommitments && Matches(r, fact, assignment));
        if (TreatmentOf(rules, fact, assignment, reRate) == LineTreatment.Retain)
        {
            return null;
        }
        var amount = reRate && LineItemTypes.IsCommitmentCovered(fact.LineItemType) ? fact.PublicOnDemandCost : fact.UnblendedCost;
        if (LineItemTypes.CategoryOf(fact.LineItemType) is ChargeCategory.Usage or ChargeCategory.Fee
            && rules.FirstOrDefault(r => r.Kind == RuleKind.Adjustment && Matches(r, fact, assignment)) is { } adjustment)
        {
            amount += amount * adjustment.Percent / 100m;
        }
        return amount;
    }

    /// <summary>A USD charge in the project's currency, unrounded: the same conversion as every charge line.</summary>
    public static decimal InProjectCurrency(decimal usd, Currency currency, ExchangeRate? rate) =>
        currency == Currency.Jpy ? usd * RequireRate(rate).UsdToJpy : usd;

    private static LineTreatment TreatmentOf(IReadOnlyList<RatingRule> rules, FactLine fact, AccountAssignment assignment, bool reRate)
    {
        if (reRate && LineItemTypes.IsCommitmentCost(fact.LineItemType))
        {
            return LineTreatment.Retain;
        }
        var rule = rules.FirstOrDefault(r => r.Kind == RuleKind.Treatment
            && string.Equals(r.LineItemType, fact.LineItemType, StringComparison.OrdinalIgnoreCase) && Matches(r, fact, assignment));
        return rule?.Treatment ?? LineItemTypes.DefaultTreatment(fact.LineItemType);
    }

    private static bool Matches(RatingRule rule, FactLine fact, AccountAssignment assignment) => rule.Scope switch
    {
        RuleScopeKind.All => true,
        RuleScopeKind.Organization => Guid.TryParse(rule.ScopeValue, out var organization) && organization == assignment.OrganizationId,
        RuleScopeKind.Project => Guid.TryParse(rule.ScopeValue, out var project) && project == assignment.ProjectId,
        RuleScopeKind.Account => string.Equals(rule.ScopeValue, fact.AccountId, StringComparison.Ordinal),
        RuleScopeKind.Service => string.Equals(rule.ScopeValue, fact.ProductCode, StringComparison.OrdinalIgnoreCase),
        RuleScopeKind.UsageTypePattern => rule.ScopeValue is { Length: > 0 } pattern && FileSystemName.MatchesSimpleExpression(pattern, fact.UsageType, ignoreCase: true),
        _ => false,
    };

    /// <summary>Flat and percentage fees of projects and accounts that have charges or an assignment this month.</summary>
    private static IEnumerable<Charge> CustomFees(IReadOnlyList<RatingRule> rules, DateOnly month, RatingInput input, List<Charge> rated, Dictionary<Guid, Currency> projects)
    {
        foreach (var rule in rules.Where(r => r.Kind is RuleKind.FlatFee or RuleKind.PercentageFee))
        {
            var targets = rule.Scope switch
            {
                RuleScopeKind.Project when Guid.TryParse(rule.ScopeValue, out var project) => input.Assignments.Where(a => a.ProjectId == project).Select(a => (Account: "", a.ProjectId)).Distinct(),
                RuleScopeKind.Account => input.Assignments.Where(a => a.AccountId == rule.ScopeValue).Select(a => (Account: a.AccountId, a.ProjectId)),
                _ => [],
            };
            foreach (var (account, projectId) in targets.ToList())
            {
                var currency = projects[projectId];
                var usd = rule.Kind == RuleKind.FlatFee
                    ? FlatFeeInUsd(rule, input.Rate)
                    : rated.Where(c => c.ProjectId == projectId && c.Category == ChargeCategory.Usage && (account.Length == 0 || c.AccountId == account)).Sum(c => c.Usd) * rule.Percent / 100m;
                var key = new ChargeKey(account, projectId, month, "", ChargeCategory.Fee, "", "");
                yield return ToCharge(key, usd, currency, input.Rate, rule.NameJa, rule.NameEn, rule.Kind == RuleKind.FlatFee ? rule : null);
            }
        }
    }

    private static decimal FlatFeeInUsd(RatingRule rule, ExchangeRate? rate) =>
        rule.AmountCurrency == Currency.Usd ? rule.Amount : rule.Amount / RequireRate(rate).UsdToJpy;

    private static Charge ToCharge(ChargeKey key, decimal usd, Currency currency, ExchangeRate? rate, string? nameJa, string? nameEn, RatingRule? flatFee = null)
    {
        // A flat fee in the project's own currency keeps its exact amount instead of a round trip through dollars.
        var amount = flatFee is not null && flatFee.AmountCurrency == currency ? flatFee.Amount
            : InProjectCurrency(usd, currency, rate);
        return new Charge(key.AccountId, key.ProjectId, key.Day, key.ProductCode, key.Category, key.LineItemType, key.TagValue, usd, amount, currency, nameJa, nameEn);
    }

    private static ExchangeRate RequireRate(ExchangeRate? rate) =>
        rate ?? throw new RatingException("The month has no USD→JPY exchange rate; staff must enter it before JPY projects can be rated.");
}
