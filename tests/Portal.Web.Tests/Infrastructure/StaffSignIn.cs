using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Identity;
using Portal.Web.Tests.Features.Account;

namespace Portal.Web.Tests.Infrastructure;

public static class StaffSignIn
{
    /// <summary>
    /// A staff user who has already enrolled MFA (staff must, before anything else), signed in with password and code.
    /// </summary>
    public static async Task<(PortalUser Staff, HttpClient Client)> SignedInStaffAsync(this PortalApp app, string language = Languages.Japanese)
    {
        var (staff, password) = await app.CreateUserAsync("Staff", isStaff: true, language: language);
        return (staff, await app.EnrolledAndSignedInWithMfaAsync(staff, password));
    }

    /// <summary>Turns on MFA for an existing user (staff must have it) and signs him in with password and code.</summary>
    public static async Task<HttpClient> EnrolledAndSignedInWithMfaAsync(this PortalApp app, PortalUser staff, string password)
    {
        string key = "";
        await app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(staff.Id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        });
        return await app.SignedInWithMfaAsync(staff.Email!, password, key);
    }
}
