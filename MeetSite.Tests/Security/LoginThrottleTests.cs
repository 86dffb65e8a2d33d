using MeetSite.Security;

namespace MeetSite.Tests.Security;

public sealed class LoginThrottleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly LoginRateLimitOptions Options = new()
    {
        AddressFreeFailures = 4,
        AccountFreeFailures = 2,
        FirstDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(5),
        ForgetAfter = TimeSpan.FromMinutes(15),
    };

    [Fact]
    public void Waits_double_after_the_free_failures_up_to_the_maximum()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(Options, clock);
        Assert.Equal(TimeSpan.Zero, throttle.TryBegin("1.2.3.4", "ADA"));
        Assert.Equal(TimeSpan.Zero, throttle.TryBegin("5.6.7.8", "ADA"));

        var waits = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var wait = throttle.TryBegin("9.9.9.9", "ADA");
            waits.Add(wait.TotalSeconds);
            clock.Now += wait;
            Assert.Equal(TimeSpan.Zero, throttle.TryBegin("9.9.9.9", "ADA"));
        }

        Assert.Equal([1, 2, 4, 5, 5], waits);
        Assert.Equal(TimeSpan.Zero, throttle.TryBegin("1.1.1.1", "BOB"));
    }

    [Fact]
    public void One_address_failing_on_many_accounts_is_made_to_wait()
    {
        var throttle = new LoginThrottle(Options, new ManualClock());
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(TimeSpan.Zero, throttle.TryBegin("1.2.3.4", $"USER{i}"));
        }

        Assert.Equal(TimeSpan.FromSeconds(1), throttle.TryBegin("1.2.3.4", "SOMEONE-NEW"));
        Assert.Equal(TimeSpan.Zero, throttle.TryBegin("5.6.7.8", "SOMEONE-NEW"));
    }

    [Fact]
    public void Success_clears_the_account_and_failures_are_forgotten_in_time()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(Options, clock);
        throttle.TryBegin("1.2.3.4", "ADA");
        throttle.TryBegin("1.2.3.4", "ADA");
        Assert.NotEqual(TimeSpan.Zero, throttle.TryBegin("1.2.3.4", "ADA"));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.Equal(TimeSpan.Zero, throttle.TryBegin("1.2.3.4", "ADA"));

        throttle.Succeeded("1.2.3.4", "ADA");
        Assert.Equal(0, throttle.AccountFailures("ADA"));
        throttle.TryBegin("1.2.3.4", "BOB");
        throttle.TryBegin("1.2.3.4", "BOB");
        clock.Now += Options.ForgetAfter;

        Assert.Equal(0, throttle.AccountFailures("BOB"));
        Assert.Equal(TimeSpan.Zero, throttle.TryBegin("1.2.3.4", "BOB"));
    }

    [Fact]
    public async Task A_burst_of_concurrent_attempts_gets_no_more_than_the_free_failures_through()
    {
        var throttle = new LoginThrottle(Options, new ManualClock());

        var waits = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => throttle.TryBegin("1.2.3.4", "ADA"))));

        Assert.Equal(Options.AccountFreeFailures, waits.Count(w => w == TimeSpan.Zero));
    }
}
