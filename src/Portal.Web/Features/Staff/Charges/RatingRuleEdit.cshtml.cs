using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Billing.Rating;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Charges;

/// <summary>
/// Creates or edits one rating rule of any kind the engine supports. A valid change is saved with its audit event and
/// marks the months of the old and new effective ranges stale; the recompute job then re-rates them.
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class RatingRuleEditModel(PortalDbContext db, CommitChargeChange commit, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid? RuleId { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Scope { get; set; }

    [BindProperty]
    public string? ScopeValue { get; set; }

    [BindProperty]
    public string? Percent { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? AmountCurrency { get; set; }

    [BindProperty]
    public string? LineItemType { get; set; }

    [BindProperty]
    public string? Treatment { get; set; }

    [BindProperty]
    public string? NameJa { get; set; }

    [BindProperty]
    public string? NameEn { get; set; }

    [BindProperty]
    public string? EffectiveFrom { get; set; }

    [BindProperty]
    public string? EffectiveUntil { get; set; }

    public FieldErrors Errors { get; private set; } = new();

    public bool IsNew => RuleId is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        RatingRuleForm form;
        if (RuleId is { } id)
        {
            var rule = await db.RatingRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
            if (rule is null)
            {
                return NotFound();
            }
            var code = (RuleScopeKind)rule.Scope == RuleScopeKind.Organization && Guid.TryParse(rule.ScopeValue, out var organizationId)
                ? await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Code).SingleOrDefaultAsync(ct)
                : null;
            form = RatingRuleForm.From(rule, code);
        }
        else
        {
            var today = Jst.Today(clock.GetUtcNow());
            form = RatingRuleForm.Empty(new DateOnly(today.Year, today.Month, 1));
        }
        (Kind, Scope, ScopeValue, Percent, Amount, AmountCurrency, LineItemType, Treatment, NameJa, NameEn, EffectiveFrom, EffectiveUntil) = form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var rule = RuleId is { } id ? await db.RatingRules.SingleOrDefaultAsync(r => r.Id == id, ct) : new RatingRuleEntry();
        if (rule is null)
        {
            return NotFound();
        }
        var before = RuleId is null ? null : new { Reach = InvoicedRuleMonths.Reach.Of(rule, RatingRulesModel.Range(rule)), Text = Describe(rule), Terms = Terms(rule) };
        var form = new RatingRuleForm(Kind, Scope, ScopeValue, Percent, Amount, AmountCurrency, LineItemType, Treatment, NameJa, NameEn, EffectiveFrom, EffectiveUntil);
        Errors = await form.ApplyToAsync(rule, db, t, ct);
        if (!Errors.Any)
        {
            // A rule that keeps its terms changes only the months entering or leaving its range (ending a rule at the
            // last invoiced month is how staff change the months after it); new terms change every month of both ranges.
            var after = RatingRulesModel.Range(rule);
            IEnumerable<InvoicedRuleMonths.Reach> reaches = before is null ? [InvoicedRuleMonths.Reach.Of(rule, after)]
                : before.Terms == Terms(rule) ? InvoicedRuleMonths.Difference(before.Reach.Range, after).Select(range => InvoicedRuleMonths.Reach.Of(rule, range))
                : [before.Reach, InvoicedRuleMonths.Reach.Of(rule, after)];
            if (await InvoicedRuleMonths.TouchedAsync(db, reaches, ct) is { Count: > 0 } touched)
            {
                Errors.Add(nameof(EffectiveFrom), InvoicedRuleMonths.Refusal(t, touched));
            }
        }
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        rule.UpdatedAt = clock.GetUtcNow();
        if (RuleId is null)
        {
            // A new rule goes last: rules are applied in order and staff place specific rules before general ones.
            rule.Order = (await db.RatingRules.MaxAsync(r => (int?)r.Order, ct) ?? 0) + 1;
            db.RatingRules.Add(rule);
        }
        audit.Record(RuleId is null ? "rating-rule.created" : "rating-rule.updated", User.UserId(), rule.Id.ToString(),
            detail: before is null ? Describe(rule) : $"{before.Text} -> {Describe(rule)}");
        await commit.CommitAsync(before is null ? [RatingRulesModel.Range(rule)] : [before.Reach.Range, RatingRulesModel.Range(rule)], ct);
        return Redirect($"/staff/rating-rules?done={(RuleId is null ? "created" : "saved")}");
    }

    /// <summary>The rule in one line for the audit log.</summary>
    public static string Describe(RatingRuleEntry r) => string.Create(CultureInfo.InvariantCulture, $"{Terms(r)} from={r.EffectiveFrom:yyyy-MM} until={r.EffectiveUntil:yyyy-MM}");

    /// <summary>What the rule does, without the months it does it in.</summary>
    private static string Terms(RatingRuleEntry r) => string.Create(CultureInfo.InvariantCulture,
        $"kind={(RuleKind)r.Kind} scope={(RuleScopeKind)r.Scope}:{r.ScopeValue} percent={r.Percent:0.######} amount={r.Amount:0.######} {r.AmountCurrency} type={r.LineItemType} treatment={(LineTreatment)r.Treatment}");
}
