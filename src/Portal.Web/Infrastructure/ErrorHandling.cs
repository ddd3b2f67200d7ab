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
        return app;
    }
}
