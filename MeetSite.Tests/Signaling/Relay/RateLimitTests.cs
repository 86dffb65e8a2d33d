using System.Net.WebSockets;
using MeetSite.Signaling;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace MeetSite.Tests.Signaling;

/// <summary>The token bucket's strikes, forgotten after Signaling:RateStrikeQuietPeriod without a refusal.</summary>
public sealed class RateLimitTests
{
    private const string Media = """{"type":"media","mic":true,"cam":false,"screen":false}""";

    [Fact]
    public void A_long_meeting_with_a_burst_every_few_minutes_is_never_abuse_but_a_flood_is()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(burst: 5, perSecond: 1, strikes: 5, quietPeriod: TimeSpan.FromMinutes(1), clock);
        for (var burst = 0; burst < 200; burst++) // 200 bursts over more than 16 hours, 400 refusals in all
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(Enumerable.Repeat(TokenBucket.Verdict.Taken, 5), Take(bucket, 5));
            Assert.Equal(Enumerable.Repeat(TokenBucket.Verdict.Refused, 2), Take(bucket, 2));
        }
        Assert.Equal([TokenBucket.Verdict.Refused, TokenBucket.Verdict.Refused, TokenBucket.Verdict.Abuse], Take(bucket, 3));
    }

    [Fact]
    public void A_sustained_flood_a_little_over_the_rate_is_still_abuse()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(burst: 5, perSecond: 1, strikes: 5, quietPeriod: TimeSpan.FromMinutes(1), clock);
        Take(bucket, 5);
        var verdicts = new List<TokenBucket.Verdict>();
        for (var second = 0; second < 10 && !verdicts.Contains(TokenBucket.Verdict.Abuse); second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            verdicts.AddRange(Take(bucket, 2)); // one refill a second, two messages
        }
        Assert.Equal(TokenBucket.Verdict.Abuse, verdicts[^1]);
        Assert.Equal(5, verdicts.Count(v => v != TokenBucket.Verdict.Taken));
    }

    [Fact]
    public async Task A_socket_with_occasional_bursts_stays_open_and_a_flood_is_closed_with_1008()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var site = SignalingSite.With(
            new Dictionary<string, string?>
            {
                ["Signaling:RateBurst"] = "5",
                ["Signaling:RatePerSecond"] = "1",
                ["Signaling:RateStrikes"] = "5",
                ["Signaling:RateStrikeQuietPeriod"] = "00:01:00",
            },
            services: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann"); // the join takes a token

        for (var burst = 0; burst < 10; burst++) // 20 refusals, four times the strikes
        {
            clock.Advance(TimeSpan.FromSeconds(61));
            for (var i = 0; i < 7; i++)
            {
                await a.SendAsync(Media);
            }
            Assert.Equal("rate-limited", (await a.NextAsync("error")).GetProperty("code").GetString());
            Assert.Equal("rate-limited", (await a.NextAsync("error")).GetProperty("code").GetString());
        }
        Assert.Equal(WebSocketState.Open, a.Socket.State);

        for (var i = 0; i < 10; i++)
        {
            await a.SendAsync(Media);
        }
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await a.WaitForCloseAsync());
        await site.NoLeaksAsync();
    }

    private static List<TokenBucket.Verdict> Take(TokenBucket bucket, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => bucket.Take())];
}
