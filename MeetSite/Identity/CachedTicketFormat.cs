using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace MeetSite.Identity;

/// <summary>
/// Remembers what each sign-in cookie decrypts to. A long-polling page sends its cookie with every poll
/// and every send, and a profile of the relay at 2,000 messages a second put about half of each
/// request's time in decrypting and deserializing that same cookie again. The key is the whole
/// protected cookie (itself a secret); each request gets its own copy of the ticket, so nothing one
/// request changes reaches another. Expiry and revocation are checked after this, on every request, as
/// before: the cookie handler checks the ticket's expiry and OnValidatePrincipal the log out.
/// </summary>
internal sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A ticket not asked for in this long is forgotten before <see cref="KeptFor"/>. The site renews a
    /// signed-in cookie at its stamp check, every <see cref="IdentitySetup.StampCheckInterval"/>, and a page
    /// takes the renewed one, so an old cookie stops coming: kept for the full five minutes, each active
    /// account held about five tickets of 4 KB, and a soak of 1,000 churning connections grew its heap
    /// for five minutes before it levelled off.
    /// </summary>
    public static readonly TimeSpan IdleFor = IdentitySetup.StampCheckInterval;

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = Capacity, Clock = new CacheClock(clock) });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        if (!_tickets.TryGetValue(protectedText, out AuthenticationTicket? ticket) || ticket is null)
        {
            // Only what decrypts is kept: made-up cookies cannot fill the cache.
            ticket = inner.Unprotect(protectedText);
            if (ticket is null)
            {
                return null;
            }
            _tickets.Set(protectedText, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeptFor, SlidingExpiration = IdleFor });
        }
        // ClaimsPrincipal.Clone() would share its identities: copy each one.
        var principal = new ClaimsPrincipal(ticket.Principal.Identities.Select(identity => identity.Clone()));
        return new AuthenticationTicket(principal, ticket.Properties.Clone(), ticket.AuthenticationScheme);
    }

    public void Dispose() => _tickets.Dispose();

#pragma warning disable CS0618 // MemoryCacheOptions.Clock still takes an ISystemClock.
    private sealed class CacheClock(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
#pragma warning restore CS0618
}
