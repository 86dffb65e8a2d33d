namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// Several MeetSite processes, as deployed side by side: one database, the data-protection keys in it, and
/// the run's <see cref="RedisServer"/> (<c>Signaling:Redis</c>). Each node listens on a loopback port of its
/// own, which is also the address the others forward to.
/// </summary>
internal sealed class ClusterNodes : IDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly SiteProcess?[] _nodes;
    private readonly int[] _ports;
    private readonly System.Text.StringBuilder _pastOutput = new();

    private ClusterNodes(TestDatabase database, Dictionary<string, string?> settings, int count)
    {
        Database = database;
        _settings = settings;
        _nodes = new SiteProcess?[count];
        _ports = [.. Enumerable.Range(0, count).Select(_ => LoopbackPort.Free())];
    }

    public TestDatabase Database { get; }

    public int Count => _nodes.Length;

    /// <summary>Node <paramref name="index"/>'s address (the same after a restart).</summary>
    public Uri this[int index] => new($"http://127.0.0.1:{_ports[index]}");

    public IEnumerable<Uri> Addresses => Enumerable.Range(0, Count).Select(i => this[i]);

    /// <summary>What every node printed, stopped ones included, for failure messages.</summary>
    public string Output => _pastOutput + string.Concat(_nodes.Select((n, i) => n is null ? "" : $"--- node {i}\n{n.Output}"));

    /// <summary>Starts <paramref name="count"/> nodes on a new database, with the run's Redis or <paramref name="redis"/>.</summary>
    public static async Task<ClusterNodes> StartAsync(int count, IDictionary<string, string?>? settings = null, RedisServer? redis = null)
    {
        var database = TestDatabase.Create();
        var all = new Dictionary<string, string?>(database.Settings)
        {
            ["DataProtection:KeysInDatabase"] = "true",
            ["Signaling:Redis"] = (redis ?? RedisServer.Instance).ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var cluster = new ClusterNodes(database, all, count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                await cluster.StartAsync(i);
            }
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Starts node <paramref name="index"/> (again, after a kill or a stop) on its port.</summary>
    public async Task StartAsync(int index)
    {
        var settings = new Dictionary<string, string?>(_settings) { ["Signaling:NodeUrl"] = this[index].ToString() };
        _nodes[index] = await SiteProcess.StartAsync(_ports[index], settings);
    }

    /// <summary><c>kill -9</c> of node <paramref name="index"/>.</summary>
    public void Kill(int index)
    {
        _nodes[index]?.Kill();
        _pastOutput.Append(System.Globalization.CultureInfo.InvariantCulture, $"--- node {index}, killed\n{_nodes[index]?.Output}");
        _nodes[index]?.Dispose();
        _nodes[index] = null;
    }

    /// <summary>SIGTERM to node <paramref name="index"/>, which drains and exits.</summary>
    public async Task StopAsync(int index)
    {
        await _nodes[index]!.TerminateAsync(TimeSpan.FromSeconds(30));
        _pastOutput.Append(System.Globalization.CultureInfo.InvariantCulture, $"--- node {index}, stopped\n{_nodes[index]!.Output}");
        _nodes[index]!.Dispose();
        _nodes[index] = null;
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node?.Dispose();
        }
        Database.Dispose();
    }
}
