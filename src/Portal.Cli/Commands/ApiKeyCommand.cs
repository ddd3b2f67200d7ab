using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Features.Account;
using Portal.Web.Resources;

namespace Portal.Cli.Commands;

/// <summary>
/// <c>portal apikey issue --email E --name N [--expires YYYY-MM-DD]</c>: issues a personal API key for a user, with the
/// same rules as his user page, and prints it once. Only its hash is kept.
/// </summary>
internal static class ApiKeyCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The user's email address (his login).", Required = true };
        var name = new Option<string>("--name") { Description = "A name for the key, unique among the user's keys.", Required = true };
        var expires = new Option<string?>("--expires") { Description = "Last valid day (JST), YYYY-MM-DD; none by default." };
        var issue = new Command("issue", "Issue an API key for a user and print it once.") { email, name, expires };
        issue.SetAction((parse, ct) => CliHost.RunAsync(
            (services, token) => IssueAsync(services, parse.GetValue(email)!, parse.GetValue(name)!, parse.GetValue(expires), token), ct));
        return new Command("apikey", "Manage users' personal API keys.") { issue };
    }

    private static async Task<int> IssueAsync(IServiceProvider services, string email, string name, string? expires, CancellationToken ct)
    {
        DateOnly? expiresOn = null;
        if (expires is not null)
        {
            if (!DateOnly.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                await Console.Error.WriteLineAsync("--expires must be a date as YYYY-MM-DD.");
                return 1;
            }
            expiresOn = day;
        }
        var db = services.GetRequiredService<PortalDbContext>();
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.DeletedAt == null)
            .Select(u => new { u.Id }).SingleOrDefaultAsync(ct);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"No user with the email address {email.Trim()}.");
            return 1;
        }
        var outcome = await services.GetRequiredService<IssueApiKey>().HandleAsync(user.Id, name, expiresOn, ct);
        if (!outcome.Issued)
        {
            // Operators read English, like the rest of the CLI.
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var strings = services.GetRequiredService<IStringLocalizer<SharedResource>>();
            foreach (var (field, key) in outcome.Errors)
            {
                await Console.Error.WriteLineAsync($"{field}: {strings[key, ApiKey.NameMaxLength, ApiKey.MaxPerUser]}");
            }
            return 1;
        }
        Console.WriteLine($"API key \"{outcome.Row!.Name}\" issued for {email.Trim()}. It is shown only now; store it safely:");
        Console.WriteLine(outcome.Key);
        return 0;
    }
}
