using MeetSite.Operations;
using MeetSite.Security;
using MeetSite.Signaling;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace MeetSite.Cluster;

/// <summary>
/// Several nodes behind one proxy with no stickiness (docs/signaling.md, "Several nodes"): on when
/// <c>Signaling:Redis</c> is set. Each meeting lives on one node, its home; the others forward its
/// signaling there. Without the setting nothing here is registered and the site is one node on its own.
/// </summary>
public static class ClusterSetup
{
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section);
        var options = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        if (!options.Enabled)
        {
            return services;
        }
        if (options.HomeLease < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"Signaling:HomeLease is {options.HomeLease}: it must be at least a second (default 00:00:15).");
        }
        var keys = configuration.GetSection("DataProtection").Get<DataProtectionKeysOptions>() ?? new DataProtectionKeysOptions();
        if (!keys.KeysInDatabase && keys.KeysPath.Length == 0)
        {
            throw new InvalidOperationException(
                "Signaling:Redis is set, so several nodes share meetings: they need the same data-protection keys. " +
                "Set DataProtection:KeysInDatabase=true (or DataProtection:KeysPath to a shared folder).");
        }
        var redis = ConfigurationOptions.Parse(options.Redis);
        redis.AbortOnConnectFail = false; // a node starts while Redis is down, and connects when it is back
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        services.AddSingleton<ClusterNode>();
        services.AddSingleton<MeetingHomes>();
        services.AddSingleton<DepartedMeetings>();
        services.AddHttpForwarder();
        services.AddSingleton<HomeForwarder>();
        services.AddHostedService<HomeLeaseKeeper>();
        services.AddHostedService<ClusterSignOut>();
        services.Replace(ServiceDescriptor.Singleton<IRestoreRecord, RedisRestoreRecord>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthSetup.Ready]);
        return services;
    }

    /// <summary>First in the pipeline: a request for another node's meeting goes there as it came.</summary>
    public static WebApplication UseCluster(this WebApplication app)
    {
        if (app.Services.GetService<ClusterNode>() is not null)
        {
            app.UseMiddleware<HomeRouting>();
        }
        return app;
    }
}
