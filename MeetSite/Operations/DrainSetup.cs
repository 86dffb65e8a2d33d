using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace MeetSite.Operations;

/// <summary>
/// How a process stops (SIGTERM, <c>systemctl stop</c>): from the signal on it is not ready (/readyz), refuses
/// new signaling connections (503) and tells every open one to move (close 4003, see docs/signaling.md
/// "Draining"); it exits once they are gone, or after <c>Shutdown:DrainTimeout</c> at the latest.
/// With <c>Shutdown:SharePort</c> the next process can listen on the same port before this one is stopped,
/// so the clients it sends away find it at once.
/// </summary>
public static class DrainSetup
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static WebApplicationBuilder AddDrain(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Shutdown");
        var timeout = section.GetValue("DrainTimeout", DefaultTimeout);
        if (timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Shutdown:DrainTimeout must be positive, not {timeout}.");
        }
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = timeout);
        if (section.GetValue("SharePort", false))
        {
            builder.Services.Configure<SocketTransportOptions>(options => options.CreateBoundListenSocket = BindShared);
        }
        return builder;
    }

    /// <summary>
    /// A listening socket with SO_REUSEPORT (Linux): the kernel spreads new connections over every process
    /// listening on the port, and a stopping one leaves the others taking them all.
    /// </summary>
    private static Socket BindShared(EndPoint endpoint)
    {
        if (endpoint is not IPEndPoint ip || !OperatingSystem.IsLinux())
        {
            return SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        }
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            const int SolSocket = 1, SoReusePort = 15;
            socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            if (ip.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }
            socket.Bind(ip);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
