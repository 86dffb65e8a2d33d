using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MeetSite.Security;

public sealed class LoginRateLimitOptions
{
    /// <summary>Log in and register attempts (POSTs) allowed per client address per minute.</summary>
    public int PermitsPerMinute { get; set; } = 10;
}

/// <summary>
/// Slows password guessing from one address across many accounts; per-account lockout (Identity)
/// covers many addresses against one account.
/// </summary>
public static class LoginRateLimit
{
    public const string Policy = "login";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("RateLimits:Login").Get<LoginRateLimitOptions>() ?? new();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancel) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("Too many attempts from your network. Wait a minute and try again.", cancel);
            };
            limiter.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("read"));
        });
        return services;
    }
}
