using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Billing.Rating;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Charges;

public sealed record RatingRuleRow(
    Guid Id, int Position, RuleKind Kind, RuleScopeKind Scope, string ScopeLabel, decimal Percent, decimal Amount, Currency AmountCurrency,
    string? LineItemType, LineTreatment Treatment, string? NameJa, string? NameEn, DateOnly From, DateOnly? Until);

/// <summary>
/// The rating rules in the order rating applies them (ADR 0005: the first matching rule wins), with their effective
/// months; staff reorder and delete here and edit on <see cref="RatingRuleEditModel"/>.
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class RatingRulesModel(PortalDbContext db, CommitChargeChange commit, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<RatingRuleRow> Rows { get; private set; } = [];

    /// <summary>Why a move or a delete was refused (it would touch invoiced months), shown above the table.</summary>
    public string? Refusal { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await RowsAsync(db, ct);

    /// <summary>Moves a rule one place up (<paramref name="direction"/> −1) or down (+1).</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, int direction, CancellationToken ct)
    {
        var rules = await db.RatingRules.OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        var index = rules.FindIndex(r => r.Id == id);
        if (index < 0)
        {
            return NotFound();
        }
        var other = index + Math.Sign(direction);
        if (direction == 0 || other < 0 || other >= rules.Count)
        {
            return Redirect("/staff/rating-rules");
        }
        // The order of two rules matters only in the months both apply to.
        if (InvoicedRuleMonths.Overlap(Range(rules[index]), Range(rules[other])) is { } shared
            && await InvoicedRuleMonths.TouchedAsync(db, [InvoicedRuleMonths.Reach.Of(rules[index], shared), InvoicedRuleMonths.Reach.Of(rules[other], shared)], ct) is { Count: > 0 } touched)
        {
            return await RefuseAsync(touched, ct);
        }
        (rules[index], rules[other]) = (rules[other], rules[index]);
        var now = clock.GetUtcNow();
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Order != i + 1)
            {
                rules[i].Order = i + 1;
                rules[i].UpdatedAt = now;
            }
        }
        audit.Record("rating-rule.moved", User.UserId(), id.ToString(), detail: string.Create(CultureInfo.InvariantCulture, $"position {index + 1} -> {other + 1}"));
        await commit.CommitAsync([Range(rules[index]), Range(rules[other])], ct);
        return Redirect("/staff/rating-rules?done=moved");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var rule = await db.RatingRules.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return NotFound();
        }
        if (await InvoicedRuleMonths.TouchedAsync(db, [InvoicedRuleMonths.Reach.Of(rule, Range(rule))], ct) is { Count: > 0 } touched)
        {
            return await RefuseAsync(touched, ct);
        }
        db.RatingRules.Remove(rule);
        audit.Record("rating-rule.deleted", User.UserId(), id.ToString(), detail: RatingRuleEditModel.Describe(rule));
        await commit.CommitAsync([Range(rule)], ct);
        return Redirect("/staff/rating-rules?done=deleted");
    }

    public static (DateOnly, DateOnly?) Range(RatingRuleEntry rule) => (rule.EffectiveFrom, rule.EffectiveUntil);

    private async Task<IActionResult> RefuseAsync(IReadOnlyList<DateOnly> touched, CancellationToken ct)
    {
        Refusal = InvoicedRuleMonths.Refusal(t, touched);
        Rows = await RowsAsync(db, ct);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    internal static async Task<IReadOnlyList<RatingRuleRow>> RowsAsync(PortalDbContext db, CancellationToken ct)
    {
        var rules = await db.RatingRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        var organizationIds = rules.Where(r => r.Scope == (int)RuleScopeKind.Organization).Select(r => Guid.TryParse(r.ScopeValue, out var id) ? id : Guid.Empty).ToList();
        var projectIds = rules.Where(r => r.Scope == (int)RuleScopeKind.Project).Select(r => Guid.TryParse(r.ScopeValue, out var id) ? id : Guid.Empty).ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name + " (" + o.Code + ")", ct);
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, Label = p.Name + " — " + (p.Organization.Alias ?? p.Organization.Name) })
            .ToDictionaryAsync(p => p.Id, p => p.Label, ct);
        string Label(RatingRuleEntry r) => (RuleScopeKind)r.Scope switch
        {
            RuleScopeKind.All => "",
            RuleScopeKind.Organization when Guid.TryParse(r.ScopeValue, out var id) && organizations.TryGetValue(id, out var label) => label,
            RuleScopeKind.Project when Guid.TryParse(r.ScopeValue, out var id) && projects.TryGetValue(id, out var label) => label,
            _ => r.ScopeValue ?? "",
        };
        return rules.Select((r, i) => new RatingRuleRow(r.Id, i + 1, (RuleKind)r.Kind, (RuleScopeKind)r.Scope, Label(r), r.Percent, r.Amount, r.AmountCurrency,
            r.LineItemType, (LineTreatment)r.Treatment, r.NameJa, r.NameEn, r.EffectiveFrom, r.EffectiveUntil)).ToList();
    }
}
