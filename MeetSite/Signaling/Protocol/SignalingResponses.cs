namespace MeetSite.Signaling;

/// <summary>HTTP answers that carry a protocol <c>error</c> (seq 0: it is not part of the participant's stream).</summary>
internal static class SignalingResponses
{
    public static async Task WriteErrorAsync(HttpResponse response, int status, SignalingError error)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var frame = new OutboundFrame(0, ServerMessages.Error(error));
        var buffer = new byte[frame.MaxLength];
        var length = frame.WriteTo(buffer);
        await response.Body.WriteAsync(buffer.AsMemory(0, length));
    }

    /// <summary>
    /// The long-poll form of close 4003: this process is draining, so the session is over here; resume at
    /// once, and the next process takes the participant back.
    /// </summary>
    public static Task WriteMovingAsync(HttpResponse response)
    {
        response.Headers.RetryAfter = "0";
        return WriteErrorAsync(response, StatusCodes.Status503ServiceUnavailable,
            new SignalingError(ErrorCodes.Moving, "This server is stopping: resume now, on the next one."));
    }
}
