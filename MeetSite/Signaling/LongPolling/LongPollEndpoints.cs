using MeetSite.Identity;
using MeetSite.Meetings;

namespace MeetSite.Signaling;

/// <summary><c>/signal/lp/{code}</c>: POST opens a session (or sends one message or a batch on it), GET polls, DELETE leaves.</summary>
internal static class LongPollEndpoints
{
    public static void MapLongPolling(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/signal/lp/{code}").RequireCors(SignalingSetup.CorsPolicy);
        group.AddEndpointFilter(InMeetingScope);
        group.MapPost("", (HttpContext http, string code, string? session, LongPollServices services) =>
            session is null ? OpenAsync(http, code, services) : SendAsync(http, code, session, services));
        group.MapGet("", async (HttpContext http, string code, string? session, long? ack, LongPollServices services) =>
        {
            if (await FindSessionAsync(http, code, session, services) is { } found)
            {
                await found.PollAsync(http, Math.Max(ack ?? 0, 0));
            }
        });
        group.MapDelete("", async (HttpContext http, string code, string? session, LongPollServices services) =>
        {
            if (await FindSessionAsync(http, code, session, services) is { } found)
            {
                services.Relay.End(found, found.Inbound.Participant, CloseReason.Left);
                http.Response.StatusCode = StatusCodes.Status204NoContent;
            }
        });
    }

    /// <summary>Every line logged while handling a request of a meeting (a well-formed code only) carries it.</summary>
    private static async ValueTask<object?> InMeetingScope(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!MeetingCode.TryParse(http.GetRouteValue("code") as string, out var code))
        {
            return await next(context);
        }
        using var scope = MeetingLogScope.Begin(http.RequestServices.GetRequiredService<SignalingRelay>().Logger, code.Value.Value);
        return await next(context);
    }

    private static async Task OpenAsync(HttpContext http, string code, LongPollServices services)
    {
        if (await services.Gate.OpenAsync(http, code) is not (var meeting, var seat))
        {
            return;
        }
        using var body = await ReadBodyAsync(http, services);
        if (body is null)
        {
            seat.Dispose();
            return;
        }
        var message = ClientMessageParser.Parse(body.Memory, out var error);
        if (message is not JoinMessage join)
        {
            seat.Dispose();
            await SignalingResponses.WriteErrorAsync(http.Response, StatusCodes.Status400BadRequest,
                error ?? new SignalingError(ErrorCodes.NotJoined, "Open a session with join.", message!.Type));
            return;
        }
        var session = new LongPollTransport(services.Relay, services.Sessions, services.Transports, meeting, http.User.UserId(), http.User.DisplayName(), services.Clock);
        services.Transports.Add(session, seat);
        var (participant, refused) = await services.Relay.JoinAsync(meeting, session.UserId, http.User.DisplayName(), join, session);
        if (participant is null)
        {
            session.Close(CloseReason.Dropped);
            var status = refused!.Code switch
            {
                ErrorCodes.MeetingFull => StatusCodes.Status409Conflict,
                ErrorCodes.MeetingLocked or ErrorCodes.AskLimit => StatusCodes.Status403Forbidden,
                ErrorCodes.MeetingEnded => StatusCodes.Status410Gone,
                _ => StatusCodes.Status400BadRequest,
            };
            await SignalingResponses.WriteErrorAsync(http.Response, status, refused);
            return;
        }
        session.Inbound.Joined(participant);
        services.Sessions.Add(session);
        await http.Response.WriteAsJsonAsync(new { session = session.Id });
    }

    private static async Task SendAsync(HttpContext http, string code, string session, LongPollServices services)
    {
        if (await FindSessionAsync(http, code, session, services) is not { } found
            || await ReadBodyAsync(http, services) is not { } body)
        {
            return;
        }
        using var _ = body;
        var (error, closed) = MessageBatch.IsArray(body.Memory.Span)
            ? await HandleBatchAsync(found, body.Memory)
            : (await found.Inbound.HandleAsync(body.Memory), false);
        if (closed || error is null)
        {
            http.Response.StatusCode = closed ? StatusCodes.Status204NoContent : StatusCodes.Status202Accepted;
            return;
        }
        var status = error.Code == ErrorCodes.RateLimited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        await SignalingResponses.WriteErrorAsync(http.Response, status, error);
    }

    /// <summary>
    /// Each message of an array body in order, as if each were POSTed alone: a refusal does not stop the
    /// rest, and the first one (with its index) is the answer. Once the session is closed (a <c>leave</c>,
    /// the rate limit's last strike) the rest is not handled and the answer is 204, as for any POST then.
    /// </summary>
    private static async Task<(SignalingError? FirstRefusal, bool Closed)> HandleBatchAsync(LongPollTransport session, ReadOnlyMemory<byte> body)
    {
        if (MessageBatch.Split(body.Span, out var malformed) is not { } messages)
        {
            return (malformed, false);
        }
        SignalingError? first = null;
        for (var i = 0; i < messages.Count; i++)
        {
            if (i > 0 && session.IsClosed)
            {
                return (first, true);
            }
            if (await session.Inbound.HandleAsync(body[messages[i]]) is { } refused)
            {
                first ??= refused with { Index = i };
            }
        }
        return (first, false);
    }

    /// <summary>
    /// The gate, then the session: an unknown, closed or someone else's session answers 204, or while this
    /// process drains, 503 <c>moving</c>.
    /// </summary>
    private static async Task<LongPollTransport?> FindSessionAsync(HttpContext http, string code, string? session, LongPollServices services)
    {
        if (await services.Gate.CheckAsync(http, code) is not { } meeting)
        {
            return null;
        }
        var found = services.Sessions.Find(session, http.User.UserId(), meeting.Code);
        if (found is null || found.IsClosed)
        {
            if (services.Draining)
            {
                await SignalingResponses.WriteMovingAsync(http.Response);
                return null;
            }
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return null;
        }
        return found;
    }

    /// <summary>The body, or null after answering 413 when it is over the message limit.</summary>
    private static async Task<PooledBody?> ReadBodyAsync(HttpContext http, LongPollServices services)
    {
        var max = services.Relay.Options.MaxMessageBytes;
        var body = http.Request.ContentLength > max
            ? null
            : await PooledBody.ReadAsync(http.Request.BodyReader, max, http.RequestAborted);
        if (body is null)
        {
            await TooLargeAsync(http);
        }
        return body;
    }

    private static Task TooLargeAsync(HttpContext http) =>
        SignalingResponses.WriteErrorAsync(http.Response, StatusCodes.Status413PayloadTooLarge,
            new SignalingError(ErrorCodes.TooLarge, "A request body (one message or a batch) is limited to 64 KiB."));
}

/// <summary>What the long-poll endpoints need, as one parameter.</summary>
internal sealed class LongPollServices(RequestGate gate, SignalingRelay relay, LongPollSessions sessions, OpenTransports transports, TimeProvider clock,
    IHostApplicationLifetime lifetime)
{
    public RequestGate Gate => gate;
    public SignalingRelay Relay => relay;
    public LongPollSessions Sessions => sessions;
    public OpenTransports Transports => transports;
    public TimeProvider Clock => clock;
    public bool Draining => lifetime.ApplicationStopping.IsCancellationRequested;
}
