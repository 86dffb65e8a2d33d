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

    public void Dispose()
    {
        foreach (var site in _sites)
        {
            site.Dispose();
        }
        _database.Dispose();
        Directory.Delete(_keys, recursive: true);
    }
}
