using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Web.Infrastructure;

/// <summary>
/// A POST (or other write) that matches no handler of a page answers 405 instead of rendering the page unloaded:
/// Razor Pages would otherwise render it without running any handler, and a page whose data is read by <c>OnGet</c>
/// failed with a NullReferenceException (found by wapiti posting a handler form to the bare page URL).
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        // The error pages are re-executed with the failed request's method: they must render for a POST too.
        var errorPage = http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (context.HandlerMethod is null && !errorPage && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }
        await next();
    }
}
