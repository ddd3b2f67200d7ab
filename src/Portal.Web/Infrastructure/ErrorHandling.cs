using System.Globalization;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using Portal.Web.Resources;

namespace Portal.Web.Infrastructure;

/// <summary>
/// A friendly page for the UI and problem details for <c>/api</c>, both carrying the request id that the log lines
/// carry, so support can find what happened.
/// </summary>
public static class ErrorHandling
{
    public static IServiceCollection AddPortalErrorHandling(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier);

    public static bool IsApi(this HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static IApplicationBuilder UsePortalErrorHandling(this IApplicationBuilder app)
    {
        // With AddProblemDetails, the handler without a path answers application/problem+json.
        app.UseWhen(c => c.IsApi(), api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !c.IsApi(), ui => ui.UseExceptionHandler("/error").UseStatusCodePagesWithReExecute("/error/{0}"));
        // Inside the handlers above, so that it sees a database failure first; everything else goes on to them.
        app.UseMiddleware<DatabaseUnavailableHandler>();
        return app;
    }
}

/// <summary>
/// A database that does not answer (stopped, restarting, unreachable) is a 503 with <c>Retry-After</c>, never a 500:
/// problem details for the API, and for the UI a short page in both languages that needs neither the database nor the
/// layout (which reads it). Nothing is half-saved: the request's unit of work never reached the database.
/// </summary>
public sealed partial class DatabaseUnavailableHandler(RequestDelegate next, ILogger<DatabaseUnavailableHandler> logger)
{
    /// <summary>How long clients are asked to wait before retrying.</summary>
    public const int RetryAfterSeconds = 15;

    private static readonly string[] PageLanguages = ["ja", "en"];

    // Japanese written as characters, as on every other page (Ui.cs).
    private static readonly HtmlEncoder PageEncoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsDatabaseUnavailable(e) && !context.Response.HasStarted)
        {
            LogUnavailable(logger, context.Request.Path, e.GetBaseException().Message);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            var t = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            if (context.IsApi())
            {
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = In("en", () => t["Error.Unavailable"].Value) },
                });
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page(t, context.TraceIdentifier));
        }
    }

    /// <summary>
    /// True when the failure is the database connection itself (refused, dropped, server shutting down or starting up,
    /// pool exhausted), anywhere in the exception chain: EF Core and Identity wrap the driver's exception.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 08: connection exceptions; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
                case Npgsql.PostgresException postgres:
                    if (postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03")
                    {
                        return true;
                    }
                    break;
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
            }
        }
        return false;
    }

    // The request's language is chosen by a middleware further in, whose choice does not flow back out here, so the
    // page says it in both languages (Japanese first, the default).
    private static string Page(IStringLocalizer<SharedResource> t, string requestId)
    {
        var html = PageEncoder;
        var body = string.Concat(PageLanguages.Select(language => In(language, () =>
            $"<section lang=\"{language}\"><h1 class=\"h3\">{html.Encode(t["Error.Title"].Value)}</h1><p data-testid=\"status-message\">{html.Encode(t["Error.Unavailable"].Value)}</p>"
            + $"<p><strong>{html.Encode(t["Error.Reference"].Value)}:</strong> <code data-testid=\"request-id\">{html.Encode(requestId)}</code></p></section>")));
        return $"<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{html.Encode(t["Error.Title"].Value)}</title><link rel=\"stylesheet\" href=\"/lib/bootstrap/css/bootstrap.min.css\"></head>"
            + $"<body><main class=\"container py-4\">{body}</main></body></html>";
    }

    private static string In(string language, Func<string> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable; {Path} answered 503: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, PathString path, string reason);
}
