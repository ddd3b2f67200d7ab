using Serilog;
using Serilog.Context;
using Serilog.Formatting.Compact;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Structured logging (Serilog message templates) with the request id on every line. <c>Logging:Format</c> = <c>json</c>
/// writes compact JSON for log shippers; the default is readable text. <c>Logging:File</c> adds a text file.
/// </summary>
public static class Logging
{
    public static void AddPortalLogging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSerilog((sp, log) =>
        {
            log.ReadFrom.Configuration(configuration)
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
                // Every API call without a valid key would otherwise log two lines; the 401 itself says enough.
                .MinimumLevel.Override("Portal.Web.Auth.ApiKeyAuthenticationHandler", Serilog.Events.LogEventLevel.Warning)
                .Enrich.FromLogContext();
            if (string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
            {
                log.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                log.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {RequestId} {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
            // Logging:File = a path: the same lines also go to that file (the test suite searches it for secrets).
            if (configuration["Logging:File"] is { Length: > 0 } file)
            {
                log.WriteTo.File(file, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext} {RequestId} {Message:lj}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture, shared: true);
            }
        });
    }

    /// <summary>Every log line written while a request runs carries its id, the same id the error page shows.</summary>
    public static IApplicationBuilder UseRequestIdLogging(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            using (LogContext.PushProperty("RequestId", context.TraceIdentifier))
            {
                await next(context);
            }
        });
}
