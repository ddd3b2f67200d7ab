namespace Portal.Web.Auth;

/// <summary>
/// Staff always use MFA (SPEC actors). A signed-in staff member without MFA reaches nothing but the MFA set-up page
/// (and sign-out, the language switch and static files) until he has enrolled; the API answers 403.
/// </summary>
public static class StaffMfaEnrolment
{
    public const string EnrolPath = "/id/mfa";

    private static readonly string[] AllowedPrefixes = ["/id/mfa", "/signout", "/language", "/lib", "/css", "/js", "/healthz", "/error"];

    public static IApplicationBuilder UseStaffMfaEnrolment(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true && user.IsStaff() && !user.HasMfa()
                && !AllowedPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix)))
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }
                context.Response.Redirect(EnrolPath);
                return;
            }
            await next(context);
        });
}
