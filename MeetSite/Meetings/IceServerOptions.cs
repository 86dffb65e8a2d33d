using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetSite.Meetings;

/// <summary>
/// STUN/TURN servers handed to the browsers' RTCPeerConnections, from the <c>WebRtc</c> configuration
/// section: a static list (<c>WebRtc:IceServers</c>: STUN, or TURN with long-term credentials) and a TURN
/// server with short-lived credentials (<c>WebRtc:Turn</c>). Empty by default: direct connections only,
/// which works on a LAN or loopback; people behind symmetric NATs or UDP-blocking firewalls need TURN.
/// </summary>
public sealed class IceServerOptions
{
    public const string Section = "WebRtc";

    /// <summary>RTCIceServer's JSON: camelCase, no null username/credential for STUN entries.</summary>
    internal static readonly JsonSerializerOptions BrowserJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IList<IceServer> IceServers { get; } = [];

    public TurnOptions Turn { get; } = new();
}

/// <summary>
/// A TURN server sharing a secret with MeetSite (coturn's <c>use-auth-secret</c> / <c>static-auth-secret</c>):
/// each user gets a credential that expires after <see cref="Ttl"/>, so a leaked one is useless soon.
/// </summary>
public sealed class TurnOptions
{
    /// <summary>turn: / turns: URLs, e.g. <c>turn:turn.example.net:3478?transport=udp</c>.</summary>
    public IList<string> Urls { get; } = [];

    /// <summary>The shared secret. From configuration or the environment only; never sent to a browser.</summary>
    public string? Secret { get; set; }

    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(1);

    public bool IsConfigured => Urls.Count > 0 && !string.IsNullOrEmpty(Secret);
}

/// <summary>One entry of RTCConfiguration.iceServers.</summary>
public sealed class IceServer
{
    public IList<string> Urls { get; init; } = [];
    public string? Username { get; set; }
    public string? Credential { get; set; }
}
