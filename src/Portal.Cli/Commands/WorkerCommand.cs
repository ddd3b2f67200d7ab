using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Jobs;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Cli.Commands;

/// <summary><c>portal worker</c>: the same binaries in worker mode — a job server and the mail outbox, no web server.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "Run background jobs (billing polls, ingestion, mail) until stopped. Start several for more throughput.");
        command.SetAction(async (_, ct) =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
            builder.Configuration.AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables();
            builder.Services.AddPortalLogging(builder.Configuration);
            builder.Services.AddPortalServices(builder.Configuration);
            builder.Services.AddPortalJobs(builder.Configuration, forceServer: true);
            builder.Services.AddHostedService<OutboxDispatchService>();
            using var host = builder.Build();
            Console.WriteLine("Worker started. Press Ctrl+C to stop.");
            await host.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
