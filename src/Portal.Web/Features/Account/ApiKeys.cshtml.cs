using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

public sealed record ApiKeyRow(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, string? LastUsedIp, bool Expired);

/// <summary>
/// The user's own API keys (SPEC F14): list, issue, delete. A new key is shown in the answer to the post and never
/// again (the database holds only its hash), so that answer is not cached.
/// </summary>
[Authorize]
public sealed class ApiKeysModel(PortalDbContext db, IssueApiKey issue, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? ExpiresOn { get; set; }

    public IReadOnlyList<ApiKeyRow> Keys { get; private set; } = [];

    /// <summary>The key just issued; shown once.</summary>
    public string? NewKey { get; private set; }

    public bool Deleted { get; private set; }

    public Dictionary<string, List<string>> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Deleted = Request.Query["deleted"] == "true";
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = User.UserId() ?? throw new InvalidOperationException("A signed-in user has an id.");
        DateOnly? expiresOn = null;
        if (!string.IsNullOrWhiteSpace(ExpiresOn))
        {
            if (DateOnly.TryParseExact(ExpiresOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                expiresOn = day;
            }
            else
            {
                Add(IssueApiKey.ExpiresField, t["ApiKeys.Error.ExpiryFormat"]);
            }
        }
        if (Errors.Count == 0)
        {
            var outcome = await issue.HandleAsync(userId, Name, expiresOn, ct);
            foreach (var (field, key) in outcome.Errors)
            {
                Add(field, t[key, ApiKey.NameMaxLength, ApiKey.MaxPerUser]);
            }
            NewKey = outcome.Key;
        }
        if (NewKey is not null)
        {
            Name = null;
            ExpiresOn = null;
            Response.Headers.CacheControl = "no-store";
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var userId = User.UserId() ?? throw new InvalidOperationException("A signed-in user has an id.");
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.UserId == userId, ct);
        if (key is not null)
        {
            db.ApiKeys.Remove(key);
            audit.Record("apikey.deleted", userId, $"{key.Name} ({key.Prefix})");
            await db.SaveChangesAsync(ct);
        }
        // Deleting twice (or another user's id) ends the same way: the key is not in the list.
        return Redirect("/id/api-keys?deleted=true");
    }

    public IReadOnlyList<string> ErrorsFor(string field) => Errors.TryGetValue(field, out var list) ? list : [];

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        var now = clock.GetUtcNow();
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId)
            .Select(k => new { k.Id, k.Name, k.Prefix, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.LastUsedIp })
            .ToListAsync(ct);
        // Sorted in memory: SQLite cannot order by DateTimeOffset.
        Keys = rows.OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.LastUsedIp, k.ExpiresAt <= now))
            .ToList();
    }

    private void Add(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list))
        {
            Errors[field] = list = [];
        }
        list.Add(message);
    }
}
