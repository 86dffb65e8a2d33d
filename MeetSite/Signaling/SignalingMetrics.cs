using System.Diagnostics.Metrics;

namespace MeetSite.Signaling;

/// <summary>
/// The relay as the "MeetSite.Signaling" meter: its live state as gauges (also read by bench/soak through
/// dotnet-counters), and counters and a histogram of what it does, exported at /metrics (see
/// Operations/MetricsSetup.cs and deploy/grafana/). The meter belongs to the host's IMeterFactory, so it
/// lives and is disposed with the app.
/// </summary>
public sealed class SignalingMetrics
{
    public const string MeterName = "MeetSite.Signaling";

    private static readonly KeyValuePair<string, object?> In = new("direction", "in");
    private static readonly KeyValuePair<string, object?> Out = new("direction", "out");

    // Every message relayed passes here once per recipient: plain sums, read by the meter at collection time.
    private long _messagesIn;
    private long _bytesIn;
    private long _messagesOut;
    private long _bytesOut;
    private readonly Counter<long> _overflows;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _resumes;
    private readonly Counter<long> _moved;
    private readonly Histogram<double> _joinDuration;

    public SignalingMetrics(IMeterFactory meters, RoomRegistry rooms, OpenTransports transports, LongPollSessions sessions)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("meetsite.signaling.rooms", () => rooms.RoomCount, "{room}", "Meetings with someone in them");
        meter.CreateObservableGauge("meetsite.signaling.participants", () => rooms.ParticipantCount, "{participant}", "Participants in a meeting, grace periods included");
        meter.CreateObservableGauge("meetsite.signaling.participants.by_transport", rooms.ParticipantsByTransport, "{participant}",
            "Participants in a meeting by the transport they are on now (none: in the grace period)");
        meter.CreateObservableGauge("meetsite.signaling.transports", () => transports.Count, "{transport}", "Open WebSockets and long-poll sessions, joined or not");
        meter.CreateObservableGauge("meetsite.signaling.long_poll_sessions", () => sessions.Count, "{session}", "Open long-poll sessions");
        meter.CreateObservableCounter("meetsite.signaling.messages", () => Sums(ref _messagesIn, ref _messagesOut), "{message}",
            "Messages received from clients (direction=in) and queued to participants (direction=out, a broadcast once per recipient)");
        meter.CreateObservableCounter("meetsite.signaling.message_bytes", () => Sums(ref _bytesIn, ref _bytesOut), "By",
            "UTF-8 bytes of those messages");
        _overflows = meter.CreateCounter<long>("meetsite.signaling.queue_overflows", "{overflow}",
            "Participants disconnected because their replay queue or the outbound budget was full (close 4002)");
        _refusals = meter.CreateCounter<long>("meetsite.signaling.rate_limited", "{refusal}",
            "Refusals by a limit: messages (the token bucket), joins, connections, lookups");
        _resumes = meter.CreateCounter<long>("meetsite.signaling.resumes", "{resume}", "Resumes, restores included, by outcome (succeeded, failed)");
        _moved = meter.CreateCounter<long>("meetsite.signaling.moved", "{transport}", "Connections told to move on when draining (close 4003)");
        _joinDuration = meter.CreateHistogram("meetsite.signaling.join.duration", "s",
            "From a join (or resume) message to its welcome queued", advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            });
    }

    public void Received(int bytes)
    {
        Interlocked.Increment(ref _messagesIn);
        Interlocked.Add(ref _bytesIn, bytes);
    }

    public void Queued(int bytes)
    {
        Interlocked.Increment(ref _messagesOut);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    public void QueueOverflowed() => _overflows.Add(1);

    public void Refused(string limit) => _refusals.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void Moved(int count) => _moved.Add(count);

    /// <summary>A join or resume answered: a welcome queued, or refused; <paramref name="elapsed"/> since its message.</summary>
    internal void Joined(bool resume, bool succeeded, TimeSpan elapsed)
    {
        var kind = new KeyValuePair<string, object?>("kind", resume ? "resume" : "join");
        if (resume)
        {
            _resumes.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
        }
        if (succeeded)
        {
            _joinDuration.Record(elapsed.TotalSeconds, kind);
        }
    }

    private static Measurement<long>[] Sums(ref long inbound, ref long outbound) =>
        [new(Volatile.Read(ref inbound), In), new(Volatile.Read(ref outbound), Out)];
}

/// <summary>The limits a refusal names in <c>meetsite.signaling.rate_limited</c>.</summary>
public static class RateLimitNames
{
    public const string Messages = "messages";
    public const string Joins = "joins";
    public const string Connections = "connections";
    public const string Lookups = "lookups";
}
