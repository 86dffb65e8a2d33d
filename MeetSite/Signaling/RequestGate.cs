using MeetSite.Meetings;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace MeetSite.Signaling;

/// <summary>
/// The checks every signaling request passes, in the documented order, before any message is read:
/// signed in (401), an allowed Origin (403), the meeting exists (404), and for a join, a free seat (409).
/// </summary>
internal sealed class RequestGate(MeetingStore meetings, RoomRegistry rooms, IOptions<SignalingOptions> options)
{
    public async Task<Meeting?> CheckAsync(HttpContext http, string? code, bool opening)
    {
        // Answers are for scripts: a status (and a JSON error), never the HTML error page.
        http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }
        if (!IsAllowedOrigin(http.Request))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return null;
        }
        var meeting = await FindMeetingAsync(code, http.RequestAborted);
        if (meeting is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        if (opening && rooms.Find(meeting.Code)?.IsFull(options.Value.Capacity) == true)
        {
            await SignalingResponses.WriteErrorAsync(http.Response, StatusCodes.Status409Conflict,
                new SignalingError(ErrorCodes.MeetingFull, "The meeting is full."));
            return null;
        }
        return meeting;
    }

    /// <summary>
    /// Browsers send Origin on every WebSocket and cross-origin request, so a missing one is not a page on
    /// another site; a present one must be this site or configured.
    /// </summary>
    private bool IsAllowedOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }
        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || options.Value.AllowedOrigins.Any(allowed => string.Equals(origin, allowed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A meeting with a live room is known without a query: polls and sends stay off the database.</summary>
    private async Task<Meeting?> FindMeetingAsync(string? code, CancellationToken cancel)
    {
        if (!MeetingCode.TryParse(code, out var parsed))
        {
            return null;
        }
        return rooms.Find(parsed.Value.Value)?.Meeting ?? await meetings.FindByCodeAsync(parsed.Value, cancel);
    }
}
