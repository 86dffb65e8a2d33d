using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetSite.Meetings;

/// <summary>
/// STUN/TURN servers handed to the browsers' RTCPeerConnections, from the <c>WebRtc</c> configuration
/// section (<c>WebRtc:IceServers</c>). Empty by default: direct connections only, which works on a LAN
/// or loopback; people behind strict NATs need a TURN server here.
/// </summary>
public sealed class IceServerOptions
{
    public const string Section = "WebRtc";

    private static readonly JsonSerializerOptions BrowserJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IList<IceServer> IceServers { get; } = [];

    /// <summary>The servers as the JSON array <c>new RTCPeerConnection({ iceServers })</c> takes.</summary>
    public string ToBrowserJson() => JsonSerializer.Serialize(IceServers, BrowserJson);
}

/// <summary>One entry of RTCConfiguration.iceServers.</summary>
public sealed class IceServer
{
    public IList<string> Urls { get; } = [];
    public string? Username { get; set; }
    public string? Credential { get; set; }
}
