using System.Net;
using Microsoft.AspNetCore.Diagnostics;

namespace MeetSite.Operations;

/// <summary>
/// Who may read <c>/metrics</c>: clients whose address (the one a known reverse proxy forwarded, see
/// ReverseProxySetup) is in <c>Metrics:AllowedNetworks</c>, by default this machine only. Others get 403.
/// </summary>
public sealed class MetricsNetworks(IReadOnlyList<IPNetwork> allowed)
{
    public static readonly string[] Loopback = ["127.0.0.0/8", "::1/128"];

    public IReadOnlyList<IPNetwork> Allowed => allowed;

    /// <summary>
    /// Read as a whole list (binding onto the default would append to it), parsed now so a mistyped network
    /// stops the start. A bare address is a network of one.
    /// </summary>
    public static MetricsNetworks From(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Metrics:AllowedNetworks").Get<string[]>() ?? Loopback;
        return new([.. configured.Select(Parse)]);
    }

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return allowed.Any(network => network.Contains(address));
    }

    internal async Task Refuse(HttpContext http, RequestDelegate next)
    {
        if (Allows(http.Connection.RemoteIpAddress))
        {
            await next(http);
            return;
        }
        http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
    }

    private static IPNetwork Parse(string network)
    {
        if (network.Contains('/'))
        {
            return IPNetwork.Parse(network);
        }
        var address = IPAddress.Parse(network);
        return new IPNetwork(address, address.GetAddressBytes().Length * 8);
    }
}
