using System.Buffers;

namespace MeetSite.Signaling;

internal sealed partial class LongPollTransport
{
    /// <summary>
    /// GET: acknowledges up to <paramref name="ack"/>, then answers at once with everything queued, or
    /// waits for the hold: 200 with a batch, an empty 200 when nothing came, 204 when closed or superseded.
    /// </summary>
    public async Task PollAsync(HttpContext http, long ack)
    {
        if (_poll.Begin() is not { } mine)
        {
            await EndedAsync(http);
            return;
        }
        try
        {
            var participant = Inbound.Participant!;
            if (!participant.Outbound.TryRewind(this, ack))
            {
                // Taken over elsewhere, or part of the replay is gone and the participant cannot go on.
                _relay.End(this, participant, participant.Outbound.Owner == this ? CloseReason.Expired : CloseReason.TakenOver);
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            using var hold = new CancellationTokenSource(_relay.Options.LongPollHold, _clock);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(mine.Token, http.RequestAborted, hold.Token);
            while (true)
            {
                // Read before the batch is taken: the last word is queued before it is marked, so a batch taken
                // after the mark holds it. A poll that took the last word unmarked leaves the close to the next one.
                var closing = HasLastWord;
                var wrote = await TryWriteBatchAsync(http, participant);
                if (closing)
                {
                    // The last word is out, in this batch or in one the client has acknowledged: nothing more will come.
                    Close(CloseReason.Left);
                    if (!wrote)
                    {
                        await EndedAsync(http);
                    }
                    return;
                }
                if (wrote)
                {
                    return;
                }
                try
                {
                    await _wake.WaitAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Superseded, closed or gone: 204 (503 when draining). Only the hold running out is an empty 200.
                    if (mine.IsCancellationRequested || http.RequestAborted.IsCancellationRequested)
                    {
                        await EndedAsync(http);
                        return;
                    }
                    http.Response.StatusCode = StatusCodes.Status200OK;
                    return;
                }
            }
        }
        finally
        {
            _poll.End(mine);
        }
    }

    private Task EndedAsync(HttpContext http)
    {
        if (Moving && !http.RequestAborted.IsCancellationRequested)
        {
            return SignalingResponses.WriteMovingAsync(http.Response);
        }
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private async Task<bool> TryWriteBatchAsync(HttpContext http, Participant participant)
    {
        var frames = ArrayPool<OutboundFrame>.Shared.Rent(_relay.Options.OutboundQueueCapacity + 1);
        try
        {
            var count = 0;
            if (TakeFirst() is { } first)
            {
                frames[count++] = first;
            }
            count += participant.Outbound.TakeUndelivered(this, frames.AsSpan(count));
            if (count == 0)
            {
                return false;
            }
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json";
            var writer = http.Response.BodyWriter;
            for (var i = 0; i < count; i++)
            {
                var span = writer.GetSpan(frames[i].MaxLength + 1);
                span[0] = i == 0 ? (byte)'[' : (byte)',';
                writer.Advance(1 + frames[i].WriteTo(span[1..]));
            }
            writer.Write("]"u8);
            await writer.FlushAsync(http.RequestAborted);
            return true;
        }
        finally
        {
            ArrayPool<OutboundFrame>.Shared.Return(frames, clearArray: true);
        }
    }
}
