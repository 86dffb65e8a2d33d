using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MeetSite.Tests.Nat;

namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// A throwaway Redis: Debian's <c>redis-server</c> on loopback and a free port, with nothing saved to disk.
/// The run shares one (<see cref="Instance"/>); a test that stops Redis starts its own. Each is stopped when
/// the test process exits, or by a watchdog if the process dies without exiting cleanly. Set
/// MEETSITE_REDIS_SERVER to use another binary.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private static readonly Lazy<RedisServer> Shared = new(() => new RedisServer());

    private readonly string _folder = Directory.CreateTempSubdirectory("meetsite-redis-").FullName;
    private ChildProcess? _process;

    public RedisServer()
    {
        Port = LoopbackPort.Free();
        StartWatchdog();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        Start();
    }

    public static RedisServer Instance => Shared.Value;

    public int Port { get; }

    /// <summary>For <c>Signaling:Redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    private static string Binary =>
        Environment.GetEnvironmentVariable("MEETSITE_REDIS_SERVER") is { Length: > 0 } path ? path : "/usr/bin/redis-server";

    /// <summary>Starts it (again, empty) on its port, and waits until it answers.</summary>
    public void Start()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("No redis-server found: install Debian's redis-server (.ci/test.sh does) or set MEETSITE_REDIS_SERVER.");
        }
        _process = ChildProcess.Start(Binary,
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", _folder, "--daemonize", "no"]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Answers())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start:\n{_process.Output}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>The value at <paramref name="key"/> (empty when none), read with <c>redis-cli</c>.</summary>
    public async Task<string> GetAsync(string key)
    {
        using var cli = Process.Start(new ProcessStartInfo("redis-cli", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "--raw", "GET", key])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var value = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return value.Trim();
    }

    /// <summary>Kills it: every client's connection drops, and what it held is gone.</summary>
    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops the server (by the title Redis gives its process: address and port) once this process is gone.</summary>
    private void StartWatchdog()
    {
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; pkill -KILL -f 'redis-server 127.0.0.1:{Port}'; rm -rf {_folder}";
        using var watchdog = Process.Start(new ProcessStartInfo("setsid", ["bash", "-c", script]) { UseShellExecute = false });
    }
}
