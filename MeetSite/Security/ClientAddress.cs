using System.Net;
using System.Net.Sockets;

namespace MeetSite.Security;

/// <summary>The client's address as a rate-limit partition key.</summary>
public static class ClientAddress
{
    /// <summary>
    /// IPv4 as is; IPv6 by its /64, because one host (or home) is given a whole /64 and could otherwise
    /// take a fresh partition per request.
    /// </summary>
    public static string Key(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
