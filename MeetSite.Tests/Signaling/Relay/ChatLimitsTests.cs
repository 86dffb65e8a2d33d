using Dapper;
using MeetSite.Data;
using MeetSite.Meetings;
using MeetSite.Signaling;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeetSite.Tests.Signaling;

/// <summary>Signaling:ChatRetention, ChatMaxPerMeeting, ChatCleanupInterval and ChatHistoryBytes.</summary>
public sealed class ChatLimitsTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static readonly long Hour = (long)TimeSpan.FromHours(1).TotalMilliseconds;

    [Fact]
    public async Task A_pass_deletes_messages_past_the_retention_and_all_but_the_newest_of_each_meeting()
    {
        using var site = SignalingSite.With(null);
        using var ann = await site.UserAsync("Ann");
        var (busy, quiet) = (await MeetingIdAsync(site, await ann.NewOpenMeetingAsync()), await MeetingIdAsync(site, await ann.NewOpenMeetingAsync()));
        var store = site.Site.Services.GetRequiredService<ChatStore>();
        await store.AddAsync(busy, "u", "Ann", "two days old", Now - (48 * Hour));
        await store.AddAsync(quiet, "u", "Ann", "two days old", Now - (48 * Hour));
        for (var i = 0; i < 5; i++)
        {
            await store.AddAsync(busy, "u", "Ann", $"busy {i}", Now - Hour + i);
        }
        await store.AddAsync(quiet, "u", "Ann", "quiet", Now - Hour);

        var options = new SignalingOptions { ChatRetention = TimeSpan.FromDays(1), ChatMaxPerMeeting = 3 };
        var cleanup = new ChatCleanup(store, Options.Create(options), TimeProvider.System, NullLogger<ChatCleanup>.Instance);
        Assert.Equal(4, await cleanup.RunOnceAsync());
        Assert.Equal(["busy 2", "busy 3", "busy 4"], Texts(site, busy));
        Assert.Equal(["quiet"], Texts(site, quiet));
    }

    [Fact]
    public async Task The_service_runs_a_pass_at_start_and_then_every_interval()
    {
        using var site = SignalingSite.With(null);
        using var ann = await site.UserAsync("Ann");
        var meeting = await MeetingIdAsync(site, await ann.NewOpenMeetingAsync());
        var store = site.Site.Services.GetRequiredService<ChatStore>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new SignalingOptions { ChatRetention = TimeSpan.FromDays(1), ChatCleanupInterval = TimeSpan.FromHours(1) };
        var cleanup = new ChatCleanup(store, Options.Create(options), clock, NullLogger<ChatCleanup>.Instance);
        await store.AddAsync(meeting, "u", "Ann", "two days old", Now - (48 * Hour));

        await cleanup.StartAsync(CancellationToken.None);
        try
        {
            await SignalingSite.EventuallyAsync(() => Texts(site, meeting).Count == 0, "the pass at start deleted the old message");
            await store.AddAsync(meeting, "u", "Ann", "twenty hours old", Now - (20 * Hour));
            clock.Advance(TimeSpan.FromHours(5)); // now 25 hours old, and an interval has passed
            await SignalingSite.EventuallyAsync(() => Texts(site, meeting).Count == 0, "the next interval's pass deleted it");
        }
        finally
        {
            await cleanup.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_sites_own_clean_up_trims_the_stored_chat_when_it_starts()
    {
        using var first = SignalingSite.With(null);
        using var ann = await first.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        var meeting = await MeetingIdAsync(first, code);
        var store = first.Site.Services.GetRequiredService<ChatStore>();
        for (var i = 0; i < 5; i++)
        {
            await store.AddAsync(meeting, "u", "Ann", $"line {i}", Now - Hour + i);
        }

        using var restarted = SignalingSite.With(new Dictionary<string, string?> { ["Signaling:ChatMaxPerMeeting"] = "2" }, first.Site.Database);
        await SignalingSite.EventuallyAsync(() => Texts(restarted, meeting).Count == 2, "the start pass kept two messages");
        using var bob = await restarted.UserAsync("Bob");
        await using var b = await bob.JoinWsAsync(code, "Bob");
        Assert.Equal(["line 3", "line 4"], b.Welcome.GetProperty("chat").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        await b.LeaveAsync();
    }

    [Fact]
    public async Task The_welcomes_chat_is_bounded_in_bytes_keeping_the_newest()
    {
        // 1003 bytes a stored message ("Old" and 1000 x): four fit in 5000, five do not.
        using var site = SignalingSite.With(new Dictionary<string, string?> { ["Signaling:ChatHistoryBytes"] = "5000" });
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        var meeting = await MeetingIdAsync(site, code);
        var store = site.Site.Services.GetRequiredService<ChatStore>();
        for (var i = 0; i < 10; i++)
        {
            await store.AddAsync(meeting, "u", "Old", $"{i}{new string('x', 999)}", Now - Hour + i);
        }

        await using var a = await ann.JoinWsAsync(code, "Ann");
        Assert.Equal("6789", FirstCharacters(a.Welcome));
        await a.SendAsync(Messages.Chat("live"));
        await a.NextAsync("chat");
        await using var late = await ann.JoinWsAsync(code, "Late");
        Assert.Equal("6789l", FirstCharacters(late.Welcome)); // 4 x 1003 + 7 bytes
        await late.LeaveAsync();
        await a.LeaveAsync();
        await site.NoLeaksAsync();
    }

    private static string FirstCharacters(System.Text.Json.JsonElement welcome) =>
        string.Concat(welcome.GetProperty("chat").EnumerateArray().Select(c => c.GetProperty("text").GetString()![0]));

    private static async Task<long> MeetingIdAsync(SignalingSite site, string code)
    {
        var meeting = await site.Site.Services.GetRequiredService<MeetingStore>().FindByCodeAsync(MeetingCode.TryParse(code, out var parsed) ? parsed.Value : default);
        return meeting!.Id;
    }

    private static List<string> Texts(SignalingSite site, long meetingId)
    {
        using var db = site.Site.Services.GetRequiredService<DbConnections>().OpenAsync().GetAwaiter().GetResult();
        return db.Query<string>("SELECT Text FROM ChatMessages WHERE MeetingId = @meetingId ORDER BY Id", new { meetingId }).AsList();
    }
}
