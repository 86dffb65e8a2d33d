using System.Net;
using System.Text.Json;
using MeetSite.Signaling;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

/// <summary>A long-poll send whose body is a JSON array: each message handled in order, as if sent alone.</summary>
public sealed class LongPollBatchTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task A_batch_of_signals_reaches_a_WebSocket_peer_and_a_long_poll_peer_in_order_once_each()
    {
        using var lee = await site.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        await using var ws = await lee.JoinWsAsync(code, "Ann");
        var lou = await lee.JoinLongPollAsync(code, "Lou");
        var sender = await lee.JoinLongPollAsync(code, "Lee");
        await ws.NextAsync("joined");
        await ws.NextAsync("joined");
        await lou.NextAsync("joined");

        // Batches of 1, 2, ... 9 messages, each alternating between the two recipients.
        var n = 0;
        for (var size = 1; size < 10; size++)
        {
            var batch = Enumerable.Range(n, size).Select(i => Messages.Signal(i % 2 == 0 ? ws.Id : lou.Id, "{\"n\":" + i + "}"));
            using var response = await sender.SendBatchAsync(batch);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsStringAsync());
            n += size;
        }
        await sender.SendAcceptedAsync(Messages.Chat("done"));

        Assert.Equal(Enumerable.Range(0, n).Where(i => i % 2 == 0), await SignalsUntilChatAsync(ws.NextAsync, sender.Id));
        Assert.Equal(Enumerable.Range(0, n).Where(i => i % 2 == 1), await SignalsUntilChatAsync(lou.NextAsync, sender.Id));

        await sender.LeaveAsync();
        await lou.LeaveAsync();
        await ws.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_refused_message_in_a_batch_answers_400_with_its_index_and_the_rest_is_still_delivered()
    {
        using var lee = await site.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        await using var ws = await lee.JoinWsAsync(code, "Ann");
        var lp = await lee.JoinLongPollAsync(code, "Lee");
        await ws.NextAsync("joined");

        using (var response = await lp.SendBatchAsync(
        [
            Messages.Signal(ws.Id, "{\"n\":0}"),
            Messages.Signal("nobody", "{\"n\":1}"),
            Messages.Signal(ws.Id, "{\"n\":2}"),
            Messages.Chat(" "),
            Messages.Signal(ws.Id, "{\"n\":4}"),
        ]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = await ErrorOfAsync(response);
            Assert.Equal("unknown-participant", error.GetProperty("code").GetString());
            Assert.Equal("signal", error.GetProperty("ref").GetString());
            Assert.Equal(1, error.GetProperty("index").GetInt32());
        }
        await lp.SendAcceptedAsync(Messages.Chat("done"));
        Assert.Equal([0, 2, 4], await SignalsUntilChatAsync(ws.NextAsync, lp.Id));

        // A refusal of a single message (not an array) carries no index, as before batches.
        using (var single = await lp.SendAsync(Messages.Signal("nobody", "{}")))
        {
            Assert.False((await ErrorOfAsync(single)).TryGetProperty("index", out _));
        }
        await lp.LeaveAsync();
        await ws.LeaveAsync();
        await site.NoLeaksAsync();
    }

    private static readonly string TooMany = "[" + string.Join(",", Enumerable.Repeat(Messages.Ack(0), MessageBatch.MaxMessages + 1)) + "]";

    /// <summary>Bodies, the error code, and the index of the refused message when the array itself was well-formed.</summary>
    public static TheoryData<string, string, int?> Refused => new()
    {
        { "[]", "bad-json", null },
        { "[", "bad-json", null },
        { "[{\"type\":\"signal\"", "bad-json", null },
        { "[{\"type\":\"chat\",\"text\":\"lost\"},", "bad-json", null },
        { "[{\"type\":\"chat\",\"text\":\"lost\"}] trailing", "bad-json", null },
        { "[{\"type\":\"chat\",\"text\":\"lost\"}]]", "bad-json", null },
        { TooMany, "bad-json", null },
        { "[1,2]", "bad-json", 0 },
        { "[{}]", "unknown-type", 0 },
        { "[{\"type\":\"ack\",\"seq\":0},{\"\\ud800\":1,\"type\":\"leave\"}]", "bad-json", 1 },
        { "[{\"type\":\"ack\",\"seq\":0},{\"type\":\"chat\",\"text\":\"\\ud800\"}]", "invalid-field", 1 },
        { "[{\"type\":\"ack\",\"seq\":0},{\"type\":\"join\",\"name\":\"Again\"}]", "already-joined", 1 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_malformed_or_refused_batch_answers_400_with_a_clear_error_and_the_session_still_works(string body, string code, int? index)
    {
        using var lee = await site.UserAsync("Lee");
        var meeting = await lee.NewOpenMeetingAsync();
        var lp = await lee.JoinLongPollAsync(meeting, "Lee");

        using (var response = await lp.SendAsync(body))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = await ErrorOfAsync(response);
            Assert.Equal(code, error.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
            Assert.Equal(index, error.TryGetProperty("index", out var at) ? at.GetInt32() : null);
        }

        // Nothing of a malformed array was handled: the next chat is the one sent now.
        await lp.SendAcceptedAsync(Messages.Chat("still works"));
        Assert.Equal("still works", (await lp.NextAsync("chat")).GetProperty("text").GetString());
        await lp.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task A_batch_bigger_than_the_burst_answers_429_with_the_index_of_the_first_message_dropped()
    {
        using var slowSite = SignalingSite.With(new Dictionary<string, string?>
        {
            ["Signaling:GracePeriod"] = "00:01:00",
            ["Signaling:RateBurst"] = "5",
            ["Signaling:RatePerSecond"] = "0.01",
        });
        using var lee = await slowSite.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        await using var ws = await lee.JoinWsAsync(code, "Ann");
        var lp = await lee.JoinLongPollAsync(code, "Lee");
        await ws.NextAsync("joined");

        using (var response = await lp.SendBatchAsync(Enumerable.Range(0, 8).Select(i => Messages.Signal(ws.Id, "{\"n\":" + i + "}"))))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            var error = await ErrorOfAsync(response);
            Assert.Equal("rate-limited", error.GetProperty("code").GetString());
            Assert.Equal(5, error.GetProperty("index").GetInt32());
        }
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(i, (await ws.NextAsync("signal")).GetProperty("data").GetProperty("n").GetInt32());
        }
        await lp.LeaveAsync();
        Assert.Equal(lp.Id, (await ws.NextAsync("left")).GetProperty("id").GetString());
        await ws.LeaveAsync();
        await slowSite.NoLeaksAsync();
    }

    [Fact]
    public async Task A_leave_in_a_batch_ends_it_there_and_the_answer_is_204()
    {
        using var lee = await site.UserAsync("Lee");
        var code = await lee.NewOpenMeetingAsync();
        await using var ws = await lee.JoinWsAsync(code, "Ann");
        var lp = await lee.JoinLongPollAsync(code, "Lee");
        await ws.NextAsync("joined");

        using (var response = await lp.SendBatchAsync([Messages.Signal(ws.Id, "{\"n\":0}"), Messages.Leave, Messages.Signal(ws.Id, "{\"n\":1}")]))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        Assert.Equal(0, (await ws.NextAsync("signal")).GetProperty("data").GetProperty("n").GetInt32());
        Assert.Equal(lp.Id, (await ws.NextAsync("left")).GetProperty("id").GetString());
        await ws.SendAsync(Messages.Chat("after"));
        Assert.Equal("after", (await ws.NextAsync("chat")).GetProperty("text").GetString());
        await ws.LeaveAsync();
        await site.NoLeaksAsync();
    }

    private static async Task<JsonElement> ErrorOfAsync(HttpResponseMessage response)
    {
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", error.GetProperty("type").GetString());
        return error;
    }

    /// <summary>The <c>n</c> of each signal from <paramref name="from"/> until its chat, failing on anything else from it.</summary>
    private static async Task<List<int>> SignalsUntilChatAsync(Func<string?, Task<JsonElement>> next, string from)
    {
        var seen = new List<int>();
        while (true)
        {
            var message = await next(null);
            var type = message.GetProperty("type").GetString();
            if (type == "chat")
            {
                return seen;
            }
            Assert.Equal("signal", type);
            Assert.Equal(from, message.GetProperty("from").GetString());
            seen.Add(message.GetProperty("data").GetProperty("n").GetInt32());
        }
    }
}
