using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace MeetSite.Tests.Infrastructure;

/// <summary>A test participant on a WebSocket: sends raw text, reads whole messages, remembers its id and last seq.</summary>
public sealed class WsPeer(ClientWebSocket socket) : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public ClientWebSocket Socket => socket;

    public string Id { get; private set; } = "";

    public string Token { get; private set; } = "";

    public long LastSeq { get; private set; }

    public JsonElement Welcome { get; private set; }

    public Task SendAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SignalAsync(string to, string dataJson) => SendAsync(Messages.Signal(to, dataJson));

    public async Task<JsonElement> JoinAsync(string name = "Ann", string extra = "")
    {
        await SendAsync($$"""{"type":"join","name":"{{name}}"{{extra}}}""");
        Welcome = await NextAsync("welcome");
        Id = Welcome.GetProperty("you").GetProperty("id").GetString()!;
        Token = Welcome.GetProperty("token").GetString()!;
        return Welcome;
    }

    /// <summary>Joins in protocol 2 as someone who gets straight in (a host, or an open meeting).</summary>
    public Task<JsonElement> JoinV2Async() => JoinAsync("Ann", ",\"protocol\":2");

    /// <summary>Joins in protocol 2 as someone who must ask: the answer is <c>waiting</c>, whose id becomes <see cref="Id"/>.</summary>
    public async Task<JsonElement> AskToJoinAsync()
    {
        await SendAsync(Messages.Join2);
        var waiting = await NextAsync("waiting");
        Id = waiting.GetProperty("you").GetProperty("id").GetString()!;
        return waiting;
    }

    /// <summary>After an admit: the welcome, with this participant's token.</summary>
    public async Task<JsonElement> AdmittedAsync()
    {
        Welcome = await NextAsync("welcome");
        Token = Welcome.GetProperty("token").GetString()!;
        return Welcome;
    }

    /// <summary>The <c>error</c> answering this connection's last message; it must have <paramref name="code"/>.</summary>
    public async Task<JsonElement> ErrorAsync(string code)
    {
        var error = await NextAsync("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        return error;
    }

    /// <summary>The next message, which must be of <paramref name="type"/> when given.</summary>
    public async Task<JsonElement> NextAsync(string? type = null)
    {
        var message = await ReceiveAsync() ?? throw new InvalidOperationException($"Closed ({socket.CloseStatus}) while waiting for {type}.");
        if (type is not null)
        {
            Assert.Equal(type, message.GetProperty("type").GetString());
        }
        return message;
    }

    /// <summary>Skips other messages until one of <paramref name="type"/> arrives.</summary>
    public async Task<JsonElement> WaitForAsync(string type)
    {
        while (true)
        {
            var message = await NextAsync();
            if (message.GetProperty("type").GetString() == type)
            {
                return message;
            }
        }
    }

    /// <summary>Reads until the server closes; returns its close status.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync()
    {
        try
        {
            while (await ReceiveAsync() is not null)
            {
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
        return socket.CloseStatus;
    }

    /// <summary>A whole message, or null when the server closed.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var deadline = new CancellationTokenSource(Patience);
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, deadline.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                }
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var element = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                LastSeq = Math.Max(LastSeq, element.GetProperty("seq").GetInt64());
                return element;
            }
        }
    }

    public async Task LeaveAsync()
    {
        await SendAsync("""{"type":"leave"}""");
        await WaitForCloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        socket.Abort();
        socket.Dispose();
        await Task.CompletedTask;
    }
}
