using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Localization;
using Portal.Core.Identity;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Japanese (default) and English. The signed-in user's profile language wins; before sign-in the language switch's
/// cookie decides.
/// </summary>
public static class Localization
{
    public const string LanguageClaim = "portal:lang";

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            CultureInfo[] cultures = [new("ja-JP"), new("en-US")];
            options.DefaultRequestCulture = new RequestCulture("ja-JP");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(context => Task.FromResult(FromUser(context.User))),
                new CookieRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static CultureInfo CultureOf(string language) =>
        CultureInfo.GetCultureInfo(Languages.Normalize(language) == Languages.English ? "en-US" : "ja-JP");

    /// <summary>The two-letter language of the current request's UI culture.</summary>
    public static string CurrentLanguage =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.English ? Languages.English : Languages.Japanese;

    private static ProviderCultureResult? FromUser(ClaimsPrincipal user)
    {
        var language = user.FindFirstValue(LanguageClaim);
        if (language is null)
        {
            return null;
        }
        var culture = CultureOf(language).Name;
        return new ProviderCultureResult(culture, culture);
    }
}
