using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace MeetSite.Signaling;

internal sealed partial class WebSocketTransport
{
    private async Task ReceiveLoopAsync()
    {
        var maxBytes = _relay.Options.MaxMessageBytes;
        while (true)
        {
            var head = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
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
    // Runs once per message: a pooled builder keeps it from allocating a task each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(byte[] Buffer, int Length)> ReadMessageAsync(ValueWebSocketReceiveResult head, int maxBytes)
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
            var result = await _socket.ReceiveAsync(buffer.AsMemory(length, room - length), CancellationToken.None);
            length += result.Count;
            endOfMessage = result.EndOfMessage;
        }
        return (buffer, length);
    }
}
