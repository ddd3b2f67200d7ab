using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Identity;

namespace Portal.Web.Auth;

/// <summary>
/// Identity's EF store, except that recovery codes are kept as SHA-256 hashes: Identity stores them as typed, so a
/// copy of the database would otherwise be a way past MFA. The codes are random (50 bits each, single use), so an
/// unsalted fast hash is enough. Codes are compared ignoring case and surrounding spaces.
/// </summary>
public sealed class PortalUserStore(PortalDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<PortalUser, IdentityRole<Guid>, PortalDbContext, Guid>(context, describer)
{
    // Where Identity's store keeps the codes (UserStoreBase's internal names).
    private const string LoginProvider = "[AspNetUserStore]";
    private const string TokenName = "RecoveryCodes";

    public override Task ReplaceCodesAsync(PortalUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    /// <summary>
    /// Written out rather than delegated: the base method stores the remaining codes through
    /// <see cref="ReplaceCodesAsync"/>, which would hash the already hashed codes again.
    /// </summary>
    public override async Task<bool> RedeemCodeAsync(PortalUser user, string code, CancellationToken cancellationToken = default)
    {
        var hashed = Hash(code);
        var stored = await GetTokenAsync(user, LoginProvider, TokenName, cancellationToken) ?? "";
        var codes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (!codes.Contains(hashed, StringComparer.Ordinal))
        {
            return false;
        }
        await base.ReplaceCodesAsync(user, codes.Where(c => c != hashed), cancellationToken);
        return true;
    }

    private static string Hash(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}
