using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Portal.Web.Infrastructure;

namespace Portal.Web.Auth.Tenancy;

/// <summary>
/// Turns tenant failures into answers: another organization (or none) is a 404 — never a hint that it exists; a missing
/// permission is a 403 that names it (the UI's access-denied page, the API's problem document); enforced MFA sends the
/// member to a page telling him to enrol.
/// </summary>
public sealed class TenantAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public const string MissingPermissionItem = "portal:missing-permission";
    public const string OrganizationItem = "portal:denied-organization";
    public const string MfaRequiredItem = "portal:mfa-required";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var failure = authorizeResult.AuthorizationFailure?.FailureReasons.OfType<TenantFailure>().FirstOrDefault();
        if (failure is null || context.User.Identity?.IsAuthenticated != true)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        switch (failure.Kind)
        {
            case TenantFailureKind.NotFound:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
            case TenantFailureKind.MfaRequired:
                context.Items[MfaRequiredItem] = true;
                context.Items[OrganizationItem] = failure.OrganizationId;
                await WriteForbiddenAsync(context, "This organization requires multi-factor authentication. Enable MFA on your profile first.", null);
                break;
            default:
                context.Items[MissingPermissionItem] = failure.Missing;
                context.Items[OrganizationItem] = failure.OrganizationId;
                await WriteForbiddenAsync(context, $"The permission required for this access is not granted: {failure.Missing}.", failure.Missing.ToString());
                break;
        }
    }

    /// <summary>The API gets a problem document; pages get 403, which the status-code page turns into the access-denied page.</summary>
    private static async Task WriteForbiddenAsync(HttpContext context, string detail, string? permission)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (!context.IsApi())
        {
            return;
        }
        var problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = detail };
        if (permission is not null)
        {
            problem.Extensions["missingPermission"] = permission;
        }
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
