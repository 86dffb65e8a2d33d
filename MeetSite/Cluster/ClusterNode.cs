using System.Net;
using MeetSite.Signaling;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MeetSite.Cluster;

/// <summary>
/// This process as the other nodes know it: an id new with every start (a restarted node is another
/// node, whose predecessor's rooms are gone) and the URL they forward requests to.
/// </summary>
internal sealed class ClusterNode(IOptions<ClusterOptions> options, IServer server)
{
    private string? _url;

    public string Id { get; } = SecretId.New();

    public string Url => _url ??= options.Value.NodeUrl is { Length: > 0 } url ? url.TrimEnd('/') : FirstListeningAddress();

    private string FirstListeningAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Set Signaling:NodeUrl: the server does not say where it listens.");
        var wildcard = address.Contains("://+", StringComparison.Ordinal) || address.Contains("://*", StringComparison.Ordinal);
        var uri = new Uri(wildcard ? address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal) : address);
        // A wildcard address is no address another node can use: name this machine instead.
        var host = uri.Host is "0.0.0.0" or "[::]" ? Dns.GetHostName() : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
