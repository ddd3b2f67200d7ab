using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Web.Auth;

namespace Portal.Web.Features.Api;

/// <summary>
/// Per-key rate limit (SECURITY.md "rate limiter"): a token bucket per key prefix holding <see cref="ApiOptions.Burst"/>
/// tokens, refilled at <see cref="ApiOptions.RequestsPerSecond"/>. Rejections answer 429 with <c>Retry-After</c> (the
/// limiter's shared <c>OnRejected</c>) and a problem document (the API's status-code pages). Requests without a valid
/// key are not counted here: they end in 401 before reaching data.
/// </summary>
public static class ApiRateLimit
{
    public const string Policy = "api-key";

    public static IServiceCollection AddApiRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(Policy, context =>
        {
            var prefix = context.User.FindFirst(ApiKeyAuthenticationHandler.KeyPrefixClaim)?.Value;
            return prefix is null
                ? RateLimitPartition.GetNoLimiter("no-key")
                : RateLimitPartition.GetTokenBucketLimiter(prefix, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        }));
        return services;
    }
}
