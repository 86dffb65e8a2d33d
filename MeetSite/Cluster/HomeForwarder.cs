using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using MeetSite.Signaling;
using Yarp.ReverseProxy.Forwarder;

namespace MeetSite.Cluster;

/// <summary>
/// Sends a signaling request (a WebSocket upgrade, a long-poll open, poll, send or leave) on to its
/// meeting's home with YARP's forwarder, as it came: the same Host, Origin, cookies and X-Forwarded
/// headers, so the home checks it exactly as if it had come straight from the proxy in front.
/// </summary>
internal sealed class HomeForwarder : IDisposable
{
    public const string HomeHeader = "X-MeetSite-Home";

    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        // A home that is gone refuses at once; one that hangs must not hold the client longer than its own retry would.
        ConnectTimeout = TimeSpan.FromSeconds(2),
    });

    // Forwarded requests in flight (sockets mostly), so a node that stops can let go of them at once.
    private readonly ConcurrentDictionary<HttpContext, byte> _open = new();

    public HomeForwarder(IHttpForwarder forwarder, IMeterFactory meters)
    {
        _forwarder = forwarder;
        meters.Create(SignalingMetrics.MeterName).CreateObservableGauge("meetsite.cluster.forwarded", () => _open.Count, "{request}",
            "Signaling requests (WebSockets, polls) this node is forwarding to their meeting's home now");
    }

    /// <summary>
    /// Forwards <paramref name="http"/> to <paramref name="home"/>, with <paramref name="homeHeader"/> saying
    /// which node it is meant for. False when the home could not be reached and nothing was answered yet:
    /// the caller may serve the request itself.
    /// </summary>
    public async Task<bool> ForwardAsync(HttpContext http, MeetingHome home, string homeHeader)
    {
        _open.TryAdd(http, 0);
        try
        {
            var error = await _forwarder.SendAsync(http, home.Url, _client, ForwarderRequestConfig.Empty, new HomeTransformer(homeHeader));
            if (error != ForwarderError.Request || http.Response.HasStarted
                || !IsUnreachable(http.Features.Get<IForwarderErrorFeature>()?.Exception))
            {
                return true;
            }
            http.Features.Set<IForwarderErrorFeature>(null);
            http.Response.StatusCode = StatusCodes.Status200OK;
            return false;
        }
        finally
        {
            _open.TryRemove(http, out _);
        }
    }

    /// <summary>Drops every forwarded connection: its client resumes through the proxy, to a node that stays.</summary>
    public int AbortAll()
    {
        var aborted = 0;
        foreach (var http in _open.Keys)
        {
            http.Abort();
            aborted++;
        }
        return aborted;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Nothing listens at the home's address (its process died), or it cannot be reached at all.</summary>
    private static bool IsUnreachable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
                || e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.TimedOut })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Copies the request unchanged (Host included) and adds which node it is meant for.</summary>
    private sealed class HomeTransformer(string homeHeader) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix,
            CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Remove(HomeHeader);
            proxyRequest.Headers.TryAddWithoutValidation(HomeHeader, homeHeader);
        }
    }
}
