using System.Diagnostics.Metrics;
using MeetSite.Signaling;
using OpenTelemetry.Metrics;

namespace MeetSite.Operations;

/// <summary>
/// OpenTelemetry metrics in the Prometheus text format at <c>/metrics</c>, for clients on
/// <c>Metrics:AllowedNetworks</c> only: the relay's meter, ASP.NET Core's (requests, Kestrel connections)
/// and the runtime's (GC, thread pool). Names and a starter dashboard: deploy/grafana/.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    /// <summary>
    /// The most tag combinations one metric keeps (more go to the SDK's overflow series). The SDK's default,
    /// 2,000, is allocated up front for every metric: 41 metrics held 5.8 MB of <c>MetricPoint</c> arrays on
    /// the large object heap. The widest metric here, requests by route, method and status, has a few
    /// hundred combinations at most.
    /// </summary>
    public const int CardinalityLimit = 500;

    public static IServiceCollection AddMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(MetricsNetworks.From(configuration));
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(SignalingMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime");
            ((IDeferredMeterProviderBuilder)metrics).Configure(OnlyThisHost);
            // Each scrape collects afresh: scrapes come every few seconds at most, and a cached answer
            // would hide what just happened from the next one.
            metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
        });
        return services;
    }

    /// <summary>
    /// Meters made by a host's IMeterFactory are that host's: several hosts in one process (the tests'
    /// sites) each export only their own, the runtime's being shared by all. Each kept metric has
    /// <see cref="CardinalityLimit"/>.
    /// </summary>
    private static void OnlyThisHost(IServiceProvider provider, MeterProviderBuilder builder)
    {
        var own = provider.GetRequiredService<IMeterFactory>();
        builder.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own)
            ? new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit }
            : MetricStreamConfiguration.Drop);
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        var networks = app.Services.GetRequiredService<MetricsNetworks>();
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null,
            configureBranchedPipeline: branch => branch.Use(networks.Refuse), optionsName: null);
        return app;
    }
}
