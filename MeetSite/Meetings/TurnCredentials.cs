using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MeetSite.Meetings;

/// <summary>
/// Short-lived TURN credentials in the TURN REST API scheme that coturn checks with <c>use-auth-secret</c>:
/// the username is <c>&lt;unix expiry&gt;:&lt;user id&gt;</c> and the credential base64(HMAC-SHA1(secret, username)),
/// so the TURN server can verify them without asking MeetSite.
/// </summary>
public static class TurnCredentials
{
    [SuppressMessage("Security", "CA5350", Justification = "The TURN REST API scheme that coturn implements is HMAC-SHA1.")]
    public static IceServer Create(TurnOptions turn, string userId, DateTimeOffset expires)
    {
        var secret = turn.Secret ?? throw new InvalidOperationException("WebRtc:Turn:Secret is not set.");
        var username = string.Create(CultureInfo.InvariantCulture, $"{expires.ToUnixTimeSeconds()}:{userId}");
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username));
        return new IceServer { Urls = [.. turn.Urls], Username = username, Credential = Convert.ToBase64String(mac) };
    }
}
