using System.Diagnostics.Metrics;
using MeetSite.Signaling;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Signaling;

public sealed class SignalingMetricsTests
{
    [Fact]
    public async Task The_gauges_count_rooms_participants_transports_and_sessions_and_fall_to_zero_when_everyone_leaves()
    {
        using var site = SignalingSite.With(new Dictionary<string, string?> { ["Signaling:GracePeriod"] = "00:01:00" });
        using var lee = await site.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        await using var ws = await lee.JoinWsAsync(code, "Ann");
        var lp = await lee.JoinLongPollAsync(code, "Lee");
        await ws.NextAsync("joined");

        Assert.Equal(Gauges(1, 2, 2, 1), Read(site));

        await ws.LeaveAsync();
        await lp.LeaveAsync();
        await site.NoLeaksAsync();
        Assert.Equal(Gauges(0, 0, 0, 0), Read(site));
    }

    private static Dictionary<string, long> Gauges(long rooms, long participants, long transports, long sessions) => new()
    {
        ["meetsite.signaling.rooms"] = rooms,
        ["meetsite.signaling.participants"] = participants,
        ["meetsite.signaling.transports"] = transports,
        ["meetsite.signaling.long_poll_sessions"] = sessions,
    };

    // Only this site's meter: other tests' sites run alongside with meters of the same name.
    private static Dictionary<string, long> Read(SignalingSite site)
    {
        var factory = site.Site.Services.GetRequiredService<IMeterFactory>();
        var values = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // The gauges of single values; participants.by_transport is read through /metrics (MetricsTests).
                if (instrument.Meter.Name == SignalingMetrics.MeterName && instrument.Meter.Scope == factory
                    && instrument.Name != "meetsite.signaling.participants.by_transport")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
