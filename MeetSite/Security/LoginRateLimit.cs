using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MeetSite.Security;

public sealed class LoginRateLimitOptions
{
    /// <summary>Log in attempts (POSTs) allowed per client address per minute, whatever their outcome.</summary>
    public int PermitsPerMinute { get; set; } = 10;

    /// <summary>Failed log ins from one address (any accounts) before each next attempt must wait.</summary>
    public int AddressFreeFailures { get; set; } = 20;

    /// <summary>Failed log ins to one email (from any addresses) before each next attempt must wait.</summary>
    public int AccountFreeFailures { get; set; } = 5;

    /// <summary>The first wait; it doubles with each further failure.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait, so a stranger failing on purpose can only slow an account's owner, never lock them out.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failures are forgotten this long after the last one.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class RegisterRateLimitOptions
{
    /// <summary>Registrations (POSTs) allowed per client address per hour.</summary>
    public int PermitsPerHour { get; set; } = 30;
}

/// <summary>
/// Fixed request budgets per client address for the account forms, in front of the per-address and
/// per-account failure delays of <see cref="LoginThrottle"/>.
/// </summary>
public static class LoginRateLimit
{
    public const string Policy = "login";
    public const string RegisterPolicy = "register";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var login = configuration.GetSection("RateLimits:Login").Get<LoginRateLimitOptions>() ?? new();
        var register = configuration.GetSection("RateLimits:Register").Get<RegisterRateLimitOptions>() ?? new();
        services.AddSingleton(login);
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancel) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("Too many attempts from your network. Wait a while and try again.", cancel);
            };
            limiter.AddPolicy(Policy, http => PostsPerAddress(http, login.PermitsPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(RegisterPolicy, http => PostsPerAddress(http, register.PermitsPerHour, TimeSpan.FromHours(1)));
        });
        return services;
    }

    private static RateLimitPartition<string> PostsPerAddress(HttpContext http, int permits, TimeSpan window) =>
        HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Key(http), _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window })
            : RateLimitPartition.GetNoLimiter("read");
}
