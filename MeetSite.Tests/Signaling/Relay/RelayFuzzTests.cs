using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

/// <summary>
/// Thousands of random and mutated messages from participants of the same meeting, on both transports;
/// then two well-behaved participants, who sat through it all, must still relay correctly.
/// </summary>
public sealed class RelayFuzzTests
{
    private const int SocketMessages = 3000;
    private const int PollMessages = 200;
    private const int PollBatches = 200;

    [Fact]
    public async Task Random_and_mutated_messages_leave_the_relay_working_for_everyone_else()
    {
        // A bucket the fuzzer cannot empty, so every message reaches the parser and the relay; and seats
        // for the fuzzer's reconnections, whose dropped participants hold theirs for the grace period.
        using var site = SignalingSite.With(new Dictionary<string, string?>
        {
            ["Signaling:RateBurst"] = "1000000",
            ["Signaling:RatePerSecond"] = "1000000",
            ["Signaling:Capacity"] = "100",
        });
        using var ann = await site.UserAsync("Ann");
        using var mallory = await site.UserAsync("Mallory");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");
        await using var b = await ann.JoinWsAsync(code, "Bob");
        var drains = new[] { DrainUntilAsync(a, "fuzz over"), DrainUntilAsync(b, "fuzz over") };

        // One fuzzer (and Random) per task: Random is not thread-safe, and a seed per task keeps each
        // task's sequence reproducible.
        var sockets = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            sockets.Add(FuzzSocketAsync(mallory, code, new Fuzzer(new Random(1000 + i), [a.Id, b.Id]), SocketMessages / 3, joined: i > 0));
        }
        await Task.WhenAll(sockets);
        var pollFuzzer = new Fuzzer(new Random(2000), [a.Id, b.Id]);
        await FuzzPollsAsync(mallory, code, PollMessages, () => pollFuzzer.Next().Bytes);
        await FuzzPollsAsync(mallory, code, PollBatches, pollFuzzer.NextBatch);

        await a.SendAsync(Messages.Chat("fuzz over"));
        await Task.WhenAll(drains);
        for (var i = 0; i < 50; i++)
        {
            await a.SignalAsync(b.Id, "{\"n\":" + i + "}");
        }
        await b.SendAsync(Messages.Chat("still here"));
        for (var i = 0; i < 50; i++)
        {
            var signal = await NextFromAsync(b, "signal", a.Id);
            Assert.Equal(i, signal.GetProperty("data").GetProperty("n").GetInt32());
        }
        Assert.Equal("still here", (await NextFromAsync(a, "chat", b.Id)).GetProperty("text").GetString());

        await a.LeaveAsync();
        await b.LeaveAsync();
        await site.NoLeaksAsync();
    }

    private static async Task FuzzSocketAsync(SignalingUser user, string code, Fuzzer fuzzer, int count, bool joined)
    {
        var sent = 0;
        while (sent < count)
        {
            await using var peer = await user.ConnectAsync(code);
            if (joined)
            {
                await peer.JoinAsync("Mallory");
            }
            var reading = DrainUntilClosedAsync(peer);
            try
            {
                for (; sent < count; sent++)
                {
                    var (bytes, binary) = fuzzer.Next();
                    await peer.Socket.SendAsync(bytes, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None);
                }
                await peer.SendAsync(Messages.Leave);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Closed by the server (a fuzzed leave, invalid UTF-8): open another and carry on. A send that
                // races the server's close sees a WebSocketException, or, once the reading side has seen the
                // connection reset and aborted the socket, an OperationCanceledException.
                sent++;
            }
            // Bad input may close a socket (1000 after a fuzzed leave, 1007 for invalid UTF-8), never a fault of ours.
            Assert.NotEqual(WebSocketCloseStatus.InternalServerError, await reading);
        }
    }

    /// <summary>POSTs <paramref name="count"/> fuzzed bodies on a long-poll session, opening another when one is closed (a fuzzed leave).</summary>
    private static async Task FuzzPollsAsync(SignalingUser user, string code, int count, Func<byte[]> next)
    {
        var lp = await user.JoinLongPollAsync(code, "Mallory");
        for (var i = 0; i < count; i++)
        {
            using var content = new ByteArrayContent(next());
            using var request = user.Request(HttpMethod.Post, $"/signal/lp/{code}?session={lp.Session}");
            request.Content = content;
            using var response = await user.Http.SendAsync(request);
            Assert.True((int)response.StatusCode is 202 or 204 or 400 or 413, $"Unexpected {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                lp = await user.JoinLongPollAsync(code, "Mallory");
            }
            else if (i % 50 == 0)
            {
                await lp.PollOnceAsync();
            }
        }
        using var leave = await user.Http.SendAsync(user.Request(HttpMethod.Delete, $"/signal/lp/{code}?session={lp.Session}"));
    }

    private static async Task DrainUntilAsync(WsPeer peer, string chatText)
    {
        while (true)
        {
            var message = await peer.NextAsync();
            if (message.GetProperty("type").GetString() == "chat" && message.GetProperty("text").GetString() == chatText)
            {
                return;
            }
        }
    }

    private static async Task<WebSocketCloseStatus?> DrainUntilClosedAsync(WsPeer peer)
    {
        try
        {
            while (await peer.ReceiveAsync() is not null)
            {
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException)
        {
        }
        return peer.Socket.CloseStatus;
    }

    /// <summary>The next message of <paramref name="type"/> from <paramref name="from"/>, skipping anything else.</summary>
    private static async Task<JsonElement> NextFromAsync(WsPeer peer, string type, string from)
    {
        while (true)
        {
            var message = await peer.NextAsync();
            if (message.GetProperty("type").GetString() == type && message.TryGetProperty("from", out var sender) && sender.GetString() == from)
            {
                return message;
            }
        }
    }
}
