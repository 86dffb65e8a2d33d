using System.Collections.Concurrent;
using System.Security.Claims;

namespace MeetSite.Identity;

/// <summary>
/// What a log out must reach beyond the browser that asked for it: every cookie issued before it stops
/// working at once, and long-lived connections (the signaling relay's sockets and polls) close.
/// </summary>
/// <remarks>
/// Log out rotates the user's security stamp in the database. Checking the stamp there on every request
/// would put a query on every long-poll, so the stamps that log outs set are also kept here, and each
/// request compares its cookie with them in memory. Identity's periodic stamp check covers the rest
/// (cookies from before a restart).
/// </remarks>
public sealed class SessionEvents
{
    public const string SecurityStampClaimType = "AspNet.Identity.SecurityStamp";

    private readonly ConcurrentDictionary<string, string> _stampAfterSignOut = new(StringComparer.Ordinal);

    public event Action<string>? UserSignedOut;

    public void RaiseUserSignedOut(string userId, string newSecurityStamp)
    {
        _stampAfterSignOut[userId] = newSecurityStamp;
        UserSignedOut?.Invoke(userId);
    }

    /// <summary>True when the cookie predates the user's latest log out in this process.</summary>
    public bool IsSignedOut(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is not null
            && _stampAfterSignOut.TryGetValue(userId, out var current)
            && !string.Equals(principal.FindFirstValue(SecurityStampClaimType), current, StringComparison.Ordinal);
    }
}
