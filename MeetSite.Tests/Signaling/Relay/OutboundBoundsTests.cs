using System.Net;
using MeetSite.Signaling;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Signaling;

/// <summary>Signaling:OutboundQueueBytes and Signaling:OutboundBudgetBytes, over a real port.</summary>
public sealed class OutboundBoundsTests
{
    // About 40 KB a signal: a handful reach the byte bounds long before the 256-message bound.
    private static readonly string Blob = "{\"blob\":\"" + new string('x', 40_000) + "\"}";

    private static SignalingSite Site(string queueBytes, string budgetBytes) => SignalingSite.With(new Dictionary<string, string?>
    {
        ["Signaling:GracePeriod"] = "00:01:00", // sessions here are not polled while the test works
        ["Signaling:OutboundQueueBytes"] = queueBytes,
        ["Signaling:OutboundBudgetBytes"] = budgetBytes,
    });

    [Fact]
    public async Task A_poll_session_that_holds_more_than_its_byte_bound_unpolled_is_closed_as_a_slow_consumer()
    {
        using var site = Site(queueBytes: "131072", budgetBytes: "268435456");
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var sender = await ann.JoinWsAsync(code, "Sender");
        var lp = await ann.JoinLongPollAsync(code, "Idle");
        await sender.NextAsync("joined");

        var left = sender.WaitForAsync("left");
        var sent = 0;
        for (; sent < 10 && !left.IsCompleted; sent++)
        {
            await sender.SignalAsync(lp.Id, Blob);
        }
        Assert.Equal(lp.Id, (await left).GetProperty("id").GetString());
        Assert.InRange(sent, 4, 10); // 3 fit in 128 KiB, the 4th does not
        Assert.Equal(HttpStatusCode.NoContent, (await lp.PollOnceAsync()).Status);
        await sender.LeaveAsync();
        await site.NoLeaksAsync();
        Assert.Equal(0, site.Site.Services.GetRequiredService<OutboundBudget>().Used);
    }

    [Fact]
    public async Task A_socket_too_slow_for_its_byte_bound_is_closed_with_4002_long_before_its_message_bound()
    {
        using var site = SignalingSite.With(new Dictionary<string, string?>
        {
            ["Signaling:OutboundQueueCapacity"] = "100000",
            ["Signaling:OutboundQueueBytes"] = "131072",
            ["Signaling:RateBurst"] = "100000",
            ["Signaling:CloseTimeout"] = "00:00:10", // time to read what the socket buffered before the close frame
        });
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var sender = await ann.JoinWsAsync(code, "Sender");
        await using var slow = await ann.JoinWsAsync(code, "Slow");
        await sender.NextAsync("joined");

        // Slow reads nothing: the socket buffers fill, then 128 KiB of its queue.
        var left = sender.WaitForAsync("left");
        for (var sent = 0; !left.IsCompleted && sent < 5000; sent++)
        {
            await sender.SignalAsync(slow.Id, Blob);
        }
        Assert.Equal(slow.Id, (await left).GetProperty("id").GetString());
        Assert.Equal((System.Net.WebSockets.WebSocketCloseStatus)4002, await slow.WaitForCloseAsync());
        await sender.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task When_the_process_budget_is_spent_the_queue_trying_to_grow_goes_and_its_bytes_come_back()
    {
        // Each session's own bound (128 KiB) is never reached; together they pass the budget (200 KB).
        using var site = Site(queueBytes: "131072", budgetBytes: "200000");
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var sender = await ann.JoinWsAsync(code, "Sender");
        var first = await ann.JoinLongPollAsync(code, "First");
        var second = await ann.JoinLongPollAsync(code, "Second");
        await sender.NextAsync("joined");
        await sender.NextAsync("joined");

        foreach (var to in new[] { first, second, first, second })
        {
            await sender.SignalAsync(to.Id, Blob); // 160 KB held in all
        }
        await sender.SignalAsync(first.Id, Blob); // 200 KB: over the budget, though First holds 120 KB
        Assert.Equal(first.Id, (await sender.WaitForAsync("left")).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await first.PollOnceAsync()).Status);

        // First's bytes went back to the budget: Second grows to 120 KB and gets everything.
        await sender.SignalAsync(second.Id, Blob);
        await sender.SendAsync(Messages.Chat("after"));
        await sender.WaitForAsync("chat");
        var types = new List<string>();
        while (types.LastOrDefault() != "chat")
        {
            types.Add((await second.NextAsync()).GetProperty("type").GetString()!);
        }
        Assert.Equal(["signal", "signal", "left", "signal", "chat"], types);
        await second.LeaveAsync();
        await sender.LeaveAsync();
        await site.NoLeaksAsync();
        Assert.Equal(0, site.Site.Services.GetRequiredService<OutboundBudget>().Used);
    }

    [Fact]
    public async Task A_socket_that_reads_but_never_acks_holds_no_more_than_its_byte_bound_and_cannot_resume_from_before_it()
    {
        using var site = Site(queueBytes: "131072", budgetBytes: "268435456");
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        var reader = await ann.JoinWsAsync(code, "Reader");
        await using var sender = await ann.JoinWsAsync(code, "Sender");
        await reader.NextAsync("joined");

        for (var i = 0; i < 10; i++)
        {
            await sender.SignalAsync(reader.Id, Blob);
            await reader.NextAsync("signal");
        }
        var held = site.Rooms.Find(code)!.Find(reader.Id)!.Outbound;
        Assert.InRange(held.Bytes, 1, 131072);
        Assert.True(held.Count < 10);
        await reader.DisposeAsync(); // dropped

        await using var resumed = await ann.ConnectAsync(code);
        await resumed.SendAsync(Messages.Resume("Reader", reader.Id, reader.Token, 1));
        Assert.Equal("resume-failed", (await resumed.NextAsync("error")).GetProperty("code").GetString());
        Assert.Equal(reader.Id, (await sender.WaitForAsync("left")).GetProperty("id").GetString());
        await sender.LeaveAsync();
        await site.NoLeaksAsync();
    }
}
