using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Features.Projects;

namespace Portal.Cli.Commands;

/// <summary><c>portal project create</c> and <c>portal account add</c>: what staff do in the console, for scripts.</summary>
internal static class ProjectCommands
{
    public static Command Project()
    {
        var org = new Option<string>("--org") { Description = "Organization code", Required = true };
        var name = new Option<string>("--name") { Description = "Project name", Required = true };
        var currency = new Option<string>("--currency") { Description = "JPY or USD", Required = true };
        currency.AcceptOnlyFromAmong("JPY", "USD", "jpy", "usd");
        var plan = new Option<string?>("--plan") { Description = "Plan" };
        var paymentMethod = new Option<string?>("--payment-method") { Description = "Payment method" };
        var serviceLevel = new Option<string?>("--service-level") { Description = "Service level" };
        var create = new Command("create", "Create a project in an organization; prints its id.") { org, name, currency, plan, paymentMethod, serviceLevel };
        create.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var code = parse.GetValue(org)!.Trim().ToLowerInvariant();
            var organizationId = await db.Organizations.Where(o => o.Code == code).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(token);
            if (organizationId is null)
            {
                Console.Error.WriteLine($"No organization has the code '{code}'.");
                return 1;
            }
            var fields = new ProjectFields(parse.GetValue(name)!, parse.GetValue(plan), parse.GetValue(paymentMethod), parse.GetValue(serviceLevel),
                string.Equals(parse.GetValue(currency), "USD", StringComparison.OrdinalIgnoreCase) ? Currency.Usd : Currency.Jpy);
            var (outcome, project) = await services.GetRequiredService<SaveProject>().CreateAsync(organizationId.Value, fields, null, token);
            if (outcome != SaveProjectOutcome.Saved)
            {
                Console.Error.WriteLine(outcome == SaveProjectOutcome.InvalidName
                    ? "The name must be 1-200 characters."
                    : "Plan, payment method and service level must be at most 100 characters.");
                return 1;
            }
            Console.WriteLine(project!.Id);
            return 0;
        }, ct));
        return new Command("project", "Projects.") { create };
    }

    public static Command Account()
    {
        var project = new Option<Guid>("--project") { Description = "Project id (printed by 'portal project create')", Required = true };
        var id = new Option<string>("--id") { Description = "The 12-digit AWS account id", Required = true };
        var name = new Option<string>("--name") { Description = "Account name", Required = true };
        var joined = new Option<string>("--joined") { Description = "Day the account joined the service, yyyy-MM-dd", Required = true };
        var add = new Command("add", "Register an AWS account in a project; prints its portal id.") { project, id, name, joined };
        add.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(joined), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var joinedOn))
            {
                Console.Error.WriteLine("--joined must be a date like 2026-04-01.");
                return 1;
            }
            var number = parse.GetValue(id)!.Trim();
            var fields = new AccountFields(number, parse.GetValue(name)!, parse.GetValue(project), AccountStatus.Active, joinedOn);
            var (outcome, account) = await services.GetRequiredService<SaveAccount>().CreateAsync(fields, null, token);
            if (outcome != SaveAccountOutcome.Saved)
            {
                Console.Error.WriteLine(outcome switch
                {
                    SaveAccountOutcome.InvalidNumber => "An AWS account id is exactly 12 digits.",
                    SaveAccountOutcome.NumberTaken => $"The AWS account {number} is already registered.",
                    SaveAccountOutcome.NoProject => "No project has that id.",
                    SaveAccountOutcome.InvalidName => "The name must be 1-200 characters.",
                    _ => "--joined is not a plausible date.",
                });
                return 1;
            }
            Console.WriteLine(account!.Id);
            return 0;
        }, ct));
        return new Command("account", "AWS accounts.") { add };
    }
}
