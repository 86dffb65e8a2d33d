using System.Diagnostics;
using System.Net.Sockets;
using MeetSite.Tests.Nat;

namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// A throwaway Redis for the test run: Debian's <c>redis-server</c> on loopback and a free port, with
/// nothing saved to disk. Started on first use; stopped when the test process exits, or by a watchdog if
/// the process dies without exiting cleanly. Set MEETSITE_REDIS_SERVER to use another binary.
/// </summary>
internal sealed class RedisServer
{
    private static readonly Lazy<RedisServer> Shared = new(Start);

    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port) => (_process, Port) = (process, port);

    public static RedisServer Instance => Shared.Value;

    public int Port { get; }

    /// <summary>For <c>Signaling:Redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    private static RedisServer Start()
    {
        var binary = Environment.GetEnvironmentVariable("MEETSITE_REDIS_SERVER") is { Length: > 0 } path ? path : "/usr/bin/redis-server";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("No redis-server found: install Debian's redis-server (.ci/test.sh does) or set MEETSITE_REDIS_SERVER.");
        }
        var port = LoopbackPort.Free();
        var folder = Directory.CreateTempSubdirectory("meetsite-redis-").FullName;
        var process = ChildProcess.Start(binary,
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", folder, "--daemonize", "no", "--protected-mode", "yes"]);
        var server = new RedisServer(process, port);
        StartWatchdog(folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            process.Dispose();
            Directory.Delete(folder, recursive: true);
        };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Answers(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start:\n{process.Output}");
            }
            Thread.Sleep(50);
        }
        return server;
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops the server (by the title Redis gives its process: address and port) once this process is gone.</summary>
    private static void StartWatchdog(string folder, int port)
    {
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; pkill -KILL -f 'redis-server 127.0.0.1:{port}'; rm -rf {folder}";
        using var watchdog = Process.Start(new ProcessStartInfo("setsid", ["bash", "-c", script]) { UseShellExecute = false });
    }
}
