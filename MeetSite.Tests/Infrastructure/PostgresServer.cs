using System.Diagnostics;

namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// A throwaway Postgres server for the test run: Debian's <c>initdb</c> and <c>pg_ctl</c> on a data folder of
/// its own, on loopback and a free port, with durability off (nothing here outlives the run). Started on first
/// use; stopped when the test process exits, or by a watchdog if the process dies without exiting cleanly.
/// Postgres refuses to run as root, so a root test run starts it as the <c>postgres</c> user.
/// </summary>
internal sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start);

    private readonly string _bin;
    private readonly string _folder;

    private PostgresServer(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public static PostgresServer Instance => Shared.Value;

    public int Port { get; }

    /// <summary>A connection string for <paramref name="database"/> as the superuser (trust on loopback).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true";

    private static PostgresServer Start()
    {
        var bin = Environment.GetEnvironmentVariable("MEETSITE_POSTGRES_BIN")
            ?? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("No Postgres server found: install Debian's postgresql (.ci/test.sh does) or set MEETSITE_POSTGRES_BIN.");
        var folder = Directory.CreateTempSubdirectory("meetsite-postgres-").FullName;
        var server = new PostgresServer(bin, folder, LoopbackPort.Free());
        if (Environment.IsPrivilegedProcess)
        {
            Run("chown", "postgres:postgres", folder);
        }
        server.RunAsServerUser("initdb", "-D", server.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        server.RunAsServerUser("pg_ctl", "-D", server.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-c listen_addresses=127.0.0.1 -p {server.Port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400");
        server.StartWatchdog();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private string Data => Path.Combine(_folder, "data");

    private void Stop()
    {
        try
        {
            RunAsServerUser("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Stops the server and removes its folder once this process is gone, however it ended.</summary>
    private void StartWatchdog()
    {
        var pgCtl = Path.Combine(_bin, "pg_ctl");
        var stop = Environment.IsPrivilegedProcess ? $"runuser -u postgres -- {pgCtl}" : pgCtl;
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; " +
            $"if [ -d {Data} ]; then {stop} -D {Data} -m immediate -w stop >/dev/null 2>&1; rm -rf {_folder}; fi";
        using var watchdog = Process.Start(new ProcessStartInfo("setsid", ["bash", "-c", script]) { UseShellExecute = false });
    }

    private void RunAsServerUser(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        if (Environment.IsPrivilegedProcess)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. args]);
        }
        else
        {
            Run(path, args);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {output.Result}{errors.Result}");
        }
    }
}
