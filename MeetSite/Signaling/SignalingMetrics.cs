using System.Diagnostics.Metrics;

namespace MeetSite.Signaling;

/// <summary>
/// The relay's live state as gauges of the "MeetSite.Signaling" meter, so a soak (bench/soak, through
/// dotnet-counters) can see rooms, participants, sockets or sessions that outlive everyone leaving.
/// </summary>
public static class SignalingMetrics
{
    public const string MeterName = "MeetSite.Signaling";

    /// <summary>The meter belongs to the host's IMeterFactory, so it lives and is disposed with the app.</summary>
    public static void Register(IServiceProvider services)
    {
        var rooms = services.GetRequiredService<RoomRegistry>();
        var transports = services.GetRequiredService<OpenTransports>();
        var sessions = services.GetRequiredService<LongPollSessions>();
        var meter = services.GetRequiredService<IMeterFactory>().Create(MeterName);
        meter.CreateObservableGauge("meetsite.signaling.rooms", () => rooms.RoomCount, "{room}", "Meetings with someone in them");
        meter.CreateObservableGauge("meetsite.signaling.participants", () => rooms.ParticipantCount, "{participant}", "Participants in a meeting, grace periods included");
        meter.CreateObservableGauge("meetsite.signaling.transports", () => transports.Count, "{transport}", "Open WebSockets and long-poll sessions, joined or not");
        meter.CreateObservableGauge("meetsite.signaling.long_poll_sessions", () => sessions.Count, "{session}", "Open long-poll sessions");
    }
}
