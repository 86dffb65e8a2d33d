using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MeetSite.Cluster;

/// <summary>The node that holds a meeting's room, and how to reach it.</summary>
internal sealed record MeetingHome(string NodeId, string Url)
{
    public override string ToString() => NodeId + " " + Url;

    public static MeetingHome Parse(string value) => value.IndexOf(' ', StringComparison.Ordinal) is var space and > 0
        ? new(value[..space], value[(space + 1)..])
        : throw new FormatException($"Not a meeting home: {value}");
}

/// <summary>
/// Which node is each meeting's home, kept in Redis as a lease (<c>meetsite:home:{code}</c>) that the home
/// renews while its room lives. One home per meeting is what keeps a meeting's membership, seats, chat,
/// controls and message order as consistent across nodes as on one: every other node forwards the
/// meeting's signaling requests there.
/// </summary>
internal sealed class MeetingHomes(IConnectionMultiplexer redis, ClusterNode node, IOptions<ClusterOptions> options)
{
    // Takes the lease from a home known to be gone (or from nobody); answers the home there is now.
    private const string TakeOverScript = """
        local current = redis.call('GET', KEYS[1])
        if current == false or current == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return ARGV[2]
        end
        return current
        """;

    // Renews this node's lease, or takes it again if it lapsed; 0 when another node holds it now.
    private const string RenewScript = """
        local current = redis.call('GET', KEYS[1])
        if current == false or current == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private IDatabase Db => redis.GetDatabase();

    private MeetingHome Self => new(node.Id, node.Url);

    private long LeaseMs => (long)options.Value.HomeLease.TotalMilliseconds;

    /// <summary>
    /// The meeting's home: the one on record, or this node, which claims it now when there is none and it
    /// <paramref name="mayClaim"/> (else null).
    /// </summary>
    public async Task<MeetingHome?> HomeOfAsync(string code, bool mayClaim = true)
    {
        if (!mayClaim)
        {
            var current = await Db.StringGetAsync(Key(code));
            return current.IsNull ? null : MeetingHome.Parse(current!);
        }
        var before = await Db.StringSetAndGetAsync(Key(code), Self.ToString(), options.Value.HomeLease, keepTtl: false, When.NotExists);
        return before.IsNull ? Self : MeetingHome.Parse(before!);
    }

    /// <summary>
    /// Makes this node the home in place of <paramref name="goneNodeId"/>, which cannot be reached (or was
    /// restarted: a new process answers at its address). Answers the home on record afterwards, which is
    /// another node if one took over first.
    /// </summary>
    public async Task<MeetingHome> TakeOverAsync(string code, string goneNodeId)
    {
        var current = await Db.StringGetAsync(Key(code));
        if (!current.IsNull && MeetingHome.Parse(current!).NodeId != goneNodeId)
        {
            return MeetingHome.Parse(current!);
        }
        var now = await Db.ScriptEvaluateAsync(TakeOverScript, [Key(code)], [current.IsNull ? "" : current, Self.ToString(), LeaseMs]);
        return MeetingHome.Parse((string)now!);
    }

    /// <summary>Renews this node's leases; answers the codes whose lease another node holds now.</summary>
    public async Task<IReadOnlyList<string>> RenewAsync(IEnumerable<string> codes)
    {
        var self = Self.ToString();
        var renewals = codes.Select(async code => (code, held: (long)await Db.ScriptEvaluateAsync(RenewScript, [Key(code)], [self, LeaseMs]))).ToList();
        var results = await Task.WhenAll(renewals);
        return [.. results.Where(r => r.held == 0).Select(r => r.code)];
    }

    /// <summary>Gives up the lease of a meeting whose room here emptied, or of every room when this node stops.</summary>
    public Task ReleaseAsync(string code) => Db.ScriptEvaluateAsync(ReleaseScript, [Key(code)], [Self.ToString()]);

    private static RedisKey Key(string code) => "meetsite:home:" + code;
}
