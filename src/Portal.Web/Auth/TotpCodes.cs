using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Portal.Core.Data;
using Portal.Core.Identity;

namespace Portal.Web.Auth;

/// <summary>
/// TOTP (RFC 6238: SHA-1, 6 digits, 30 s) with the settings of SECURITY.md rather than Identity's: one time step either
/// side instead of two, and each accepted step is remembered per user so that a code (or an older one) never works
/// twice. The key is Identity's authenticator key, so Identity still knows the user has an authenticator.
/// </summary>
public sealed class TotpCodes(PortalDbContext db, UserManager<PortalUser> users, TimeProvider clock)
{
    public const int Digits = 6;

    private static readonly VerificationWindow OneStepEitherSide = new(previous: 1, future: 1);

    /// <summary>Checks <paramref name="code"/> and, when it is good, marks its time step as used.</summary>
    public async Task<bool> VerifyAsync(PortalUser user, string? code, CancellationToken ct)
    {
        var digits = Normalize(code);
        if (digits.Length != Digits || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key), totpSize: Digits);
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, OneStepEitherSide))
        {
            return false;
        }
        // A conditional update, so that two requests racing with the same code cannot both win.
        var accepted = await db.Users
            .Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpStep, step), ct);
        return accepted == 1;
    }

    /// <summary>The <c>otpauth://</c> URI that authenticator apps read from the QR code.</summary>
    public static string AuthenticatorUri(string issuer, string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits={Digits}&period=30";

    /// <summary>The key in groups of four, easier to type into an app by hand.</summary>
    public static string Grouped(string key) =>
        string.Join(" ", key.Chunk(4).Select(chunk => new string(chunk))).ToLowerInvariant();

    public static string Normalize(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
