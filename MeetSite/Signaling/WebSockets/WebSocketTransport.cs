using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using MeetSite.Identity;
using MeetSite.Meetings;

namespace MeetSite.Signaling;

/// <summary>
/// A participant over a WebSocket: a receive loop that hands each text message to the
/// <see cref="InboundHandler"/>, and one writer loop that drains the participant's queue. While idle the
/// connection holds no buffer: it waits with a zero-byte receive and rents one only for a message, and
/// the writer rents its batch only while it sends.
/// </summary>
internal sealed partial class WebSocketTransport : ITransport, IDisposable
{
    private const int FirstBufferSize = 4096;
    private const int SendBatch = 32;
    private const int MaxUnsentErrors = 256;

    private readonly WebSocket _socket;
    private readonly SignalingRelay _relay;
    private readonly InboundHandler _inbound;
    private readonly ILogger _logger;
    private readonly WakeSignal _wake = new();
    // Made on first use: most connections never have an error or a resume to send first, and an empty
    // ConcurrentQueue is about 1 KiB, which thousands of idle connections would each hold.
    private ConcurrentQueue<OutboundFrame>? _first;
    private readonly TimeProvider _clock;
    // Made when the socket starts to close: it aborts a socket whose peer takes too long over the close.
    // Nothing passes a cancellation token to the socket instead, because every pending receive would
    // register on it, and an idle socket always has one pending.
    private ITimer? _abortTimer;
    // Let go of once joined (only the receive loop does that): an idle connection keeps no timer.
    private ITimer? _joinTimer;
    private int _closeReason = -1;

    public WebSocketTransport(WebSocket socket, SignalingRelay relay, Meeting meeting, ClaimsPrincipal user, TimeProvider clock, ILogger logger)
    {
        (_socket, _relay, _logger, _clock) = (socket, relay, logger, clock);
        UserId = user.UserId();
        _inbound = new InboundHandler(relay, meeting, UserId, user.DisplayName(), this, clock);
        _joinTimer = clock.CreateTimer(static t => ((WebSocketTransport)t!).CloseIfNotJoined(), this, relay.Options.JoinTimeout, Timeout.InfiniteTimeSpan);
    }

    public string UserId { get; }

    public string MeetingCode => _inbound.Meeting.Code;

    private CloseReason? Closing => Volatile.Read(ref _closeReason) is var r and >= 0 ? (CloseReason)r : null;

    public void Wake() => _wake.Set();

    public void SendFirst(OutboundFrame frame)
    {
        LazyInitializer.EnsureInitialized(ref _first).Enqueue(frame);
        _wake.Set();
    }

    public void Close(CloseReason reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, -1) == -1)
        {
            _wake.Set();
            // A peer that stops reading cannot take a close frame either: give up on it after a while.
            AbortAfter(_relay.Options.CloseTimeout);
        }
    }

    /// <summary>Aborts the socket (ending its pending receive and send) after <paramref name="delay"/>, counted from the latest call.</summary>
    private void AbortAfter(TimeSpan delay)
    {
        if (Volatile.Read(ref _abortTimer) is not { } timer)
        {
            var made = _clock.CreateTimer(static s => ((WebSocket)s!).Abort(), _socket, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            timer = Interlocked.CompareExchange(ref _abortTimer, made, null) ?? made;
            if (timer != made)
            {
                made.Dispose();
            }
        }
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    public async Task RunAsync()
    {
        var writing = WriteLoopAsync();
        try
        {
            await ReceiveLoopAsync();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away, or the socket was aborted (AbortAfter).
            LogDropped(_logger, e.Message);
        }
        catch (Exception e)
        {
            // A fault of ours (the database, say) ends this participant with 1011, not the server.
            LogFailed(_logger, e);
            EndParticipant(CloseReason.ServerError);
        }
        finally
        {
            if (_inbound.Participant is { } participant)
            {
                _relay.Dropped(participant, this);
            }
            Close(CloseReason.Dropped);
            await writing;
        }
    }

    public void Dispose()
    {
        _joinTimer?.Dispose(); // the receive loop has ended: nothing else touches it now
        Volatile.Read(ref _abortTimer)?.Dispose();
    }

    /// <summary>
    /// An error answers a message of this connection, so it goes straight out with seq 0 rather than into
    /// the participant's replayable stream. A client that sends bad messages faster than it reads the
    /// answers is a slow consumer like any other.
    /// </summary>
    private void AfterMessage(SignalingError? error)
    {
        if (_inbound.Participant is not null)
        {
            // Once: a timer change takes the timer queue's lock, which every message would contend for.
            if (_joinTimer is { } timer)
            {
                _joinTimer = null;
                timer.Dispose();
            }
            _wake.Set();
        }
        if (error is null)
        {
            return;
        }
        if (Volatile.Read(ref _first)?.Count >= MaxUnsentErrors)
        {
            EndParticipant(CloseReason.SlowConsumer);
            return;
        }
        SendFirst(new OutboundFrame(0, ServerMessages.Error(error)));
    }

    private void EndParticipant(CloseReason reason) => _relay.End(this, _inbound.Participant, reason);

    private void CloseIfNotJoined()
    {
        if (_inbound.Participant is null)
        {
            Close(CloseReason.JoinTimeout);
        }
    }
}
