namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// A site that can be stopped and started again as a new process would be: every <see cref="Start"/> is a new
/// <see cref="TestSite"/> on the same loopback port, database and data-protection keys.
/// </summary>
public sealed class RestartableSite : IDisposable
{
    private readonly string _keys = Directory.CreateTempSubdirectory("meetsite-keys-").FullName;
    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly IDictionary<string, string?> _settings;
    private readonly List<TestSite> _sites = [];
    private readonly List<SiteProcess> _processes = [];
    private readonly int _port = LoopbackPort.Free();

    public RestartableSite(IDictionary<string, string?>? settings = null) => _settings = settings ?? new Dictionary<string, string?>();

    public Uri BaseUri => new($"http://127.0.0.1:{_port}");

    /// <summary>Starts a new process of the site; dispose it (or this) to stop it.</summary>
    public TestSite Start()
    {
        var site = new TestSite(new Dictionary<string, string?>(_settings) { ["DataProtection:KeysPath"] = _keys }, database: _database);
        _sites.Add(site);
        site.StartOnLoopback(_port);
        return site;
    }

    /// <summary>
    /// Starts the site as a process of its own, sharing the port (<c>Shutdown:SharePort</c>) so the next one
    /// can start before this one is stopped, as in a deploy without a gap. It also listens on a port of its own
    /// (<see cref="SiteProcess.OwnUri"/>), to be checked and warmed up before the other one is stopped.
    /// </summary>
    internal async Task<SiteProcess> StartProcessAsync()
    {
        var settings = Settings();
        settings["Shutdown:SharePort"] = "true";
        var process = await SiteProcess.StartAsync(_port, settings, LoopbackPort.Free());
        _processes.Add(process);
        return process;
    }

    /// <summary>A process's settings: the database's, then this site's, then the shared keys.</summary>
    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(_database.Settings);
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }
        settings["DataProtection:KeysPath"] = _keys;
        return settings;
    }

    public void Dispose()
    {
        foreach (var site in _sites)
        {
            site.Dispose();
        }
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        _database.Dispose();
        Directory.Delete(_keys, recursive: true);
    }
}
