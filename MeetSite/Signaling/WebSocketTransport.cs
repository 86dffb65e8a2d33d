using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using MeetSite.Identity;
using MeetSite.Meetings;

namespace MeetSite.Signaling;

/// <summary>
/// A participant over a WebSocket: a receive loop that hands each text message to the
/// <see cref="InboundHandler"/>, and one writer loop that drains the participant's queue. While idle the
/// connection holds no buffer: it waits with a zero-byte receive and rents one only for a message.
/// </summary>
internal sealed partial class WebSocketTransport : ITransport, IDisposable
{
    private const int FirstBufferSize = 4096;
    private const int SendBatch = 32;

    private readonly WebSocket _socket;
    private readonly SignalingRelay _relay;
    private readonly InboundHandler _inbound;
    private readonly ILogger _logger;
    private readonly WakeSignal _wake = new();
    private readonly ConcurrentQueue<OutboundFrame> _first = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly ITimer _joinTimer;
    private int _closeReason = -1;

    public WebSocketTransport(WebSocket socket, SignalingRelay relay, Meeting meeting, ClaimsPrincipal user, TimeProvider clock, ILogger logger)
    {
        (_socket, _relay, _logger) = (socket, relay, logger);
        UserId = user.UserId();
        _inbound = new InboundHandler(relay, meeting, UserId, user.DisplayName(), this, clock);
        _joinTimer = clock.CreateTimer(static t => ((WebSocketTransport)t!).CloseIfNotJoined(), this, relay.Options.JoinTimeout, Timeout.InfiniteTimeSpan);
    }

    public string UserId { get; }

    private CloseReason? Closing => Volatile.Read(ref _closeReason) is var r and >= 0 ? (CloseReason)r : null;

    public void Wake() => _wake.Set();

    public void SendFirst(OutboundFrame frame)
    {
        _first.Enqueue(frame);
        _wake.Set();
    }

    public void Close(CloseReason reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, -1) == -1)
        {
            _wake.Set();
            // A peer that stops reading cannot take a close frame either: give up on it after a while.
            _abort.CancelAfter(_relay.Options.CloseTimeout);
        }
    }

    public async Task RunAsync()
    {
        var writing = WriteLoopAsync();
        try
        {
            await ReceiveLoopAsync();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            LogDropped(_logger, e.Message);
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
        _joinTimer.Dispose();
        _abort.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var maxBytes = _relay.Options.MaxMessageBytes;
        while (true)
        {
            var head = await _socket.ReceiveAsync(Memory<byte>.Empty, _abort.Token);
            if (head.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            var (buffer, length) = await ReadMessageAsync(head, maxBytes);
            try
            {
                if (length > maxBytes)
                {
                    EndParticipant(CloseReason.TooLarge);
                    return;
                }
                if (Closing is not null)
                {
                    continue;
                }
                var error = head.MessageType == WebSocketMessageType.Binary
                    ? new SignalingError(ErrorCodes.BadJson, "Binary frames are not accepted: send JSON text.")
                    : await _inbound.HandleAsync(buffer.AsMemory(0, length));
                AfterMessage(error);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Reads the rest of a message into a rented buffer that doubles as needed, stopping one byte past the limit.</summary>
    private async Task<(byte[] Buffer, int Length)> ReadMessageAsync(ValueWebSocketReceiveResult head, int maxBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
        var length = 0;
        var endOfMessage = head.EndOfMessage;
        while (!endOfMessage && length <= maxBytes)
        {
            var room = Math.Min(buffer.Length, maxBytes + 1);
            if (length == room)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
                room = Math.Min(buffer.Length, maxBytes + 1);
            }
            var result = await _socket.ReceiveAsync(buffer.AsMemory(length, room - length), _abort.Token);
            length += result.Count;
            endOfMessage = result.EndOfMessage;
        }
        return (buffer, length);
    }

    /// <summary>Errors before the join go straight out with seq 0; after it they are numbered like any message.</summary>
    private void AfterMessage(SignalingError? error)
    {
        var participant = _inbound.Participant;
        if (participant is not null)
        {
            _joinTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _wake.Set();
        }
        if (error is null)
        {
            return;
        }
        if (participant is null)
        {
            SendFirst(new OutboundFrame(0, ServerMessages.Error(error)));
        }
        else
        {
            _relay.Send(participant, ServerMessages.Error(error));
        }
    }

    private void EndParticipant(CloseReason reason)
    {
        if (_inbound.Participant is { } participant)
        {
            _relay.Leave(participant, reason);
        }
        Close(reason);
    }

    private void CloseIfNotJoined()
    {
        if (_inbound.Participant is null)
        {
            Close(CloseReason.JoinTimeout);
        }
    }
}
