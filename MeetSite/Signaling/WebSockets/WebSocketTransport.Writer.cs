using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace MeetSite.Signaling;

internal sealed partial class WebSocketTransport
{
    /// <summary>
    /// The only code that sends on the socket: first what must go first (pre-join errors, a resume's
    /// welcome), then the queue in order. Ends with the close frame for the reason given to <see cref="Close"/>.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        try
        {
            while (Closing is null)
            {
                await _wake.WaitAsync();
                await FlushAsync();
            }
            if (Closing is not CloseReason.Dropped and not CloseReason.TakenOver)
            {
                // Whatever explains the close (a rate-limited error, the last messages before a leave) goes first.
                await FlushAsync();
            }
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(Closing!.Value.ToCloseStatus(), null, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            LogDropped(_logger, e.Message);
        }
        finally
        {
            // The receive loop may be waiting on a peer that will never answer the close.
            AbortAfter(_relay.Options.CloseTimeout);
        }
    }

    /// <summary>Sends what must go first, then the queue in order, as long as this transport owns it.</summary>
    // This and SendAsync run for every message: pooled builders keep them from allocating when they await.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushAsync()
    {
        if (Volatile.Read(ref _first) is { } first)
        {
            while (first.TryDequeue(out var frame))
            {
                await SendAsync(frame);
            }
        }
        if (_inbound.Participant is not { } participant)
        {
            return;
        }
        // Rented per flush, not held per connection: an idle socket keeps no batch.
        var batch = ArrayPool<OutboundFrame>.Shared.Rent(SendBatch);
        try
        {
            int taken;
            while ((taken = participant.Outbound.TakeUndelivered(this, batch.AsSpan(0, SendBatch))) > 0)
            {
                for (var i = 0; i < taken; i++)
                {
                    await SendAsync(batch[i]);
                }
                Array.Clear(batch, 0, taken);
            }
        }
        finally
        {
            ArrayPool<OutboundFrame>.Shared.Return(batch, clearArray: true);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync(OutboundFrame frame)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(frame.MaxLength);
        try
        {
            var length = frame.WriteTo(buffer);
            await _socket.SendAsync(buffer.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
