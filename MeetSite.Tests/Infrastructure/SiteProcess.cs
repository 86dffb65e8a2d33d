using MeetSite.Tests.Nat;

namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// The site as a process of its own (<c>dotnet MeetSite.dll</c>, as deployed) on a loopback port: what only a
/// real process shows, a SIGTERM and its exit, and the console's output.
/// </summary>
internal sealed class SiteProcess : IDisposable
{
    private readonly ChildProcess _process;

    /// <summary>The SQLite file that <see cref="StartOnOwnSqliteAsync"/> made for it, deleted with it.</summary>
    private string? _ownDatabase;

    private SiteProcess(ChildProcess process, Uri baseUri, Uri? ownUri) => (_process, BaseUri, OwnUri) = (process, baseUri, ownUri);

    public Uri BaseUri { get; }

    /// <summary>A second port that only this process listens on, when asked for: reaches it while it shares <see cref="BaseUri"/>.</summary>
    public Uri? OwnUri { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    /// <summary>The process id (<c>dotnet MeetSite.dll</c> runs the site in the process it starts).</summary>
    public int Id => _process.Id;

    /// <summary>Starts it with the test defaults and <paramref name="settings"/> (keys as in appsettings.json) and waits until it serves.</summary>
    public static async Task<SiteProcess> StartAsync(int port, IDictionary<string, string?> settings, int? ownPort = null)
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Testing" };
        foreach (var (key, value) in TestSite.Defaults.Concat(settings))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        var ownUri = ownPort is { } own ? new Uri($"http://127.0.0.1:{own}") : null;
        var urls = ownUri is null ? baseUri.ToString() : $"{baseUri};{ownUri}";
        var child = ChildProcess.Start("dotnet", [NatBed.SiteDll, "--urls", urls], environment, Path.GetDirectoryName(NatBed.SiteDll));
        var site = new SiteProcess(child, baseUri, ownUri);
        // Its own words, not an answer on the port: with a shared port the answer may come from another process.
        var deadline = DateTime.UtcNow.AddSeconds(120); // a loaded machine starts it slowly
        while (!site.Output.Contains("Application started", StringComparison.Ordinal))
        {
            if (child.HasExited || DateTime.UtcNow > deadline)
            {
                site.Dispose();
                throw new InvalidOperationException($"The site did not start:\n{site.Output}");
            }
            await Task.Delay(50);
        }
        return site;
    }

    /// <summary>Starts it on a free loopback port of its own.</summary>
    public static Task<SiteProcess> StartAsync(IReadOnlyDictionary<string, string?> settings) =>
        StartAsync(LoopbackPort.Free(), settings.ToDictionary());

    /// <summary>SIGTERM, then how long the process took to exit (it is killed after <paramref name="patience"/>).</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan patience)
    {
        var started = DateTime.UtcNow;
        _process.Terminate();
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The site did not exit within {patience} of SIGTERM:\n{Output}");
        }
        Assert.True(_process.ExitCode == 0, $"The site exited with {_process.ExitCode}:\n{Output}");
        return DateTime.UtcNow - started;
    }

    /// <summary>SIGKILL: the process dies mid-call, with whatever it held.</summary>
    public void Kill() => _process.Kill();

    /// <summary>
    /// Starts it on a free port with a throwaway SQLite database of its own, deleted when it is disposed;
    /// <paramref name="settings"/> adds to that (keys as in appsettings.json, or environment variables).
    /// </summary>
    public static async Task<SiteProcess> StartOnOwnSqliteAsync(string name, IDictionary<string, string?>? settings = null)
    {
        var database = SqliteFiles.NewPath(name);
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:MeetSite"] = $"Data Source={database}",
        };
        try
        {
            var site = await StartAsync(LoopbackPort.Free(), all);
            site._ownDatabase = database;
            return site;
        }
        catch
        {
            SqliteFiles.Delete(database);
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        if (_ownDatabase is not null)
        {
            SqliteFiles.Delete(_ownDatabase);
        }
    }
}
