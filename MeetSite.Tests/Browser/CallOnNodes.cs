using System.Text.RegularExpressions;
using MeetSite.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// A call whose people reach several MeetSite nodes through one round-robin nginx (no stickiness). Knows which
/// node forwards each person's WebSocket from the nodes' own gauge of forwarded requests, read around each join;
/// the first person's node is the meeting's home.
/// </summary>
internal sealed class CallOnNodes(BrowserFixture browser, ClusterNodes cluster, Uri site) : IAsyncDisposable
{
    // Three nodes, nginx and up to four Chromiums share the machine: joins, and every other action on these
    // pages, get more time than on one node (CI saw a click on Chat not acknowledged within 15 s mid-restart).
    private const float JoinTimeoutMs = 30_000;

    private readonly List<Participant> _people = [];
    // Keyed by page and connection: AssertCarriedOnAsync runs several times against one snapshot.
    private readonly Dictionary<string, string> _iceRestarts = [];
    private readonly Dictionary<Participant, int> _nodes = [];
    private string _link = "";

    public IReadOnlyList<Participant> People => _people;

    /// <summary>The peer connections that <see cref="AssertCarriedOnAsync"/> found ICE-restarted, with their logs.</summary>
    public IReadOnlyCollection<string> IceRestarts => _iceRestarts.Values;

    /// <summary>The node that forwards <paramref name="person"/>'s signaling (null: the home serves it directly).</summary>
    public int? NodeOf(Participant person) => _nodes.TryGetValue(person, out var node) ? node : null;

    public async Task<Participant> HostAsync(string name)
    {
        var host = await AddAsync(name);
        _link = await host.RegisterAndStartOpenMeetingAsync();
        await host.JoinAsync(JoinTimeoutMs);
        return host;
    }

    /// <summary>Joins through the proxy without choosing a node.</summary>
    public async Task<Participant> JoinAsync(string name)
    {
        var person = await AddAsync(name);
        await person.OpenMeetingAsNewUserAsync(_link);
        await person.JoinAsync(JoinTimeoutMs);
        return person;
    }

    /// <summary>
    /// Joins through the proxy until the person's WebSocket is forwarded by a node that serves nobody else
    /// (the proxy picks; a page that landed elsewhere is reloaded, which leaves and joins again).
    /// </summary>
    public async Task<Participant> JoinOnANodeOfItsOwnAsync(string name)
    {
        var person = await AddAsync(name);
        await person.OpenMeetingAsNewUserAsync(_link);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var before = await ForwardedAsync();
            await person.JoinAsync(JoinTimeoutMs);
            var after = await ForwardedAsync();
            var node = Enumerable.Range(0, cluster.Count).Where(i => after[i] > before[i]).Cast<int?>().SingleOrDefault();
            if (node is { } own && !_nodes.ContainsValue(own))
            {
                _nodes[person] = own;
                return person;
            }
            await person.Page.ReloadAsync();
        }
        throw new InvalidOperationException($"{name}'s WebSocket never reached a node of its own through the proxy.");
    }

    /// <summary>Everyone sees everyone else's video playing.</summary>
    public async Task AllPlayAsync()
    {
        foreach (var viewer in _people)
        {
            foreach (var other in _people.Where(p => p != viewer))
            {
                await MediaAssert.PlaysAsync(viewer, other.DisplayName, timeoutMs: 30_000);
            }
        }
    }

    /// <summary>Every page's peer connections (their remote descriptions) and how far each remote video has played.</summary>
    public async Task<Snapshot> SnapshotAsync()
    {
        var connections = new Dictionary<Participant, PeerConnectionState[]>();
        var times = new Dictionary<(Participant, string), double>();
        foreach (var viewer in _people)
        {
            connections[viewer] = await viewer.PeerConnectionStatesAsync();
            foreach (var other in _people.Where(p => p != viewer))
            {
                times[(viewer, other.DisplayName)] = (await viewer.SampleMediaAsync(other.DisplayName)).Time;
            }
        }
        return new Snapshot(connections, times);
    }

    /// <summary>
    /// No call was rebuilt: every page has the same peer connections, none closed (so nobody saw anyone leave)
    /// and none renegotiated unless ICE restarted (a new remote ICE ufrag), and every remote video plays on from
    /// where it was, not from zero.
    /// </summary>
    public async Task AssertCarriedOnAsync(Snapshot before)
    {
        foreach (var viewer in _people)
        {
            var then = before.Connections[viewer];
            var now = await viewer.PeerConnectionStatesAsync();
            Assert.True(then.Length == now.Length, $"{viewer.DisplayName} made new peer connections: {then.Length} before, {now.Length} now.\n"
                + string.Join("\n", now.Select((c, i) => $"  connection {i}:\n    {string.Join("\n    ", c.Log)}")));
            for (var i = 0; i < now.Length; i++)
            {
                var connection = $"{viewer.DisplayName}'s peer connection {i}";
                var story = $"{connection}:\n  {string.Join("\n  ", now[i].Log)}";
                Assert.False(now[i].Closed && !then[i].Closed, $"{connection} was closed. {story}");
                var renegotiated = now[i].Descriptions != then[i].Descriptions;
                Assert.False(renegotiated && now[i].Ufrag == then[i].Ufrag, $"{connection} was renegotiated without an ICE restart. {story}");
                if (renegotiated)
                {
                    _iceRestarts[connection] = story;
                }
            }
            foreach (var other in _people.Where(p => p != viewer))
            {
                await MediaAssert.PlaysAsync(viewer, other.DisplayName, timeoutMs: 30_000);
                var time = (await viewer.SampleMediaAsync(other.DisplayName)).Time;
                Assert.True(time > before.Times[(viewer, other.DisplayName)],
                    $"{viewer.DisplayName}'s video of {other.DisplayName} started again from zero ({time} s, {before.Times[(viewer, other.DisplayName)]} s before)");
            }
        }
    }

    /// <summary>Waits until every page says Connected.</summary>
    public async Task AllConnectedAsync(int timeoutMs = 30_000)
    {
        foreach (var person in _people)
        {
            await Assertions.Expect(person.Status()).ToHaveTextAsync(new Regex("^Connected"), new() { Timeout = timeoutMs });
        }
    }

    /// <summary>
    /// Every page shows <paramref name="text"/> exactly once: <paramref name="later"/> is sent last and
    /// waited for first, so a duplicate, which would come before it, has had its chance.
    /// </summary>
    public async Task ChatShownOnceEverywhereAsync(string text, string later)
    {
        await _people[^1].SendChatAsync(later);
        foreach (var person in _people)
        {
            await person.OpenChatAsync();
            await Assertions.Expect(person.ChatLog()).ToContainTextAsync(later, new() { Timeout = 15_000 });
            await Assertions.Expect(person.ChatLog().GetByText(text, new() { Exact = true })).ToHaveCountAsync(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var person in _people)
        {
            await person.DisposeAsync();
        }
    }

    private async Task<Participant> AddAsync(string name)
    {
        var person = await browser.NewParticipantAsync(name, baseAddress: site);
        person.Context.SetDefaultTimeout(JoinTimeoutMs);
        _people.Add(person);
        return person;
    }

    private async Task<double[]> ForwardedAsync()
    {
        var counts = new double[cluster.Count];
        for (var i = 0; i < cluster.Count; i++)
        {
            using var http = new HttpClient { BaseAddress = cluster[i] };
            counts[i] = (await Scrape.ReadAsync(http)).Value("meetsite_cluster_forwarded");
        }
        return counts;
    }

    public sealed record Snapshot(Dictionary<Participant, PeerConnectionState[]> Connections, Dictionary<(Participant, string), double> Times);
}
