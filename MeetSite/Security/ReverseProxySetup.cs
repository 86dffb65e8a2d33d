using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MeetSite.Security;

/// <summary>
/// Which peers may tell the site, through X-Forwarded-For and X-Forwarded-Proto, who the client is and that
/// it came over HTTPS. Anyone else's forwarded headers are ignored, so they cannot spoof an address or a scheme.
/// </summary>
public sealed class ReverseProxyOptions
{
    /// <summary>Proxies on this machine (nginx in front of Kestrel on 127.0.0.1).</summary>
    public static readonly string[] Loopback = ["127.0.0.1", "::1"];

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = Loopback;

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public IReadOnlyList<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// HTTPS behind a reverse proxy that terminates TLS: the client's address and scheme from a trusted proxy,
/// so redirects, the signaling Origin check, the log in rate limit and Secure cookies see the real request;
/// and HSTS outside Development. The Host header is the one the proxy passes on (nginx: <c>$http_host</c>);
/// X-Forwarded-Host is not honoured, so no header can rename the site (AllowedHosts filters Host).
/// </summary>
public static class ReverseProxySetup
{
    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("ReverseProxy");
        var defaults = new ReverseProxyOptions();
        // Read as whole lists: binding onto the defaults would append to them instead of replacing them.
        // Parsed here, so a mistyped address stops the start rather than the first request.
        var proxies = (section.GetSection(nameof(ReverseProxyOptions.KnownProxies)).Get<string[]>() ?? defaults.KnownProxies)
            .Select(IPAddress.Parse).ToList();
        var networks = (section.GetSection(nameof(ReverseProxyOptions.KnownNetworks)).Get<string[]>() ?? defaults.KnownNetworks)
            .Select(network => System.Net.IPNetwork.Parse(network)).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework's defaults (loopback) are replaced by the configured lists, never widened to everyone.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseReverseProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // Sent only on HTTPS responses (the forwarded scheme), never to localhost.
            app.UseHsts();
        }
        return app;
    }
}
