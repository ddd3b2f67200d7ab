using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing;

namespace Portal.Cli.Commands;

/// <summary><c>portal source add --payer P --location L [--format F] [--tag-key K] [--s3-endpoint URL]</c>: prints the new id.</summary>
internal static class SourceCommand
{
    public static Command Create()
    {
        var payer = new Option<string>("--payer") { Description = "The 12-digit payer account id.", Required = true };
        var location = new Option<string>("--location") { Description = "A folder, or s3://bucket/prefix.", Required = true };
        var format = new Option<string>("--format") { Description = "auto|cur-csv|cur-parquet|cur2|focus", DefaultValueFactory = _ => "auto" };
        var tagKey = new Option<string?>("--tag-key") { Description = "The billing-group tag key (default CmBillingGroup)." };
        var endpoint = new Option<string?>("--s3-endpoint") { Description = "An S3-compatible endpoint URL instead of AWS." };
        var add = new Command("add", "Register a folder or S3 prefix holding a payer's cost reports.") { payer, location, format, tagKey, endpoint };
        add.SetAction((parse, ct) => BillingCommandHost.RunAsync(async (services, token) =>
        {
            try
            {
                var request = new NewBillingSource(parse.GetValue(payer)!, parse.GetValue(location)!,
                    BillingSources.ParseFormat(parse.GetValue(format)), parse.GetValue(tagKey), parse.GetValue(endpoint));
                var source = await services.GetRequiredService<BillingSources>().AddAsync(request, token);
                Console.WriteLine(source.Id);
                return 0;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 2;
            }
        }, ct));
        return new Command("source", "Billing sources (where AWS cost reports land).") { add };
    }
}
