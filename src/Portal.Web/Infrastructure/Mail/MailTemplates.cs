using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Web.Resources;

namespace Portal.Web.Infrastructure.Mail;

/// <summary>
/// Renders a mail's subject and body from the UI resources in the recipient's language, which is often not the
/// language of the person whose action sends the mail.
/// </summary>
public sealed class MailTemplates(IStringLocalizer<SharedResource> t)
{
    public (string Subject, string Body) Render(string language, string key, object[] subjectArgs, object[] bodyArgs)
    {
        var previous = CultureInfo.CurrentUICulture;
        var previousFormat = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentUICulture = Localization.CultureOf(language);
            CultureInfo.CurrentCulture = Localization.CultureOf(language);
            return (t[$"Mail.{key}.Subject", subjectArgs].Value, t[$"Mail.{key}.Body", bodyArgs].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousFormat;
        }
    }

    /// <summary>A single localized string in <paramref name="language"/>.</summary>
    public string Text(string language, string key, params object[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Localization.CultureOf(language);
            return t[key, args].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
