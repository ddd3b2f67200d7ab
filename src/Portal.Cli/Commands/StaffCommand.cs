using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Features.Account;
using Portal.Web.Infrastructure;

namespace Portal.Cli.Commands;

/// <summary>
/// <c>portal staff add --email E --name N</c>: creates a staff account without a password and prints a single-use
/// link where the new staff member sets one. He must enrol MFA right after his first sign-in.
/// </summary>
internal static class StaffCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The staff member's email address (his login).", Required = true };
        var name = new Option<string>("--name") { Description = "The name shown in the portal.", Required = true };
        var language = new Option<string>("--language") { Description = "ja (default) or en.", DefaultValueFactory = _ => Languages.Japanese };
        var add = new Command("add", "Create a staff account and print a single-use link to set its password.") { email, name, language };
        add.SetAction((parse, ct) => CliHost.RunAsync(
            (services, token) => AddAsync(services, parse.GetValue(email)!, parse.GetValue(name)!, parse.GetValue(language)!, token), ct));
        return new Command("staff", "Manage the reseller's staff accounts.") { add };
    }

    private static async Task<int> AddAsync(IServiceProvider services, string email, string name, string language, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var db = services.GetRequiredService<PortalDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = name.Trim(),
            Language = Languages.Normalize(language),
            IsStaff = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            await Console.Error.WriteLineAsync("The staff account was not created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            return 1;
        }
        var secret = services.GetRequiredService<PasswordTokens>().Issue(user, PasswordTokenPurpose.StaffInitialPassword);
        services.GetRequiredService<AuditLog>().Record("staff.created", null, user.Id.ToString());
        await db.SaveChangesAsync(ct);
        var link = services.GetRequiredService<IOptions<PublicUrls>>().Value.IdLink("password/reset?token=" + Uri.EscapeDataString(secret));
        Console.WriteLine($"Staff account created for {user.Email}.");
        Console.WriteLine($"Give this single-use link to the new staff member; it sets the password and expires in {PasswordTokens.StaffInitialLifetime.TotalHours:0} hours:");
        Console.WriteLine(link);
        Console.WriteLine("After the first sign-in the portal asks for MFA set-up before anything else.");
        return 0;
    }
}
