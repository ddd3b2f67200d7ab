using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Account;

/// <summary>What issuing a key came to: the key (shown once) or the errors per field.</summary>
public sealed record IssueApiKeyOutcome(string? Key, ApiKey? Row, IReadOnlyDictionary<string, string> Errors)
{
    public bool Issued => Key is not null;
}

/// <summary>
/// Issues a personal API key (SPEC F14) from the user page or <c>portal apikey issue</c>: a name unique per user (so a
/// form posted twice issues one key), an optional last day of validity in JST, at most <see cref="ApiKey.MaxPerUser"/>
/// keys. Error values are resource keys; the page localizes them, the CLI prints the English text.
/// </summary>
public sealed class IssueApiKey(PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string NameField = "Name";
    public const string ExpiresField = "ExpiresOn";

    public async Task<IssueApiKeyOutcome> HandleAsync(Guid userId, string? name, DateOnly? expiresOn, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var trimmed = (name ?? "").Trim();
        var now = clock.GetUtcNow();
        if (trimmed.Length == 0)
        {
            errors[NameField] = "ApiKeys.Error.NameRequired";
        }
        else if (trimmed.Length > ApiKey.NameMaxLength)
        {
            errors[NameField] = "ApiKeys.Error.NameTooLong";
        }
        else if (await db.ApiKeys.AnyAsync(k => k.UserId == userId && k.Name == trimmed, ct))
        {
            errors[NameField] = "ApiKeys.Error.NameTaken";
        }
        if (expiresOn is { } last && last < Jst.Today(now))
        {
            errors[ExpiresField] = "ApiKeys.Error.ExpiryPast";
        }
        if (errors.Count == 0 && await db.ApiKeys.CountAsync(k => k.UserId == userId, ct) >= ApiKey.MaxPerUser)
        {
            errors[NameField] = "ApiKeys.Error.TooMany";
        }
        if (errors.Count > 0)
        {
            return new IssueApiKeyOutcome(null, null, errors);
        }
        // Valid through the last day in Japan: it stops at the following JST midnight.
        DateTimeOffset? expiresAt = expiresOn is { } day ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Jst.Offset).ToUniversalTime() : null;
        var (row, key) = ApiKey.Create(userId, trimmed, now, expiresAt);
        db.ApiKeys.Add(row);
        audit.Record("apikey.issued", userId, $"{row.Name} ({row.Prefix})");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent post with the same name won the unique index.
            db.ChangeTracker.Clear();
            return new IssueApiKeyOutcome(null, null, new Dictionary<string, string> { [NameField] = "ApiKeys.Error.NameTaken" });
        }
        return new IssueApiKeyOutcome(key, row, errors);
    }
}
