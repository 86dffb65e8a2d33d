using System.Net;
using System.Net.Sockets;

namespace MeetSite.Tests.Infrastructure;

internal static class LoopbackPort
{
    /// <summary>A port free on 127.0.0.1 right now (the system's pick), for a server that binds it next.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
