using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Core.Identity;

namespace Portal.Web.Auth;

/// <summary>
/// Makes a sign-in with an unknown email cost what a known one costs (SECURITY.md, ASVS V6.3.8): the typed password
/// is verified against a hash made with this host's own hasher settings, so changing the iteration count changes
/// both paths alike.
/// </summary>
public sealed class UnknownUserPassword(IOptions<PasswordHasherOptions> options)
{
    private readonly PasswordHasher<PortalUser> _hasher = new(options);
    private readonly Lazy<string> _hash = new(() => new PasswordHasher<PortalUser>(options).HashPassword(new PortalUser(), "not-a-real-password"));

    public void Verify(string? password) => _hasher.VerifyHashedPassword(new PortalUser(), _hash.Value, password ?? "");
}
