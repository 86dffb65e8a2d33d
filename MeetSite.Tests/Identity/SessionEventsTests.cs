using System.Security.Claims;
using MeetSite.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace MeetSite.Tests.Identity;

public sealed class SessionEventsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CookieOptions : IOptionsMonitor<CookieAuthenticationOptions>
    {
        public CookieAuthenticationOptions CurrentValue { get; } = new() { ExpireTimeSpan = TimeSpan.FromDays(14) };
        public CookieAuthenticationOptions Get(string? name) => CurrentValue;
        public IDisposable? OnChange(Action<CookieAuthenticationOptions, string?> listener) => null;
    }

    private static ClaimsPrincipal Cookie(string userId, string stamp) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(SessionEvents.SecurityStampClaimType, stamp)], "test"));

    [Fact]
    public void Only_revoked_stamps_are_signed_out_so_a_later_stamp_always_works()
    {
        var sessions = new SessionEvents(new ManualClock(), new CookieOptions());
        var closed = new List<string>();
        sessions.UserSignedOut += closed.Add;

        sessions.RaiseUserSignedOut("ada", ["cookie-stamp", "stored-stamp", null]);
        sessions.RaiseUserSignedOut("ada", ["stored-stamp"]);

        Assert.True(sessions.IsSignedOut(Cookie("ada", "cookie-stamp")));
        Assert.True(sessions.IsSignedOut(Cookie("ada", "stored-stamp")));
        Assert.False(sessions.IsSignedOut(Cookie("ada", "stamp-of-a-later-log-in")));
        Assert.False(sessions.IsSignedOut(Cookie("bob", "cookie-stamp")));
        Assert.Equal(["ada", "ada"], closed);
    }

    [Fact]
    public void A_revoked_stamp_is_kept_for_the_cookie_lifetime_and_a_bounded_number_per_user()
    {
        var clock = new ManualClock();
        var sessions = new SessionEvents(clock, new CookieOptions());
        sessions.RaiseUserSignedOut("ada", ["old"]);
        for (var i = 0; i < SessionEvents.KeptPerUser - 1; i++)
        {
            sessions.RaiseUserSignedOut("ada", [$"stamp-{i}"]);
        }
        Assert.True(sessions.IsSignedOut(Cookie("ada", "old")));

        sessions.RaiseUserSignedOut("ada", ["one-too-many"]);
        Assert.False(sessions.IsSignedOut(Cookie("ada", "old")));
        Assert.True(sessions.IsSignedOut(Cookie("ada", "stamp-0")));

        clock.Now += TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1);
        Assert.True(sessions.IsSignedOut(Cookie("ada", "stamp-0")));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.False(sessions.IsSignedOut(Cookie("ada", "stamp-0")));
    }
}
