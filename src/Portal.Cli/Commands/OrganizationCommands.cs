using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Features.Invitations;
using Portal.Web.Features.Staff.Organizations;
using Spectre.Console;

namespace Portal.Cli.Commands;

/// <summary><c>portal org create</c> and <c>portal invite</c>: what staff do in the console, for scripts.</summary>
internal static class OrganizationCommands
{
    public static Command CreateOrg()
    {
        var name = new Option<string>("--name") { Description = "Organization name", Required = true };
        var code = new Option<string>("--code") { Description = "Unique code (lowercase letters, digits, hyphens)", Required = true };
        var alias = new Option<string?>("--alias") { Description = "Alias shown in the portal" };
        var legalName = new Option<string?>("--legal-name") { Description = "Legal name printed on invoices" };
        var address = new Option<string?>("--address") { Description = "Address printed on invoices" };
        var create = new Command("create", "Create an organization.") { name, code, alias, legalName, address };
        create.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var request = new NewOrganization(parse.GetValue(name)!, parse.GetValue(code)!, parse.GetValue(alias), parse.GetValue(legalName), parse.GetValue(address));
            var (outcome, organization) = await services.GetRequiredService<CreateOrganization>().HandleAsync(request, null, token);
            if (outcome != CreateOrganizationOutcome.Created)
            {
                Console.Error.WriteLine(outcome switch
                {
                    CreateOrganizationOutcome.CodeTaken => $"The organization code '{request.Code}' is already used.",
                    CreateOrganizationOutcome.InvalidCode => "The code must be 2-40 lowercase letters, digits and hyphens.",
                    _ => "The name must be 1-200 characters.",
                });
                return 1;
            }
            Console.WriteLine(organization!.Id);
            return 0;
        }, ct));
        return new Command("org", "Organizations.") { create };
    }

    public static Command Invite()
    {
        var org = new Option<string>("--org") { Description = "Organization code", Required = true };
        var email = new Option<string>("--email") { Description = "Email address to invite", Required = true };
        var type = new Option<string>("--type") { Description = "power or general", Required = true };
        type.AcceptOnlyFromAmong("power", "general");
        var permissions = new Option<string?>("--permissions") { Description = "Comma-separated permissions of a general user, e.g. project-viewer,account-viewer" };
        var language = new Option<string>("--language") { Description = "ja or en (language of the mail)", DefaultValueFactory = _ => "ja" };
        language.AcceptOnlyFromAmong("ja", "en");
        var command = new Command("invite", "Invite a person to an organization; the link is mailed and printed once.") { org, email, type, permissions, language };
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            if (!TryParsePermissions(parse.GetValue(permissions), out var granted, out var unknown))
            {
                Console.Error.WriteLine($"Unknown permission '{unknown}'. Known: {string.Join(", ", PermissionRules.Grantable.Select(Kebab))}");
                return 1;
            }
            var db = services.GetRequiredService<PortalDbContext>();
            var code = parse.GetValue(org)!.Trim().ToLowerInvariant();
            var organizationId = await db.Organizations.Where(o => o.Code == code).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(token);
            if (organizationId is null)
            {
                Console.Error.WriteLine($"No organization has the code '{code}'.");
                return 1;
            }
            var memberType = parse.GetValue(type) == "power" ? MemberType.Power : MemberType.General;
            var outcome = await services.GetRequiredService<InviteMember>()
                .HandleAsync(organizationId.Value, null, new InviteRequest(parse.GetValue(email)!, memberType, granted, parse.GetValue(language)!), token);
            switch (outcome.Kind)
            {
                case InviteOutcomeKind.Sent:
                    if (PermissionRules.NeedsProjectViewer(granted))
                    {
                        AnsiConsole.MarkupLine("[yellow]Note: AWS account permissions work only together with project-viewer.[/]");
                    }
                    Console.WriteLine($"Invitation mailed to {outcome.Invitation!.Email}. Link (shown once): {outcome.Link}");
                    return 0;
                case InviteOutcomeKind.AlreadyMember:
                    Console.Error.WriteLine("That address is already a member of the organization.");
                    return 1;
                case InviteOutcomeKind.AlreadyPending:
                    Console.Error.WriteLine("A pending invitation for that address exists; re-send it from the invitation list.");
                    return 1;
                default:
                    Console.Error.WriteLine("The email address is not valid.");
                    return 1;
            }
        }, ct));
        return command;
    }

    private static string Kebab(Permission permission) =>
        string.Concat(permission.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static bool TryParsePermissions(string? text, out Permission granted, out string? unknown)
    {
        granted = Permission.None;
        unknown = null;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = PermissionRules.Grantable.FirstOrDefault(p =>
                string.Equals(Kebab(p), part, StringComparison.OrdinalIgnoreCase) || string.Equals(p.ToString(), part, StringComparison.OrdinalIgnoreCase));
            if (match == Permission.None)
            {
                unknown = part;
                return false;
            }
            granted |= match;
        }
        return true;
    }
}
