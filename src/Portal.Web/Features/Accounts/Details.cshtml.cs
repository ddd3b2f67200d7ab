using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Charges;
using Portal.Web.Infrastructure;
using Portal.Web.Features.Projects;

namespace Portal.Web.Features.Accounts;

public sealed record AccountView(Guid Id, string AccountNumber, string Name, Guid ProjectId, string Project, AccountStatus Status, DateOnly JoinedOn);

public sealed record AssignmentRow(DateOnly EffectiveFrom, string Project);

public sealed record BaselineRow(string ServiceName, string Description);

/// <summary>
/// AWS account details (SPEC F6): fields, notification settings, project history, the baseline services that cost
/// money from day one, and the bookmark toggle (any member who can see the account may pin it).
/// </summary>
[OrgPermission(Permission.AccountViewer)]
public sealed class DetailsModel(PortalDbContext db, CurrentMembership membership, TimeProvider clock) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid AccountId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public AccountView Account { get; private set; } = null!;

    public AccountNotificationSettings Settings { get; private set; } = new();

    public IReadOnlyList<AssignmentRow> History { get; private set; } = [];

    public IReadOnlyList<BaselineRow> Baseline { get; private set; } = [];

    public IReadOnlyList<ApplicationRow> Applications { get; private set; } = [];

    public bool Pinned { get; private set; }

    /// <summary>This month's charges so far (SPEC F6), in the project's currency.</summary>
    public string CurrentCharges { get; private set; } = "";

    public bool CanEdit => membership.Has(Permission.AccountEditor);

    public bool CanRequestTransfer => membership.Has(Permission.ProjectEditor);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPinAsync(CancellationToken ct) => await SetPinAsync(true, ct);

    public async Task<IActionResult> OnPostUnpinAsync(CancellationToken ct) => await SetPinAsync(false, ct);

    private async Task<IActionResult> SetPinAsync(bool pin, CancellationToken ct)
    {
        if (!await db.AwsAccounts.AnyAsync(a => a.Id == AccountId && a.OrganizationId == OrgId, ct))
        {
            return NotFound();
        }
        var userId = User.UserId()!.Value;
        var existing = await db.AccountBookmarks.Where(b => b.OrganizationId == OrgId && b.UserId == userId && b.AwsAccountId == AccountId).ToListAsync(ct);
        if (pin && existing.Count == 0)
        {
            db.AccountBookmarks.Add(new AccountBookmark { OrganizationId = OrgId, UserId = userId, AwsAccountId = AccountId, CreatedAt = clock.GetUtcNow() });
        }
        else if (!pin)
        {
            db.AccountBookmarks.RemoveRange(existing);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (pin)
        {
            // A double click pinned it twice at once; the unique index kept one, which is what the user wanted.
        }
        return Redirect($"/orgs/{OrgId}/accounts/{AccountId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var account = await db.AwsAccounts.AsNoTracking().Where(a => a.Id == AccountId && a.OrganizationId == OrgId)
            .Select(a => new AccountView(a.Id, a.AccountNumber, a.Name, a.ProjectId, a.Project.Name, a.Status, a.JoinedOn)).SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return false;
        }
        Account = account;
        Settings = await db.AccountNotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.AwsAccountId == AccountId && s.OrganizationId == OrgId, ct)
            ?? new AccountNotificationSettings();
        History = await db.ProjectAssignments.AsNoTracking().Where(p => p.AwsAccountId == AccountId && p.OrganizationId == OrgId)
            .OrderBy(p => p.EffectiveFrom).ThenBy(p => p.CreatedAt).Select(p => new AssignmentRow(p.EffectiveFrom, p.Project.Name)).ToListAsync(ct);
        var language = Localization.CurrentLanguage;
        Baseline = (await db.BaselineServices.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.ServiceName).ToListAsync(ct))
            .Select(s => new BaselineRow(s.ServiceName, s.Description(language))).ToList();
        Applications = await db.ServiceApplications.AsNoTracking().Where(a => a.AwsAccountId == AccountId && a.OrganizationId == OrgId)
            .OrderByDescending(a => a.SubmittedAt).Take(50)
            .Select(a => new ApplicationRow(a.Id, a.Kind, a.Status, account.AccountNumber, a.AccountName, a.EffectiveMonth, a.SubmittedAt)).ToListAsync(ct);
        var month = ChargeFormat.ThisMonth(clock.GetUtcNow());
        var current = await db.ChargeMonthSums.AsNoTracking().Where(c => c.OrganizationId == OrgId && c.AccountNumber == account.AccountNumber && c.Month == month)
            .SumAsync(c => c.Amount, ct);
        var currency = await db.Projects.AsNoTracking().Where(p => p.Id == account.ProjectId).Select(p => p.Currency).SingleAsync(ct);
        CurrentCharges = ChargeFormat.Money(FixedPoint.ToDecimal(current), currency);
        var userId = User.UserId();
        Pinned = await db.AccountBookmarks.AnyAsync(b => b.AwsAccountId == AccountId && b.UserId == userId && b.OrganizationId == OrgId, ct);
        return true;
    }
}
