using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;

namespace Portal.Web.Auth;

/// <summary>
/// Authenticates <c>/api</c> requests by <c>Authorization: Bearer mpk_…</c> (SPEC F14, SECURITY.md "API keys"). The
/// key is looked up by its public prefix and compared by hash in constant time on every request, together with its
/// user: an expired or deleted key, a deleted user or a user without any organization fails at once. What the key may
/// do is decided afterwards by the same authorization handler as the UI, from the user id claim.
/// </summary>
/// <remarks>
/// Keys are read from the header only, never the query string (which lands in logs and browser history). Nothing here
/// logs the header or the key.
/// </remarks>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PortalDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The public prefix of the key that authenticated the request; the rate limiter partitions by it.</summary>
    public const string KeyPrefixClaim = "portal:api-key";

    /// <summary>Last-use time and address are written at most this often per key, unless the address changes.</summary>
    public static readonly TimeSpan LastUseWriteInterval = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var key = header["Bearer ".Length..].Trim();
        var prefix = ApiKey.PrefixOf(key);
        if (prefix is null)
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }
        var now = clock.GetUtcNow();
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { Key = k, User = u })
            .Where(x => x.User.DeletedAt == null && db.Memberships.Any(m => m.UserId == x.User.Id))
            .Select(x => new { x.Key, x.User.Id, x.User.DisplayName, x.User.Email, x.User.Language, x.User.TwoFactorEnabled })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (row is null || !row.Key.Matches(key) || row.Key.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked API key.");
        }
        await RecordUseAsync(row.Key, now);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, row.Id.ToString()),
            new(ClaimTypes.Name, row.Email ?? ""),
            new(PortalClaims.DisplayName, row.DisplayName),
            new(Localization.LanguageClaim, row.Language),
            new(KeyPrefixClaim, row.Key.Prefix),
        ];
        if (row.TwoFactorEnabled)
        {
            claims.Add(new Claim(PortalClaims.Mfa, "true"));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>401 with the scheme to use; the API's status-code pages turn it into a problem document.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private async Task RecordUseAsync(ApiKey key, DateTimeOffset now)
    {
        var ip = Context.Connection.RemoteIpAddress?.ToString();
        if (key.LastUsedAt is { } last && now - last < LastUseWriteInterval && key.LastUsedIp == ip)
        {
            return;
        }
        await db.ApiKeys.Where(k => k.Id == key.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now).SetProperty(k => k.LastUsedIp, ip), Context.RequestAborted);
    }
}

/// <summary>
/// Chooses the authentication scheme by path: <c>/api</c> takes API keys only, everything else the Identity cookie.
/// Cookies do not authenticate the API on purpose: a browser sends them with any cross-site request, so a
/// cookie-authenticated API would need antiforgery tokens on every write (inquiries, next); a bearer key is never sent
/// by a browser on its own, so the API is free of CSRF by construction.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string SelectorScheme = "Portal";

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(SelectorScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        // After AddIdentity, which made the cookie the default for everything.
        services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = SelectorScheme;
            o.DefaultAuthenticateScheme = SelectorScheme;
            o.DefaultChallengeScheme = SelectorScheme;
            o.DefaultForbidScheme = SelectorScheme;
        });
        return services;
    }
}
