using System.Globalization;
using System.Threading.RateLimiting;

namespace Portal.Web.Auth;

/// <summary>The <c>MembersId</c> configuration section.</summary>
public sealed class MembersIdOptions
{
    public const string Section = "MembersId";

    /// <summary>Form posts per minute and client IP to the anonymous ID pages (sign-in, MFA step, reset). 0 turns the limit off.</summary>
    public int AnonymousPostsPerMinute { get; set; } = 60;
}

/// <summary>
/// A per-IP limit on the anonymous ID forms (SECURITY.md "lockout"): the per-account lockout stops guessing one
/// password, this slows down trying one password on many accounts. Rejections answer 429 with <c>Retry-After</c>.
/// </summary>
public static class MembersIdRateLimits
{
    public const string AnonymousPolicy = "members-id-anonymous";

    public static IServiceCollection AddMembersIdRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limit = configuration.GetSection(MembersIdOptions.Section).Get<MembersIdOptions>()?.AnonymousPostsPerMinute ?? new MembersIdOptions().AnonymousPostsPerMinute;
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(AnonymousPolicy, context =>
            {
                var ip = context.Connection.RemoteIpAddress?.ToString();
                // Pages are read freely; only posts are counted. Without an address (in-process test host) there is
                // nothing to partition by.
                return limit <= 0 || ip is null || !HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limit,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
            });
        });
        return services;
    }
}
