using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Billing.Rating;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Charges;

/// <summary>
/// A rating rule as staff type it. Every field is text so that a wrong value comes back with its own message; only
/// the fields of the chosen kind are read, the others are stored empty (ADR 0005 explains each kind).
/// </summary>
public sealed partial record RatingRuleForm(
    string? Kind, string? Scope, string? ScopeValue, string? Percent, string? Amount, string? AmountCurrency,
    string? LineItemType, string? Treatment, string? NameJa, string? NameEn, string? EffectiveFrom, string? EffectiveUntil)
{
    public const decimal MinAdjustment = -100m;
    public const decimal MaxAdjustment = 1000m;
    public const decimal MaxFlatFee = 100_000_000m;

    /// <summary>Line item types staff usually pick; any AWS type name may be typed.</summary>
    public static readonly string[] KnownLineItemTypes =
    [
        LineItemTypes.Usage, LineItemTypes.DiscountedUsage, LineItemTypes.SavingsPlanCoveredUsage, LineItemTypes.SavingsPlanNegation,
        LineItemTypes.SavingsPlanUpfrontFee, LineItemTypes.SavingsPlanRecurringFee, LineItemTypes.RiFee, LineItemTypes.Fee,
        LineItemTypes.Credit, LineItemTypes.Refund, LineItemTypes.Tax, LineItemTypes.SppDiscount, "EdpDiscount", "PrivateRateDiscount", "BundledDiscount",
    ];

    public static RatingRuleForm From(RatingRuleEntry e, string? organizationCode) => new(
        ((RuleKind)e.Kind).ToString(), ((RuleScopeKind)e.Scope).ToString(),
        (RuleScopeKind)e.Scope == RuleScopeKind.Organization ? organizationCode ?? e.ScopeValue : e.ScopeValue,
        e.Percent == 0 ? "" : FormValues.Number(e.Percent), e.Amount == 0 ? "" : FormValues.Number(e.Amount), e.AmountCurrency.ToString(),
        e.LineItemType, ((LineTreatment)e.Treatment).ToString(), e.NameJa, e.NameEn,
        FormValues.MonthText(e.EffectiveFrom), e.EffectiveUntil is { } until ? FormValues.MonthText(until) : "");

    public static RatingRuleForm Empty(DateOnly month) =>
        new(nameof(RuleKind.Adjustment), nameof(RuleScopeKind.All), "", "", "", nameof(Currency.Jpy), "", nameof(LineTreatment.PassThrough), "", "", FormValues.MonthText(month), "");

    /// <summary>Checks every field and, when all are valid, writes them into <paramref name="entry"/>; nothing is written otherwise.</summary>
    public async Task<FieldErrors> ApplyToAsync(RatingRuleEntry entry, PortalDbContext db, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var kind = Enum.TryParse<RuleKind>(Kind, out var k) && Enum.IsDefined(k) ? k : (RuleKind?)null;
        var scope = Enum.TryParse<RuleScopeKind>(Scope, out var s) && Enum.IsDefined(s) ? s : (RuleScopeKind?)null;
        if (kind is null)
        {
            errors.Add(nameof(Kind), t["Rules.Error.Kind"]);
        }
        if (scope is null)
        {
            errors.Add(nameof(Scope), t["Rules.Error.Scope"]);
        }
        if (kind is RuleKind.FlatFee or RuleKind.PercentageFee && scope is not (RuleScopeKind.Project or RuleScopeKind.Account))
        {
            errors.Add(nameof(Scope), t["Rules.Error.FeeScope"]);
        }
        var scopeValue = scope is { } sc ? await ScopeValueAsync(sc, errors, db, t, ct) : null;

        var percent = 0m;
        if (kind is RuleKind.Adjustment or RuleKind.PercentageFee)
        {
            var (min, max) = kind == RuleKind.Adjustment ? (MinAdjustment, MaxAdjustment) : (0m, 100m);
            var parsed = FormValues.ParseDecimal(Percent);
            if (parsed is not { } p || p < min || p > max || p == 0 || !FormValues.HasAtMostPlaces(p, 4))
            {
                errors.Add(nameof(Percent), t[kind == RuleKind.Adjustment ? "Rules.Error.Adjustment" : "Rules.Error.PercentageFee", min, max]);
            }
            else
            {
                percent = p;
            }
        }

        var amount = 0m;
        var currency = Enum.TryParse<Currency>(AmountCurrency, out var c) && Enum.IsDefined(c) ? c : (Currency?)null;
        if (kind == RuleKind.FlatFee)
        {
            if (currency is null)
            {
                errors.Add(nameof(AmountCurrency), t["Rules.Error.Currency"]);
            }
            var places = currency == Currency.Jpy ? 0 : 2;
            var parsed = FormValues.ParseDecimal(Amount);
            if (parsed is not { } a || a <= 0 || a > MaxFlatFee || !FormValues.HasAtMostPlaces(a, places))
            {
                errors.Add(nameof(Amount), t[currency == Currency.Jpy ? "Rules.Error.AmountYen" : "Rules.Error.AmountUsd", MaxFlatFee.ToString("N0", CultureInfo.InvariantCulture)]);
            }
            else
            {
                amount = a;
            }
        }

        var lineItemType = LineItemType?.Trim() ?? "";
        var treatment = Enum.TryParse<LineTreatment>(Treatment, out var tr) && Enum.IsDefined(tr) ? tr : (LineTreatment?)null;
        if (kind == RuleKind.Treatment)
        {
            if (!LineItemTypeShape().IsMatch(lineItemType))
            {
                errors.Add(nameof(LineItemType), t["Rules.Error.LineItemType"]);
            }
            if (treatment is null)
            {
                errors.Add(nameof(Treatment), t["Rules.Error.Treatment"]);
            }
        }

        var (nameJa, nameEn) = (NameJa?.Trim() ?? "", NameEn?.Trim() ?? "");
        if (kind is RuleKind.FlatFee or RuleKind.PercentageFee)
        {
            RequireName(nameof(NameJa), nameJa, "Rules.NameJa", errors, t);
            RequireName(nameof(NameEn), nameEn, "Rules.NameEn", errors, t);
        }

        var from = FormValues.ParseMonth(EffectiveFrom);
        if (from is null)
        {
            errors.Add(nameof(EffectiveFrom), t["Rules.Error.Month"]);
        }
        DateOnly? until = null;
        if (!string.IsNullOrWhiteSpace(EffectiveUntil))
        {
            until = FormValues.ParseMonth(EffectiveUntil);
            if (until is null)
            {
                errors.Add(nameof(EffectiveUntil), t["Rules.Error.Month"]);
            }
            else if (from is not null && until < from)
            {
                errors.Add(nameof(EffectiveUntil), t["Rules.Error.UntilBeforeFrom"]);
            }
        }

        if (errors.Any)
        {
            return errors;
        }
        entry.Kind = (int)kind!.Value;
        entry.Scope = (int)scope!.Value;
        entry.ScopeValue = scopeValue;
        entry.Percent = percent;
        entry.Amount = amount;
        entry.AmountCurrency = kind == RuleKind.FlatFee ? currency!.Value : Currency.Usd;
        entry.LineItemType = kind == RuleKind.Treatment ? lineItemType : null;
        entry.Treatment = kind == RuleKind.Treatment ? (int)treatment!.Value : (int)LineTreatment.PassThrough;
        entry.NameJa = kind is RuleKind.FlatFee or RuleKind.PercentageFee ? nameJa : null;
        entry.NameEn = kind is RuleKind.FlatFee or RuleKind.PercentageFee ? nameEn : null;
        entry.EffectiveFrom = from!.Value;
        entry.EffectiveUntil = until;
        return errors;
    }

    /// <summary>The stored scope value: an organization's id (typed as its code), a project's id, an account number, a service code or a pattern.</summary>
    private async Task<string?> ScopeValueAsync(RuleScopeKind scope, FieldErrors errors, PortalDbContext db, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var value = ScopeValue?.Trim() ?? "";
        switch (scope)
        {
            case RuleScopeKind.All:
                return null;
            case RuleScopeKind.Organization:
                var typedId = Guid.TryParse(value, out var g) ? g : Guid.Empty;
                var organization = await db.Organizations.AsNoTracking().Where(o => o.Code == value || o.Id == typedId).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
                if (organization is null)
                {
                    errors.Add(nameof(ScopeValue), t["Rules.Error.Organization", value]);
                }
                return organization?.ToString();
            case RuleScopeKind.Project:
                var project = Guid.TryParse(value, out var id) && await db.Projects.AsNoTracking().AnyAsync(p => p.Id == id, ct) ? id : (Guid?)null;
                if (project is null)
                {
                    errors.Add(nameof(ScopeValue), t["Rules.Error.Project", value]);
                }
                return project?.ToString();
            case RuleScopeKind.Account:
                if (!AwsAccount.IsValidNumber(value) || !await db.AwsAccounts.AsNoTracking().AnyAsync(a => a.AccountNumber == value, ct))
                {
                    errors.Add(nameof(ScopeValue), t["Rules.Error.Account", value]);
                }
                return value;
            case RuleScopeKind.Service:
                if (!ServiceShape().IsMatch(value))
                {
                    errors.Add(nameof(ScopeValue), t["Rules.Error.Service"]);
                }
                return value;
            default:
                if (!PatternShape().IsMatch(value) || value.All(ch => ch is '*' or '?'))
                {
                    errors.Add(nameof(ScopeValue), t["Rules.Error.Pattern"]);
                }
                return value;
        }
    }

    private static void RequireName(string field, string value, string label, FieldErrors errors, IStringLocalizer<SharedResource> t)
    {
        if (value.Length == 0)
        {
            errors.Add(field, t["Validation.Required", t[label]]);
        }
        else if (value.Length > 200)
        {
            errors.Add(field, t["Validation.MaxLength", t[label], 200]);
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{1,63}\z")]
    private static partial Regex LineItemTypeShape();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,199}\z")]
    private static partial Regex ServiceShape();

    [GeneratedRegex(@"^[A-Za-z0-9*?:._/()\-]{1,200}\z")]
    private static partial Regex PatternShape();
}
