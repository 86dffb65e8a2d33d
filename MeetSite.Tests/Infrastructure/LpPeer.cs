using System.Net;
using System.Text.Json;

namespace MeetSite.Tests.Infrastructure;

/// <summary>A test participant on long-polling: opens a session, polls with the highest seq seen as ack, sends.</summary>
public sealed class LpPeer
{
    private SignalingUser _user;
    private readonly Queue<JsonElement> _inbox = new();

    private LpPeer(SignalingUser user, string code, string session)
    {
        (_user, Code, Session) = (user, code, session);
    }

    public string Code { get; }

    public string Session { get; }

    public string Id { get; private set; } = "";

    public string Token { get; private set; } = "";

    public long Ack { get; set; }

    public JsonElement Welcome { get; private set; }

    /// <summary>Polls and sends from now on as <paramref name="user"/>: the same account through another node.</summary>
    public void Use(SignalingUser user) => _user = user;

    public string PollPath => $"/signal/lp/{Code}?session={Session}&ack={Ack}";

    /// <summary>Opens a session whose first message is <paramref name="first"/>: a <c>welcome</c>, or <c>waiting</c> for someone who asks to join.</summary>
    public static async Task<LpPeer> OpenAsync(SignalingUser user, string code, string joinJson, string first = "welcome")
    {
        using var response = await user.Http.SendAsync(user.Request(HttpMethod.Post, $"/signal/lp/{code}", joinJson));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("session").GetString()!;
        var peer = new LpPeer(user, code, session);
        peer.Welcome = await peer.NextAsync(first);
        peer.Id = peer.Welcome.GetProperty("you").GetProperty("id").GetString()!;
        peer.Token = peer.Welcome.TryGetProperty("token", out var token) ? token.GetString()! : "";
        return peer;
    }

    /// <summary>One GET: the status and the messages it brought (acknowledged by the next poll).</summary>
    public async Task<(HttpStatusCode Status, List<JsonElement> Messages)> PollOnceAsync()
    {
        using var response = await _user.Http.SendAsync(_user.Request(HttpMethod.Get, PollPath));
        var body = await response.Content.ReadAsStringAsync();
        var messages = body.Length == 0 ? [] : JsonDocument.Parse(body).RootElement.EnumerateArray().Select(m => m.Clone()).ToList();
        foreach (var message in messages)
        {
            Ack = Math.Max(Ack, message.GetProperty("seq").GetInt64());
        }
        return (response.StatusCode, messages);
    }

    /// <summary>The next message, polling as needed; of <paramref name="type"/> when given.</summary>
    public async Task<JsonElement> NextAsync(string? type = null)
    {
        var deadline = DateTime.UtcNow + WsPeer.Patience;
        while (_inbox.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"No message arrived while waiting for {type}.");
            var (status, messages) = await PollOnceAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            messages.ForEach(_inbox.Enqueue);
        }
        var message = _inbox.Dequeue();
        if (type is not null)
        {
            Assert.Equal(type, message.GetProperty("type").GetString());
        }
        return message;
    }

    public async Task<HttpResponseMessage> SendAsync(string json) =>
        await _user.Http.SendAsync(_user.Request(HttpMethod.Post, $"/signal/lp/{Code}?session={Session}", json));

    /// <summary>Several messages in one POST, as a JSON array (a batch).</summary>
    public Task<HttpResponseMessage> SendBatchAsync(IEnumerable<string> messages) => SendAsync("[" + string.Join(",", messages) + "]");

    public async Task SendAcceptedAsync(string json)
    {
        using var response = await SendAsync(json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public async Task LeaveAsync()
    {
        using var response = await _user.Http.SendAsync(_user.Request(HttpMethod.Delete, $"/signal/lp/{Code}?session={Session}"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
