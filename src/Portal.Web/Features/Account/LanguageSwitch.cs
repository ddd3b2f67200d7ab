using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Identity;
using Portal.Web.Auth;

namespace Portal.Web.Features.Account;

/// <summary>
/// The header's language switch. Signed-in users get the choice saved to their profile (mails follow it); everybody
/// gets the culture cookie.
/// </summary>
public static class LanguageSwitch
{
    public static IEndpointConventionBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/language", SetLanguageAsync).AllowAnonymous();

    private static async Task<IResult> SetLanguageAsync(
        [FromForm] string language, [FromForm] string? returnUrl, HttpContext context,
        UserManager<PortalUser> users, SignInManager<PortalUser> signIn)
    {
        var normalized = Languages.Normalize(language);
        var culture = Infrastructure.Localization.CultureOf(normalized).Name;
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps });
        if (context.User.UserId() is { } userId && await users.FindByIdAsync(userId.ToString()) is { } user)
        {
            user.Language = normalized;
            await users.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
        }
        var target = !string.IsNullOrEmpty(returnUrl) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            ? returnUrl
            : "/";
        return TypedResults.LocalRedirect(target);
    }
}
