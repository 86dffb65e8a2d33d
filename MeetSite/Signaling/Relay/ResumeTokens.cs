using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MeetSite.Signaling;

/// <summary>What a resume token vouches for: this account was this participant of this meeting.</summary>
internal sealed record ResumeTicket(string MeetingCode, string UserId, string ParticipantId);

/// <summary>
/// Resume tokens, sealed with the site's data-protection keys (encrypted and authenticated, with an
/// expiry). Any process that shares the keys can check one without shared memory, so a participant can
/// come back with its id to a node that restarted and never saw it.
/// </summary>
internal sealed class ResumeTokens(IDataProtectionProvider protection, TimeProvider clock, IOptions<SignalingOptions> options)
{
    /// <summary>Longer than any token this class writes, so the parser can refuse junk early.</summary>
    public const int MaxLength = 512;

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("MeetSite.Signaling.ResumeToken.v1").ToTimeLimitedDataProtector();

    public string Issue(ResumeTicket ticket)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', ticket.MeetingCode, ticket.UserId, ticket.ParticipantId));
        var sealedBytes = _protector.Protect(payload, clock.GetUtcNow() + options.Value.ResumeTokenLifetime);
        return System.Buffers.Text.Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The ticket, or null when the token is forged, damaged, expired or sealed with other keys.</summary>
    public ResumeTicket? Read(string token)
    {
        try
        {
            var sealedBytes = System.Buffers.Text.Base64Url.DecodeFromChars(token);
            var parts = Encoding.UTF8.GetString(_protector.Unprotect(sealedBytes, out var expires)).Split('\n');
            return parts.Length == 3 && expires > clock.GetUtcNow() ? new ResumeTicket(parts[0], parts[1], parts[2]) : null;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
