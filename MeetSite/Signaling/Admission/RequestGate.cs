using System.Threading.RateLimiting;
using MeetSite.Identity;
using MeetSite.Meetings;
using MeetSite.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace MeetSite.Signaling;

/// <summary>
/// The checks every signaling request passes, in the documented order, before any message is read:
/// signed in (401), an allowed Origin (403), not locked out for guessing codes (429), the meeting exists
/// (404), and for a request that opens a connection: the meeting has not ended (410), the join rate (429), the account's open connections
/// (429), a free seat (409).
/// </summary>
internal sealed class RequestGate(MeetingStore meetings, RoomRegistry rooms, CodeLookupLimit lookups, JoinLimit joins,
    IOptions<SignalingOptions> options, IHostApplicationLifetime lifetime, SignalingMetrics metrics)
{
    /// <summary>The meeting of a request on an open session, or null when it was answered with a refusal.</summary>
    public async Task<Meeting?> CheckAsync(HttpContext http, string? code)
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
        if (!MeetingCode.TryParse(code, out var parsed))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        if (lookups.IsBlocked(http, out var retryAfter) && !IsInMeeting(http, parsed.Value))
        {
            metrics.Refused(RateLimitNames.Lookups);
            await RefuseAsync(http, retryAfter, new SignalingError(ErrorCodes.TooManyLookups,
                "Too many meeting codes that do not exist were tried from this account or network. Wait, then try again."));
            return null;
        }
        var meeting = rooms.Find(parsed.Value.Value)?.Meeting ?? await meetings.FindByCodeAsync(parsed.Value, http.RequestAborted);
        if (meeting is null)
        {
            lookups.Missed(http);
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return meeting;
    }

    /// <summary>
    /// The checks for a request that opens a connection (the WebSocket upgrade, the long-poll open): the
    /// meeting, and the connection's seat among the account's, to dispose when the connection ends.
    /// </summary>
    public async Task<(Meeting Meeting, RateLimitLease Connection)?> OpenAsync(HttpContext http, string? code)
    {
        if (await CheckAsync(http, code) is not { } meeting)
        {
            return null;
        }
        if (meeting.HasEnded || rooms.Find(meeting.Code)?.IsEnded == true)
        {
            await SignalingResponses.WriteErrorAsync(http.Response, StatusCodes.Status410Gone,
                new SignalingError(ErrorCodes.MeetingEnded, "This meeting has ended."));
            return null;
        }
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // A connection opened now would die with this process: the client retries, to the next one.
            http.Response.Headers.RetryAfter = "1";
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return null;
        }
        using (var open = joins.TryOpen(http))
        {
            if (!open.IsAcquired)
            {
                metrics.Refused(RateLimitNames.Joins);
                await RefuseAsync(http, WaitOf(open), new SignalingError(ErrorCodes.TooManyJoins,
                    "Too many connections were opened from this account or network. Wait, then try again."));
                return null;
            }
        }
        var connection = joins.TryConnect(http.User.UserId());
        if (!connection.IsAcquired)
        {
            connection.Dispose();
            metrics.Refused(RateLimitNames.Connections);
            await RefuseAsync(http, null, new SignalingError(ErrorCodes.TooManyConnections,
                "This account has too many signaling connections open. Close a meeting tab, then try again."));
            return null;
        }
        if (rooms.Find(meeting.Code)?.IsFull(options.Value.Capacity) == true)
        {
            connection.Dispose();
            await SignalingResponses.WriteErrorAsync(http.Response, StatusCodes.Status409Conflict,
                new SignalingError(ErrorCodes.MeetingFull, "The meeting is full."));
            return null;
        }
        return (meeting, connection);
    }

    /// <summary>
    /// An account with a participant in the meeting knows its code: a lockout for guessing other codes
    /// must not cut its polls, sends or resumes.
    /// </summary>
    private bool IsInMeeting(HttpContext http, MeetingCode code)
    {
        var userId = http.User.UserId();
        return rooms.Find(code.Value)?.Members.Any(p => p.UserId == userId) == true;
    }

    private static Task RefuseAsync(HttpContext http, TimeSpan? retryAfter, SignalingError error)
    {
        if (retryAfter is { } after)
        {
            RetryAfter.Set(http.Response, after);
        }
        return SignalingResponses.WriteErrorAsync(http.Response, StatusCodes.Status429TooManyRequests, error);
    }

    private static TimeSpan? WaitOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;

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
}
