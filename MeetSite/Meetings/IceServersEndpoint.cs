using MeetSite.Identity;
using Microsoft.Extensions.Options;

namespace MeetSite.Meetings;

/// <summary>
/// <c>GET /api/ice-servers</c>: the ICE servers for the signed-in user, fetched by the meeting page just
/// before it joins and again before an ICE restart once they are close to <c>expiresAt</c>.
/// </summary>
internal static class IceServersEndpoint
{
    public const string Path = "/api/ice-servers";

    public static void MapIceServers(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext http, IOptions<IceServerOptions> options, TimeProvider clock) =>
        {
            // Credentials: no shared cache or browser cache may keep them past their use.
            http.Response.Headers.CacheControl = "no-store";
            var config = options.Value;
            var servers = new List<IceServer>(config.IceServers);
            DateTimeOffset? expiresAt = null;
            if (config.Turn.IsConfigured)
            {
                expiresAt = clock.GetUtcNow().Add(config.Turn.Ttl);
                servers.Add(TurnCredentials.Create(config.Turn, http.User.UserId(), expiresAt.Value));
            }
            return Results.Json(new IceServersResponse(servers, expiresAt), IceServerOptions.BrowserJson);
        }).RequireAuthorization();
}

/// <summary><c>expiresAt</c> is absent when no server has short-lived credentials.</summary>
internal sealed record IceServersResponse(IList<IceServer> IceServers, DateTimeOffset? ExpiresAt);
