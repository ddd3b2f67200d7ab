using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// The secrets check of the whole run (SECURITY.md: no password, token, API key, invitation link or MFA secret in
/// logs). With <c>PORTAL_TEST_LOGS</c> set (test.sh sets it), the portals log to files in that folder and, at the end
/// of the run, the secrets the run used are written to <c>secrets.txt</c> beside them; test.sh then searches the logs
/// for each of them, and for anything shaped like a test password or an API key.
/// </summary>
public static partial class RunLogs
{
    public const string Variable = "PORTAL_TEST_LOGS";

    public static string? Folder { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder
        ? Directory.CreateDirectory(folder).FullName
        : null;

    /// <summary>Writes the run's secrets: passwords, every token in a link of a mail sent, every MFA secret stored.</summary>
    public static async Task WriteSecretsAsync(CapturedMail mail, IEnumerable<PortalApp> apps)
    {
        if (Folder is null)
        {
            return;
        }
        var secrets = new HashSet<string>(StringComparer.Ordinal) { PortalApp.Password };
        foreach (var message in mail.All)
        {
            // Single-use tokens are the long path segments and query values of the links (reset, invitation, confirm).
            foreach (Match link in Link().Matches((message.TextBody ?? "") + " " + (message.HtmlBody ?? "")))
            {
                var uri = new Uri(link.Value);
                foreach (var part in uri.AbsolutePath.Split('/').Concat(uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=').Last())))
                {
                    var value = Uri.UnescapeDataString(part);
                    if (value.Length >= 20)
                    {
                        secrets.Add(value);
                    }
                }
            }
        }
        foreach (var app in apps)
        {
            var keys = await app.WithDbAsync(db => db.UserTokens
                .Where(t => t.Name == "AuthenticatorKey").Select(t => t.Value!).ToListAsync());
            secrets.UnionWith(keys.Where(k => k.Length > 0));
        }
        await File.WriteAllLinesAsync(Path.Combine(Folder, "secrets.txt"), secrets.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex Link();
}
