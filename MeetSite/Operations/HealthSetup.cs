using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeetSite.Operations;

/// <summary>
/// <c>/healthz</c>: the process answers (no check runs). <c>/readyz</c>: every check tagged
/// <see cref="Ready"/> passes: the database answers and the process is not draining. Both need no log in and
/// say only <c>Healthy</c> or <c>Unhealthy</c>, never why: the reasons go to the log.
/// </summary>
public static class HealthSetup
{
    public const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        // A shared store (Signaling:Redis, once there is one) adds its check here with the same tag.
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<DrainHealthCheck>("draining", tags: [Ready]);
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", Options(_ => false));
        app.MapHealthChecks("/readyz", Options(check => check.Tags.Contains(Ready)));
        return app;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> which) => new()
    {
        Predicate = which,
        ResponseWriter = async (http, report) =>
        {
            // Probes read the status; the error pages must not turn a 503 into HTML.
            http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            http.Response.ContentType = "text/plain";
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "Healthy" : "Unhealthy");
        },
    };
}
