using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Web.Tests.Features.Account;

/// <summary>Renders a partial view of the portal with the portal's own services, for partials that other features embed.</summary>
public static class PartialRenderer
{
    public static async Task<string> RenderAsync(IServiceProvider services, string path, object model)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var action = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var found = services.GetRequiredService<IRazorViewEngine>().GetView(executingFilePath: null, path, isMainPage: false);
        Assert.True(found.Success, $"No view at {path}.");
        await using var writer = new StringWriter();
        var viewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        var tempData = new TempDataDictionary(http, services.GetRequiredService<ITempDataProvider>());
        await found.View.RenderAsync(new ViewContext(action, found.View, viewData, tempData, writer, new HtmlHelperOptions()));
        return writer.ToString();
    }
}
