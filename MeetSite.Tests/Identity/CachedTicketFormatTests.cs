using System.Security.Claims;
using MeetSite.Identity;
using Microsoft.AspNetCore.Authentication;

namespace MeetSite.Tests.Identity;

public sealed class CachedTicketFormatTests
{
    /// <summary>Decrypts "cookie-N" to a ticket for user N and counts how often it is asked to.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects { get; private set; }

        public string Protect(AuthenticationTicket data) => "cookie-" + data.Principal.FindFirstValue(ClaimTypes.NameIdentifier);
        public string Protect(AuthenticationTicket data, string? purpose) => Protect(data);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            if (protectedText?.StartsWith("cookie-", StringComparison.Ordinal) != true)
            {
                return null;
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, protectedText["cookie-".Length..])], "test");
            return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UnixEpoch.AddDays(1) }, "test");
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_cookie_is_decrypted_once_and_each_request_gets_its_own_copy()
    {
        var inner = new CountingFormat();
        using var format = new CachedTicketFormat(inner, new ManualClock());

        var first = format.Unprotect("cookie-ada")!;
        first.Properties.Items["changed-by"] = "first request";
        first.Principal.Identities.Single().AddClaim(new Claim("extra", "x"));
        var second = format.Unprotect("cookie-ada")!;

        Assert.Equal(1, inner.Unprotects);
        Assert.Equal("ada", second.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(1), second.Properties.ExpiresUtc);
        Assert.False(second.Properties.Items.ContainsKey("changed-by"));
        Assert.Null(second.Principal.FindFirst("extra"));
        Assert.Equal("bob", format.Unprotect("cookie-bob")!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(2, inner.Unprotects);
    }

    [Fact]
    public void A_cookie_that_does_not_decrypt_is_never_remembered()
    {
        var inner = new CountingFormat();
        using var format = new CachedTicketFormat(inner, new ManualClock());

        Assert.Null(format.Unprotect("forged"));
        Assert.Null(format.Unprotect("forged"));

        Assert.Equal(2, inner.Unprotects);
    }

    [Fact]
    public void A_ticket_in_steady_use_is_decrypted_again_after_the_keeping_time()
    {
        var inner = new CountingFormat();
        var clock = new ManualClock();
        using var format = new CachedTicketFormat(inner, clock);

        format.Unprotect("cookie-ada");
        var step = CachedTicketFormat.IdleFor / 2;
        while (clock.Now + step < DateTimeOffset.UnixEpoch + CachedTicketFormat.KeptFor)
        {
            clock.Now += step;
            format.Unprotect("cookie-ada");
        }
        Assert.Equal(1, inner.Unprotects);

        clock.Now = DateTimeOffset.UnixEpoch + CachedTicketFormat.KeptFor + TimeSpan.FromSeconds(1);
        format.Unprotect("cookie-ada");
        Assert.Equal(2, inner.Unprotects);
    }

    [Fact]
    public void A_ticket_not_asked_for_since_the_stamp_check_renewed_its_cookie_is_forgotten()
    {
        var inner = new CountingFormat();
        var clock = new ManualClock();
        using var format = new CachedTicketFormat(inner, clock);

        format.Unprotect("cookie-ada");
        clock.Now += CachedTicketFormat.IdleFor - TimeSpan.FromSeconds(1);
        format.Unprotect("cookie-ada");
        Assert.Equal(1, inner.Unprotects);

        clock.Now += CachedTicketFormat.IdleFor + TimeSpan.FromSeconds(1);
        format.Unprotect("cookie-ada");
        Assert.Equal(2, inner.Unprotects);
    }

    [Fact]
    public void A_purpose_bound_cookie_goes_straight_to_the_inner_format()
    {
        var inner = new CountingFormat();
        using var format = new CachedTicketFormat(inner, new ManualClock());

        format.Unprotect("cookie-ada", "tls-binding");
        format.Unprotect("cookie-ada", "tls-binding");

        Assert.Equal(2, inner.Unprotects);
    }
}
